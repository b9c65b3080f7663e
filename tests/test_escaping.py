"""Text from a movement file is shown as typed wherever it lands, and never becomes markup."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from generator.build import BuildOptions, Project, build
from generator.render.escape import escape_markdown
from tests.support import make_project, read_page

PAYLOAD = (
    '<script>alert(1)</script> "><img src=x onerror=alert(2)> [x](javascript:alert(3)) '
    "**bold** _em_ `code` {{ 7*7 }} {% raw %} <!-- &amp; ' \\"
)
# The theme's own inline scripts; anything else inline would be injected.
MATERIAL_INLINE_SCRIPTS = ("__md_scope=", "var target=", '{"annotate"')
LINE_START_PAYLOAD = "# heading\n- item\n1. item\n    code\n> quote"


def movement_with_payloads() -> str:
    text = json.dumps(PAYLOAD)
    lines = json.dumps(LINE_START_PAYLOAD)
    return f"""\
name: {text}
tagline: {text}
description: {lines}
organization: {{name: {text}, handle: Org_1, url: "https://example.org/?a=1&b=<2>"}}
hashtags:
  - {{tag: Évasion, primary: true, note: {text}}}
posts:
  - id: p1
    text: {text}
    url: "https://example.org/path?q=\\"x\\"&y=1"
    variants: [{lines}]
questions: [{text}]
conversations:
  - {{post: "https://x.com/Org_1/status/123", action: quote, prompt: {text}}}
accounts:
  - {{handle: Org_1, note: {text}, group: {text}}}
lists:
  - {{id: "42", owner: Org_1, name: {text}, description: {text}}}
"""


@pytest.fixture(scope="module")
def payload_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = make_project(tmp_path_factory.mktemp("payloads"), {"payload": movement_with_payloads()})
    build(BuildOptions(project=Project(root), site_dir=root / "site"))
    return root / "site"


def test_escape_markdown_neutralizes_syntax() -> None:
    escaped = escape_markdown(PAYLOAD)
    for char in "<>*_`[]{}#&\"'\\":
        assert char not in escaped.replace("&#", "").replace(";", ""), char
    assert escape_markdown("a\nb") == "a<br>b"
    assert escape_markdown("- item").startswith("&#45;")
    assert escape_markdown("keep, spaces ") == "keep, spaces "


def test_no_payload_becomes_markup_on_any_page(payload_site: Path) -> None:
    pages = sorted(payload_site.rglob("*.html"))
    assert len(pages) > 20
    for html_file in pages:
        page = read_page(html_file)
        for tag in page.tags:
            handlers = [name for name in tag.attrs if name.startswith("on")]
            assert handlers == [], f"{html_file}: <{tag.name} {handlers}>"
            assert not tag.attrs.get("href", "").lower().startswith("javascript:"), html_file
            assert not (tag.name == "img" and tag.attrs.get("src") == "x"), html_file
        text = html_file.read_text(encoding="utf-8")
        for script in re.findall(r"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", text, re.S):
            assert script.startswith(MATERIAL_INLINE_SCRIPTS), f"{html_file}: {script[:80]}"
        assert "<script>alert" not in text and "<img src=x" not in text
        assert "<strong>bold</strong>" not in text and "<em>em</em>" not in text
        assert "49" not in " ".join(page.text).replace("2049", "")


def test_payload_text_is_shown_as_typed(payload_site: Path) -> None:
    home = read_page(payload_site / "payload" / "index.html")
    shown = " ".join(home.text)
    assert "<script>alert(1)</script>" in shown  # as text, not as a tag
    assert "{{ 7*7 }}" in shown
    title = (payload_site / "payload" / "index.html").read_text(encoding="utf-8")
    assert "<title>&lt;script&gt;alert(1)&lt;/script&gt;" in title
    posts = " ".join(read_page(payload_site / "payload" / "kit" / "posts" / "index.html").text)
    assert "**bold** _em_ `code`" in posts
    assert "# heading" in posts and "- item" in posts  # no heading, no list made of it


def test_line_breaks_become_br_not_blocks(payload_site: Path) -> None:
    html = (payload_site / "payload" / "index.html").read_text(encoding="utf-8")
    assert "<h1" in html and html.count("<h1") == 1
    assert "&#35; heading<br>&#45; item<br>&#49;. item<br>" in html.replace("&#32;", " ")
