"""The page that writes to decision-makers, as a supporter uses it on a phone: the finder
filters in the page (nothing is requested while typing), each person's links carry the post
with their own handle, and the page works with a keyboard, a screen reader and no script.

The demo's fictional council: the mayor (no district), and wards 1 to 4, whose codes are
their numbers and postal prefixes Z0A to Z0E (no Canadian postal code starts with Z).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs, unquote, urlsplit

import pytest

from tests.browser.conftest import (
    AXE_RESULT,
    AXE_START,
    EXAMPLES,
    MIN_TARGET,
    SERIOUS,
    ContextOpener,
    GuardedContext,
    describe_violation,
    language_root,
    link_facts,
    plain_new_tab_link_problems,
)
from tests.browser.test_share_and_copy import x_composes

if TYPE_CHECKING:
    from playwright.sync_api import Page

pytestmark = pytest.mark.browser

DEMO = next(m for m in EXAMPLES if m.slug == "demo")
PAGE = "kit/targets/"
LANGUAGES = list(DEMO.spec.languages)
MAYOR, SAMIR, LEA, MARC, NADIA = (p.name["fr"] for p in DEMO.spec.targets[0].people)
SHOWN = """() => [...document.querySelectorAll("details.pv-target")]
  .filter(d => !d.hidden && d.getClientRects().length)
  .map(d => d.querySelector(".pv-target__name").textContent)"""
STATUS = "() => document.querySelector('[data-pv-finder-status]').textContent"
# (what is typed, who is shown) — the ward's number whole, a postal code's start either way
# round, a district's name without its accents, and nothing.
QUERIES = {
    "fr": [
        ("2", [LEA]),
        ("1", [SAMIR]),
        ("z0", [SAMIR, LEA, MARC, NADIA]),
        ("Z0B 1A2", [LEA]),
        ("z0c", [LEA]),
        ("erables", [MARC]),
        ("vieux-belvent", [NADIA]),
        ("mairesse", [MAYOR]),
        ("", [MAYOR, SAMIR, LEA, MARC, NADIA]),
    ],
    "en": [
        ("3", [MARC]),
        ("Z0E", [NADIA]),
        ("maples", [MARC]),
        ("old belvent", [NADIA]),
        ("", [MAYOR, SAMIR, LEA, MARC, NADIA]),
    ],
}
STATUS_TEXTS = {
    "fr": ("1 personne correspond.", "4 personnes correspondent.", "Personne ne correspond"),
    "en": ("1 person matches.", "4 people match.", "No one matches"),
}


def open_targets(guarded: GuardedContext, language: str) -> Page:
    page = guarded.new_page()
    page.goto(language_root("demo", language) + PAGE)
    return page


def settle(page: Page) -> None:
    """Wait past the finder's pause before it announces a count."""
    page.wait_for_timeout(500)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_finder_shows_only_the_right_people_and_asks_nothing_of_any_server(
    language: str, guarded: GuardedContext
) -> None:
    page = open_targets(guarded, language)
    page.wait_for_load_state("networkidle")
    finder = page.get_by_label(
        {"fr": "Trouvez votre élu", "en": "Find your representative"}[language]
    )
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    one, four, none = STATUS_TEXTS[language]
    for typed, expected in QUERIES[language]:
        finder.fill(typed)
        assert page.evaluate(SHOWN) == expected, f"typed {typed!r}"
        if len(expected) == 1:
            opened = page.locator("details.pv-target[open]:not([hidden])")
            assert opened.count() == 1 and expected[0] in opened.inner_text()
    finder.fill("z0")
    settle(page)
    assert page.evaluate(STATUS) == four
    finder.fill("2")
    settle(page)
    assert page.evaluate(STATUS) == one
    finder.fill("Xyz")
    settle(page)
    assert page.evaluate(SHOWN) == []
    assert page.evaluate(STATUS).startswith(none) and "Xyz" in page.evaluate(STATUS)
    assert page.locator("[data-pv-group-heading]").is_hidden()
    finder.fill("")
    assert page.locator("[data-pv-group-heading]").is_visible()
    assert requests == [], f"typing in the finder made requests: {requests}"
    assert not guarded.foreign_requests()


MENTIONS = """() => [...document.querySelectorAll("details.pv-target")].map(d => ({
  name: d.querySelector(".pv-target__name").textContent,
  links: [...d.querySelectorAll(".pv-target__post a.pv-share")].map(a => ({
    network: a.dataset.network, href: a.href})),
}))"""


def _carried(link: dict[str, Any]) -> str:
    """The text a share link hands its network (X's composed post, the mail's body)."""
    parts = urlsplit(link["href"])
    if link["network"] == "x":
        return x_composes(parts.query)
    field = "body" if link["network"] == "email" else "text"
    return parse_qs(parts.query)[field][0]


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_share_link_decodes_to_the_post_with_that_persons_handle(
    language: str, guarded: GuardedContext
) -> None:
    page = open_targets(guarded, language)
    people = {p.name[language]: p for p in DEMO.spec.targets[0].people}
    posts = DEMO.spec.addressed_posts("conseil")
    wordings = sum(1 + len(post.variants) for post in posts)
    seen = page.evaluate(MENTIONS)
    assert [entry["name"] for entry in seen] == list(people)
    for entry in seen:
        person = people[entry["name"]]
        expected = {
            **person.mentions(),
            **({"email": person.name[language]} if person.email else {}),
        }
        by_network: dict[str, list[str]] = {}
        for link in entry["links"]:
            by_network.setdefault(link["network"], []).append(_carried(link))
        assert sorted(by_network) == sorted(expected), entry["name"]
        for network, texts in by_network.items():
            assert len(texts) == wordings, (entry["name"], network)
            for text in texts:
                assert text.count(expected[network]) >= 1, (entry["name"], network, text)
                assert "{target}" not in text
                others = [
                    m for p in people.values() if p is not person for m in p.mentions().values()
                ]
                assert not any(other in text for other in others), (entry["name"], text)
        emails = [link for link in entry["links"] if link["network"] == "email"]
        for link in emails:
            assert unquote(urlsplit(link["href"]).path) == person.email


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_finder_works_from_the_keyboard_and_announces_its_results(
    language: str, guarded: GuardedContext
) -> None:
    page = open_targets(guarded, language)
    finder = page.locator("#pv-finder-input")
    assert page.locator("label[for=pv-finder-input]").inner_text() in (
        "Trouvez votre élu", "Find your representative"
    )  # fmt: skip
    assert page.locator("[data-pv-finder-status]").get_attribute("role") == "status"
    finder.focus()
    page.keyboard.type("3")
    settle(page)
    assert page.evaluate(STATUS) == STATUS_TEXTS[language][0]
    page.keyboard.press("Tab")
    focused = page.evaluate("() => document.activeElement.closest('details.pv-target') !== null")
    assert focused, "Tab from the finder does not reach the person found"
    link = page.locator("details.pv-target[open] .pv-target__post a.pv-share").first
    link.focus()
    assert link.evaluate("a => a.dataset.network") == "bluesky"  # Marc-André is not on X
    outline = link.evaluate("a => getComputedStyle(a).outlineStyle")
    assert outline != "none", "a focused share link shows no outline"


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_page_is_axe_clean_with_everyone_open_and_a_search_typed(
    scheme: str, open_context: ContextOpener
) -> None:
    from axe_playwright_python.base import AXE_SCRIPT

    page = open_context(color_scheme=scheme).new_page()
    page.goto(language_root("demo", "fr") + PAGE)
    page.fill("#pv-finder-input", "Xyz")
    settle(page)
    page.fill("#pv-finder-input", "")
    page.evaluate(
        "() => document.querySelectorAll('details.pv-target').forEach(d => d.open = true)"
    )
    page.evaluate(AXE_SCRIPT)
    page.evaluate(AXE_START)
    serious = [v for v in page.evaluate(AXE_RESULT) if v["impact"] in SERIOUS]
    assert not serious, f"{scheme}: axe-core's serious and critical violations:\n" + "\n".join(
        describe_violation(v) for v in serious
    )


TARGET_SIZES = """() => [...document.querySelectorAll(
    "details.pv-target summary, details.pv-target a, details.pv-target button:not([hidden]), "
    + "details.pv-target .pv-pick + label, #pv-finder-input")]
  .filter(el => el.getClientRects().length)
  .map(el => { const r = el.getBoundingClientRect();
    return {what: el.textContent.trim().slice(0, 40) || el.id, w: r.width, h: r.height}; })"""


@pytest.mark.parametrize("scripts", [True, False], ids=["js", "nojs"])
def test_everyone_opened_fits_a_360_px_phone_with_44_px_targets(
    scripts: bool, open_context: ContextOpener
) -> None:
    page = open_context(
        viewport={"width": 360, "height": 740}, java_script_enabled=scripts
    ).new_page()
    page.goto(language_root("demo", "fr") + PAGE)
    assert page.locator("[data-pv-finder]").is_visible() is scripts
    summaries = page.locator("details.pv-target > summary")
    assert summaries.count() == 5  # without a script too: the whole grouped list
    for index in range(summaries.count()):
        summaries.nth(index).click()  # opens it, with or without a script
    assert page.locator("details.pv-target[open]").count() == 5
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= 360, f"the page is {width} px wide at 360 px"
    small = [t for t in page.evaluate(TARGET_SIZES) if t["w"] < MIN_TARGET or t["h"] < MIN_TARGET]
    assert not small, f"action targets under {MIN_TARGET} px: {small}"
    problems = [
        p
        for link in link_facts(page, "details.pv-target a.pv-share, details.pv-target a.pv-follow")
        for p in plain_new_tab_link_problems(link)
    ]
    assert not problems, "\n".join(problems)
