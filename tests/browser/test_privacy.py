"""A page of a generated site loads nothing from any host but its own, before any click.

Every HTML page of both example sites, in both languages, and of the portal is loaded until
the network is idle; every request it makes is recorded, and those for another host are
aborted (tests/browser/conftest.py), so the test never lets one leave the machine.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from generator.build import PORTAL_LANGUAGES
from tests.browser.conftest import (
    EXAMPLE_LANGUAGES,
    PORTAL,
    ContextOpener,
    language_root,
    section_files,
    url_path,
)
from tests.browser.test_accessibility import load_in_tabs

if TYPE_CHECKING:
    from playwright.sync_api import Page

pytestmark = pytest.mark.browser

RESOURCE_HINTS = """() => [...document.querySelectorAll("link[rel]")]
  .filter(l => /(^|\\s)(preconnect|dns-prefetch|prefetch|preload|prerender|modulepreload)(\\s|$)/i.test(l.rel))
  .map(l => l.href)"""
# Material's bundle fetches `sitemap.xml` beside every <link rel="alternate"> when a page loads.
ALTERNATE_SITEMAPS = """() => [...document.querySelectorAll('link[rel="alternate"]')]
  .map(l => { try { return new URL("sitemap.xml", l.href).href } catch (e) { return null } })
  .filter(u => u)"""

MATERIAL_SITEMAP = "material-sitemap"


@pytest.mark.parametrize("section", [PORTAL, *EXAMPLE_LANGUAGES])
def test_every_page_loads_nothing_from_another_host(
    section: str, example_site: Path, open_context: ContextOpener
) -> None:
    files = section_files(example_site, section)
    languages = PORTAL_LANGUAGES if section == PORTAL else EXAMPLE_LANGUAGES[section]
    paths = [url_path(example_site, f) for f in files]
    for language in languages:
        assert language_root(section, language) in paths, f"{section}: no {language} home page"

    # Tabs of one context share its cache: the site's own files load once. A request for
    # another host is never cached (it is aborted), so every page that asks for one asks.
    guarded = open_context()
    asked: dict[Page, list[str]] = {}
    found: dict[str, str] = {}
    for batch in load_in_tabs(guarded, paths, asked):
        for path, page in batch:
            page.wait_for_load_state("networkidle")
            hints = [u for u in page.evaluate(RESOURCE_HINTS) if not guarded.is_local(u)]
            sitemaps = set(page.evaluate(ALTERNATE_SITEMAPS))
            for url in dict.fromkeys(u for u in asked[page] if not guarded.is_local(u)):
                kind = MATERIAL_SITEMAP if url in sitemaps else url
                found.setdefault(kind, f"{kind}:")
                found[kind] += f"\n    {path} requested {url}"
            for url in hints:
                found.setdefault(url, f"{url}:")
                found[url] += f"\n    {path} asks the browser to connect early (resource hint)"

    assert not found, (
        f"{section}: {len(paths)} pages, requests to another host than the site's:\n"
        + "\n".join(found.values())
    )
