"""Helpers shared by the tests: temporary projects and a small HTML reader."""

from __future__ import annotations

import shutil
import sys
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

# A small valid movement, for the tests that add one mistake or one bomb to it.
VALID_MOVEMENT = """\
languages: [fr, en]
name: {fr: Semaine des infirmières, en: Nursing Week}
tagline: {fr: Plus de soignantes dans nos hôpitaux., en: More nurses in our hospitals.}
organization:
  name: {fr: Syndicat des soins, en: Care Union}
  handle: CareUnion
  url: https://example.org/
site_url: https://example.org/nursing-week/
hashtags:
  - tag: NursingWeek
    primary: true
"""


def installed_tool(name: str) -> Path:
    """A command that the test extra installs beside the running interpreter.

    The suite runs as `.venv/bin/python -m pytest`, so `.venv/bin` need not be on PATH: look
    beside `sys.executable`, never on PATH, so that a tool installed elsewhere cannot hide a
    missing install step.
    """
    tool = Path(sys.executable).parent / name
    if not tool.is_file():
        raise AssertionError(f"{tool} is missing: install the test extra (`bash .ci/setup --test`)")
    return tool


def make_project(
    root: Path, movements: dict[str, str] | None = None, examples: bool = False
) -> Path:
    """A Porte-voix project in `root`: the repository's config, guide and theme, plus movements."""
    root.mkdir(parents=True, exist_ok=True)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(REPO / "docs", root / "docs")
    shutil.copytree(REPO / "overrides", root / "overrides")
    (root / "movements").mkdir()
    if examples:
        shutil.copytree(REPO / "movements", root / "movements", dirs_exist_ok=True)
    for slug, text in (movements or {}).items():
        (root / "movements" / slug).mkdir()
        (root / "movements" / slug / "movement.yml").write_text(text, encoding="utf-8")
    return root


def snapshot_tree(root: Path) -> dict[str, bytes]:
    """Every file under `root` and its bytes, to compare a folder before and after."""
    return {
        str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()
    }


@dataclass
class Tag:
    name: str
    attrs: dict[str, str]


@dataclass
class Page(HTMLParser):
    """The tags of an HTML page, with their attributes, and its visible text."""

    tags: list[Tag] = field(default_factory=list)
    text: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        super().__init__(convert_charrefs=True)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(Tag(tag, {k: v or "" for k, v in attrs}))

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    def find(self, name: str, **attrs: str) -> list[Tag]:
        """Tags named `name` whose attributes include `attrs`."""
        return [
            t
            for t in self.tags
            if t.name == name and all(t.attrs.get(k) == v for k, v in attrs.items())
        ]


def read_page(path: Path) -> Page:
    """Parse a built HTML page."""
    page = Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page
