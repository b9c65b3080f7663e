"""axe-core finds no serious or critical accessibility violation on any page type, either language."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

import pytest

from generator.build import PORTAL_LANGUAGES
from tests.browser.conftest import (
    EXAMPLE_LANGUAGES,
    PORTAL,
    SERIOUS,
    ContextOpener,
    axe_batches,
    describe_violation,
    language_root,
)

if TYPE_CHECKING:
    from playwright.sync_api import Browser

pytestmark = pytest.mark.browser

PAGES = {
    "home": "",
    "guide": "guide/",
    "novice": "guide/novice/",
    "competent": "guide/competent/",
    "expert": "guide/expert/",
    "hashtags": "kit/hashtags/",
    "posts": "kit/posts/",
    "conversations": "kit/conversations/",
    "accounts": "kit/accounts/",
    "lists": "kit/lists/",
    "activity": "kit/activity/",
}


def cases() -> list[object]:
    """Every page type of both examples in each language, and the portal."""
    targets = [
        (section, lang, page)
        for section in EXAMPLE_LANGUAGES
        for lang in EXAMPLE_LANGUAGES[section]
        for page in PAGES
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
            paths = [root] if section == PORTAL else [root + path for path in PAGES.values()]
            cache[section, language] = axe_batches(opener, paths)
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
