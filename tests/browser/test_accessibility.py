"""axe-core finds no serious or critical accessibility violation on any page type, either language,
in the light scheme and in the dark one (a phone set to dark mode)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

import pytest

from generator.build import PORTAL_LANGUAGES
from generator.layout import page_dir
from generator.render.pages import movement_pages
from generator.snapshot.store import snapshot_files
from tests.browser.conftest import (
    AXE_RESULT,
    AXE_START,
    EXAMPLE_LANGUAGES,
    EXAMPLES,
    PARALLEL_LOADS,
    PORTAL,
    SERIOUS,
    ContextOpener,
    GuardedContext,
    describe_violation,
    language_root,
)

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

pytestmark = pytest.mark.browser

PAGES = {
    "home": "",
    "guide": "guide/",
    "novice": "guide/novice/",
    "competent": "guide/competent/",
    "expert": "guide/expert/",
    "hashtags": "kit/hashtags/",
    "posts": "kit/posts/",
    "targets": "kit/targets/",
    "conversations": "kit/conversations/",
    "accounts": "kit/accounts/",
    "lists": "kit/lists/",
    "activity": "kit/activity/",
}


def site_has(section: str, path: str) -> bool:
    """Whether an example's site has the page at `path` (a kit page with nothing to show
    is left out)."""
    loaded = next(m for m in EXAMPLES if m.slug == section)
    pages = movement_pages(loaded.spec, bool(snapshot_files(loaded.folder)))
    return path in {page_dir(page.path) for page in pages}


def cases() -> list[object]:
    """Every page type of both examples in each language, and the portal."""
    targets = [
        (section, lang, page)
        for section in EXAMPLE_LANGUAGES
        for lang in EXAMPLE_LANGUAGES[section]
        for page in PAGES
        if site_has(section, PAGES[page])
    ]
    targets += [(PORTAL, lang, "portal") for lang in PORTAL_LANGUAGES]
    return [
        pytest.param(section, language, page, id=f"{section}-{language}-{page}")
        for section, language, page in targets
    ]


AxeResults = dict[str, tuple[str | None, list[dict[str, Any]]]]


@pytest.fixture(scope="module")
def axe_results(chromium: Browser, site_origin: str) -> Iterator[Callable[[str, str], AxeResults]]:
    """axe-core's results for every page type of a site in one language, checked together on
    first use (each page in a fresh context) so that both cores work."""
    opener = ContextOpener(chromium, site_origin)
    cache: dict[tuple[str, str], AxeResults] = {}

    def results(section: str, language: str) -> AxeResults:
        if (section, language) not in cache:
            root = language_root(section, language)
            paths = (
                [root]
                if section == PORTAL
                else [root + path for path in PAGES.values() if site_has(section, path)]
            )
            cache[section, language] = axe_in_tabs(opener(), paths)
        return cache[section, language]

    yield results
    opener.close_all()


@pytest.mark.parametrize(("section", "language", "page_type"), cases())
def test_no_serious_accessibility_violation(
    section: str, language: str, page_type: str, axe_results: Callable[[str, str], AxeResults]
) -> None:
    url = language_root(section, language) + PAGES.get(page_type, "")
    html_lang, violations = axe_results(section, language)[url]
    assert html_lang == language, f"{url} is not the {language} page"

    serious = [v for v in violations if v["impact"] in SERIOUS]
    assert not serious, f"{url}: axe-core's serious and critical violations:\n" + "\n".join(
        describe_violation(v) for v in serious
    )


# The dark pass: the same pages in contexts whose device prefers a dark scheme, so that the
# theme shows its slate scheme through the palette's media query, as on such a phone. Only
# colours differ from the light pass (same markup; the header shows another, identical
# toggle), so only axe-core's AA colour rules run again: text contrast (1.4.3) and links told
# apart from the text around them (1.4.1).
SCHEME = "() => document.body.getAttribute('data-md-color-scheme')"
AXE_COLOURS_START = (
    "() => { window.__pvAxe = axe.run(document, "
    "{resultTypes: ['violations'], runOnly: ['color-contrast', 'link-in-text-block']}); }"
)
DarkResults = dict[str, tuple[str | None, list[str], list[dict[str, Any]]]]


def load_in_tabs(
    guarded: GuardedContext, paths: list[str], asked: dict[Page, list[str]] | None = None
) -> Iterator[list[tuple[str, Page]]]:
    """Load `paths` PARALLEL_LOADS at a time, in tabs of one guarded context, and yield each
    batch once loaded. The tabs share the context's HTTP cache: the theme's scripts and
    styles load once, three times faster than a fresh context per page. With `asked`, each
    tab's list there holds the URLs its current page requested."""
    tabs = [guarded.new_page() for _ in range(min(PARALLEL_LOADS, len(paths)))]
    if asked is not None:
        for tab in tabs:
            asked[tab] = []
            tab.on("request", lambda request, tab=tab: asked[tab].append(request.url))
    for start in range(0, len(paths), len(tabs)):
        batch = list(zip(paths[start : start + len(tabs)], tabs, strict=False))
        for path, tab in batch:
            if asked is not None:
                asked[tab].clear()
            tab.goto(path, wait_until="commit")
        for _, tab in batch:
            tab.wait_for_load_state("load")
        yield batch


def axe_in_tabs(
    guarded: GuardedContext, paths: list[str]
) -> dict[str, tuple[str | None, list[dict[str, Any]]]]:
    """Each page's `<html lang>` and axe-core's violations on it (axe.min.js as
    axe-playwright-python ships it); the pages of a batch are checked at the same time, in
    tabs of one context (axe reads the page, not the cache)."""
    from axe_playwright_python.base import AXE_SCRIPT

    results = {}
    for batch in load_in_tabs(guarded, paths):
        for _, page in batch:
            page.evaluate(AXE_SCRIPT)
            page.evaluate(AXE_START)
        for path, page in batch:
            results[path] = (page.get_attribute("html", "lang"), page.evaluate(AXE_RESULT))
    return results


def dark_axe_batches(guarded: GuardedContext, paths: list[str]) -> DarkResults:
    """Each page's colour scheme, the requests the pages made to other hosts (none may leave:
    the toggle's icons are inlined) and axe-core's colour violations; the pages of a batch
    are checked at the same time."""
    from axe_playwright_python.base import AXE_SCRIPT

    found = []
    for batch in load_in_tabs(guarded, paths):
        for _, page in batch:
            page.evaluate(AXE_SCRIPT)
            page.evaluate(AXE_COLOURS_START)
        found += [(path, page.evaluate(SCHEME), page.evaluate(AXE_RESULT)) for path, page in batch]
    return {path: (scheme, guarded.foreign_requests(), v) for path, scheme, v in found}


@pytest.fixture(scope="module")
def dark_axe_results(
    chromium: Browser, site_origin: str
) -> Iterator[Callable[[str, str], DarkResults]]:
    """axe-core's results in the dark scheme for every page that `cases()` checks, a site
    and language at a time, on first use."""
    opener = ContextOpener(chromium, site_origin)
    cache: dict[tuple[str, str], DarkResults] = {}

    def results(section: str, language: str) -> DarkResults:
        if (section, language) not in cache:
            paths = [
                language_root(s, lang) + PAGES.get(page, "")
                for s, lang, page in (case.values for case in cases())  # type: ignore[attr-defined]
                if (s, lang) == (section, language)
            ]
            cache[section, language] = dark_axe_batches(opener(color_scheme="dark"), paths)
        return cache[section, language]

    yield results
    opener.close_all()


@pytest.mark.parametrize(("section", "language", "page_type"), cases())
def test_no_serious_accessibility_violation_in_dark_mode(
    section: str,
    language: str,
    page_type: str,
    dark_axe_results: Callable[[str, str], DarkResults],
) -> None:
    url = language_root(section, language) + PAGES.get(page_type, "")
    scheme, foreign, violations = dark_axe_results(section, language)[url]
    assert scheme == "slate", f"{url} is not dark on a phone set to dark mode"
    assert not foreign, f"{url}, dark: requests to other hosts: {foreign}"

    serious = [v for v in violations if v["impact"] in SERIOUS]
    assert not serious, f"{url}, dark: axe-core's serious and critical violations:\n" + "\n".join(
        describe_violation(v) for v in serious
    )
