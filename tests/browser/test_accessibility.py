"""axe-core finds no serious or critical accessibility violation on any page type, either language.

A violation our pages are known to have (the template responsible is named) makes its cases a
strict xfail: the test fails again when that violation goes away, or when another one appears.
"""

from __future__ import annotations

import pytest

from generator.build import PORTAL_LANGUAGES
from tests.browser.conftest import (
    EXAMPLE_LANGUAGES,
    PORTAL,
    SERIOUS,
    GuardedContext,
    KnownFailure,
    describe_violation,
    expect_only_known,
    language_root,
    run_axe,
)

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

SEARCH_DIALOG = (
    "aria-dialog-name: Material's partials/search.html gives the search its role=dialog "
    "without a name (no override in overrides/partials/)"
)


DEMO_PALETTE = (
    "color-contrast: movements/demo/movement.yml sets theme.primary: teal; Material's teal "
    "(#009485) gives 3.76:1 with white (header, buttons) and as link colour on white, under "
    "4.5:1; the generator accepts any Material palette without checking its contrast"
)


def known_violations(section: str, page_type: str) -> dict[str, str]:
    """The serious violations each page is known to have: rule id → where it comes from."""
    known = {"aria-dialog-name": SEARCH_DIALOG}
    if section == "demo":
        known["color-contrast"] = DEMO_PALETTE
    return known


def cases() -> list[object]:
    """Every page type of both examples in each language, and the portal; known ones xfail."""
    params: list[object] = []
    targets = [
        (section, lang, page)
        for section in EXAMPLE_LANGUAGES
        for lang in EXAMPLE_LANGUAGES[section]
        for page in PAGES
    ]
    targets += [(PORTAL, lang, "portal") for lang in PORTAL_LANGUAGES]
    for section, language, page in targets:
        known = known_violations(section, page)
        marks = (
            [pytest.mark.xfail(strict=True, raises=KnownFailure, reason="; ".join(known.values()))]
            if known
            else []
        )
        params.append(
            pytest.param(section, language, page, marks=marks, id=f"{section}-{language}-{page}")
        )
    return params


@pytest.mark.parametrize(("section", "language", "page_type"), cases())
def test_no_serious_accessibility_violation(
    section: str, language: str, page_type: str, guarded: GuardedContext
) -> None:
    url = language_root(section, language) + PAGES.get(page_type, "")
    page = guarded.new_page()
    page.goto(url)
    assert page.get_attribute("html", "lang") == language, f"{url} is not the {language} page"

    serious = [v for v in run_axe(page) if v["impact"] in SERIOUS]
    found = {v["id"]: describe_violation(v) for v in serious}
    known = known_violations(section, page_type)
    expect_only_known(found, known, f"{url}: axe-core's serious and critical violations")
