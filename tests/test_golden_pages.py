"""Golden files pin the Markdown rendered for the example movements, page by page.

Refresh them after an intended change with one command, then review the diff:

    PORTEVOIX_UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_golden_pages.py
"""

from __future__ import annotations

import datetime as dt
import os

import pytest

from generator.layout import language_url
from generator.movement import discover_movements, load_movements
from generator.render.activity import History
from generator.render.pages import render_movement
from generator.snapshot.store import read_history
from tests.support import REPO

GOLDEN = REPO / "tests" / "golden"
UPDATE = os.environ.get("PORTEVOIX_UPDATE_GOLDEN") == "1"
EXAMPLES = load_movements(discover_movements(REPO / "movements"))
# The activity page says how old the latest snapshot is: "now" is pinned, the day after the
# demo's last sample snapshot, so the page changes only when the history does.
GOLDEN_NOW = dt.datetime(2026, 11, 25, 12, tzinfo=dt.UTC)
CASES = [(m, language) for m in EXAMPLES for language in m.spec.languages]


@pytest.mark.parametrize(
    ("loaded", "language"), CASES, ids=[f"{m.slug}-{lang}" for m, lang in CASES]
)
def test_rendered_markdown_matches_golden(loaded, language: str) -> None:
    root = language_url(loaded.spec.site_url, language, loaded.spec.default_language)
    history = History(read_history(loaded.folder), GOLDEN_NOW)
    pages = render_movement(loaded, language, REPO / "docs", root, history)
    for path, text in pages.items():
        # A Python object printed whole (a template used one where it wanted a text).
        assert "View(" not in text and " object at 0x" not in text, path
    folder = GOLDEN / loaded.slug / language
    if UPDATE:
        for path, text in pages.items():
            (folder / path).parent.mkdir(parents=True, exist_ok=True)
            (folder / path).write_text(text, encoding="utf-8")
    expected = {
        str(p.relative_to(folder)): p.read_text(encoding="utf-8") for p in folder.rglob("*.md")
    }
    assert sorted(pages) == sorted(expected), "pages were added or removed"
    for path, text in pages.items():
        assert text == expected[path], (
            f"{loaded.slug}/{language}/{path} differs from its golden file"
        )
