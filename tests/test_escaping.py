"""Text from a movement file is shown as typed wherever it lands, and never becomes markup."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.build import BuildOptions, Project, build
from generator.cli import main
from generator.render.escape import escape_markdown
from tests.support import make_project, read_page

PAYLOAD = (
    '<script>alert(1)</script> "><img src=x onerror=alert(2)> [x](javascript:alert(3)) '
    "**bold** _em_ `code` {{ 7*7 }} {% raw %} <!-- &amp; ' \\"
)
# The theme's own inline scripts (its scope, the palette of dark mode, a link's target, its
# config); anything else inline would be injected.
MATERIAL_INLINE_SCRIPTS = (
    "__md_scope=",
    'var palette=__md_get("__palette")',
    "var target=",
    '{"annotate"',
)
LINE_START_PAYLOAD = "# heading\n- item\n1. item\n    code\n> quote"


def movement_with_payloads() -> str:
    text = json.dumps(PAYLOAD)
    lines = json.dumps(LINE_START_PAYLOAD)
    return f"""\
name: {text}
tagline: {text}
description: {lines}
organization: {{name: {text}, handle: Org_1, url: "https://example.org/?a=1&b='2'"}}
hashtags:
  - {{tag: Évasion, primary: true, note: {text}}}
posts:
  - id: p1
    text: {text}
    url: "https://example.org/path?q='x'&y=1"
    variants: [{lines}]
  - id: p2
    targets: [council, ministers]
    text: {json.dumps("{target} " + PAYLOAD)}
    variants: [{json.dumps(LINE_START_PAYLOAD + " {target}")}]
questions: [{text}]
conversations:
  - {{post: "https://x.com/Org_1/status/123", action: quote, prompt: {text}}}
accounts:
  - {{handle: Org_1, note: {text}, group: {text}}}
lists:
  - {{id: "42", owner: Org_1, name: {text}, description: {text}}}
targets:
  - id: council
    name: {text}
    description: {text}
    people:
      - {{name: {text}, role: {text}, district: {{name: {text}, codes: [A1]}}, handle: Org_2,
          email: "a.b@example.org", phone: "+1 555 0100"}}
  - {{id: ministers, name: {text}, people: [{{name: {text}, role: {text}, email: "m@example.org"}}]}}
"""


# The characters HTML gives a meaning to that a checked web address may still hold as typed:
# '&' between the parameters of a query, and "'" (RFC 3986 allows both); '"', '<' and '>'
# are refused by `check` (see test_check_refuses_markup_in_site_url).
SITE_URL = "https://example.org/l'appel&co/"
SITE_URL_IN_ATTRIBUTE = "https://example.org/l&#39;appel&amp;co/"
ORGANIZATION_URL = "https://example.org/?a=1&b='2'"


def movement_with_special_urls() -> str:
    return f"""\
name: {{fr: L'appel, en: The call}}
tagline: {{fr: Des soins., en: Care.}}
organization: {{name: Org, handle: Org_1, url: "{ORGANIZATION_URL}"}}
site_url: "{SITE_URL}"
hashtags:
  - {{tag: Appel, primary: true}}
posts:
  - id: p1
    text: {{fr: Signez l'appel., en: Sign the call.}}
    url: "https://example.org/appel?qui='nous'&où=ici"
conversations:
  - {{post: "https://x.com/Org_1/status/123?s=20&t='a'", action: reply, prompt: Oui}}
"""


@pytest.fixture(scope="module")
def payload_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    movements = {"payload": movement_with_payloads(), "urls": movement_with_special_urls()}
    root = make_project(tmp_path_factory.mktemp("payloads"), movements)
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
    page = payload_site / "payload" / "kit" / "targets" / "index.html"
    targets = " ".join(read_page(page).text)
    assert "@Org_2 <script>alert(1)</script>" in targets  # the post, its handle filled in
    assert "**bold** _em_ `code` {{ 7*7 }}" in targets


def test_line_breaks_become_br_not_blocks(payload_site: Path) -> None:
    html = (payload_site / "payload" / "index.html").read_text(encoding="utf-8")
    assert "<h1" in html and html.count("<h1") == 1
    assert "&#35; heading<br>&#45; item<br>&#49;. item<br>" in html.replace("&#32;", " ")


def test_special_url_characters_are_escaped_in_every_attribute(payload_site: Path) -> None:
    home = (payload_site / "urls" / "index.html").read_text(encoding="utf-8")
    posts = (payload_site / "urls" / "kit" / "posts" / "index.html").read_text(encoding="utf-8")
    card = f"{SITE_URL_IN_ATTRIBUTE}assets/social-card.png"
    # Material's canonical link (printed through our `site_meta` block) and our card's tags.
    assert f'<link rel="canonical" href="{SITE_URL_IN_ATTRIBUTE}">' in home
    assert f'<meta property="og:url" content="{SITE_URL_IN_ATTRIBUTE}">' in home
    assert f'<meta property="og:image" content="{card}">' in home
    assert f'<meta name="twitter:image" content="{card}">' in home
    assert f'<link rel="canonical" href="{SITE_URL_IN_ATTRIBUTE}kit/posts/">' in posts
    assert '<a href="https://example.org/?a=1&amp;b=&#x27;2&#x27;"' in home
    english = (payload_site / "urls" / "en" / "index.html").read_text(encoding="utf-8")
    assert f'<link rel="canonical" href="{SITE_URL_IN_ATTRIBUTE}en/">' in english
    sitemap = (payload_site / "urls" / "sitemap.xml").read_text(encoding="utf-8")
    assert f"<loc>{SITE_URL_IN_ATTRIBUTE}</loc>" in sitemap
    for html_file in (payload_site / "urls").rglob("*.html"):
        for tag in read_page(html_file).tags:  # every value reads back as the address typed
            for name, value in tag.attrs.items():
                if "example.org/l" in value:
                    assert value.startswith(SITE_URL), f"{html_file}: <{tag.name} {name}={value!r}>"


INJECTED_SITE_URL = 'https://example.org/x/"><script>alert(1)</script>'


def test_check_refuses_markup_in_site_url(tmp_path: Path) -> None:
    movement = movement_with_special_urls().replace(f'"{SITE_URL}"', f"'{INJECTED_SITE_URL}'")
    root = make_project(tmp_path / "project", {"inject": movement})
    result = CliRunner().invoke(main, ["check", "--project", str(root)])
    assert result.exit_code == 2, result.output
    assert result.stderr.splitlines() == [
        f"{root}/movements/inject/movement.yml:4:1: site_url: '{INJECTED_SITE_URL}' holds '\"' "
        "at position 23 (and 5 more such characters after it), which a web address cannot hold "
        "as typed; percent-encode it as %22, or remove it",
        "1 error; nothing was written.",
    ]
