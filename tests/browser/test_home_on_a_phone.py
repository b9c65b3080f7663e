"""On a phone, the home page's first screen holds the one ask: a big button that leads where
it says; the primary hashtag's copy button copies exactly the tag; nothing scrolls sideways.

Both examples in both languages, at 360 x 740 and 390 x 844 CSS px, scripts on and off. The
ask of the demo leads to another host: that host is routed to a stub page served by the test.
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from urllib.parse import urljoin

import pytest

from tests.browser.conftest import (
    EXAMPLE_LANGUAGES,
    EXAMPLES,
    MIN_TARGET,
    PHONES,
    SHARE_SHEET,
    ContextOpener,
    language_root,
)

if TYPE_CHECKING:
    from playwright.sync_api import Page, Route

pytestmark = pytest.mark.browser

ASK = "article a.pv-ask"
COPY = "article .pv-home button.pv-copy"
STUB_PAGE = "<!doctype html><html lang=en><title>stub</title><p>stub</p></html>"
BOX = "el => { const r = el.getBoundingClientRect(); return [r.top, r.bottom, r.width, r.height] }"
# Not innerWidth: with mobile emulation it grows to the page's width when a page overflows.
SIDEWAYS = "() => document.documentElement.scrollWidth"


CASES = [
    pytest.param(section, language, phone, id=f"{section}-{language}-{phone}")
    for section, languages in EXAMPLE_LANGUAGES.items()
    for language in languages
    for phone in PHONES
]


def open_home(
    open_context: ContextOpener, section: str, language: str, phone: str, scripts: bool = True
) -> Page:
    width, height = PHONES[phone]
    guarded = open_context(
        viewport={"width": width, "height": height},
        java_script_enabled=scripts,
        has_touch=True,
        is_mobile=True,
    )
    page = guarded.new_page()
    page.goto(language_root(section, language))
    return page


def primary_tag(section: str, language: str) -> str:
    return "#" + next(m for m in EXAMPLES if m.slug == section).spec.primary_hashtag(language).tag


def expected_ask(section: str, language: str, origin: str) -> str:
    """Where the ask must lead: the movement's `ask.url`, else its posts page."""
    spec = next(m for m in EXAMPLES if m.slug == section).spec
    if spec.ask is not None:
        return spec.ask.url
    return urljoin(origin + language_root(section, language), "kit/posts/")


def assert_big_enough(page: Page, selector: str, what: str) -> None:
    element = page.locator(selector)
    assert element.count() == 1 and element.is_visible(), f"no visible {what}"
    _, _, width, height = element.evaluate(BOX)
    assert width >= MIN_TARGET and height >= MIN_TARGET, f"{what}: {width:.0f} x {height:.0f} px"


def assert_first_screen(page: Page, phone: str) -> None:
    """The ask is one big button entirely above the fold, and nothing scrolls sideways."""
    assert page.locator(ASK).count() == 1, "the home page has not exactly one ask"
    assert_big_enough(page, ASK, "the ask")
    top, bottom, _, _ = page.locator(ASK).evaluate(BOX)
    fold = PHONES[phone][1]
    assert top >= 0 and bottom <= fold, (
        f"the ask spans {top:.0f} to {bottom:.0f} px, fold at {fold}"
    )
    width = PHONES[phone][0]
    scroll_width = page.evaluate(SIDEWAYS)
    assert scroll_width <= width, f"{scroll_width} px wide on a {width} px phone"


@pytest.mark.parametrize(("section", "language", "phone"), CASES)
def test_with_scripts_the_ask_leads_the_first_screen_and_the_hashtag_copies(
    section: str, language: str, phone: str, open_context: ContextOpener, site_origin: str
) -> None:
    page = open_home(open_context, section, language, phone)
    assert_first_screen(page, phone)
    assert_big_enough(page, 'article .pv-home a[href="guide/"]', "the guide's link")
    assert_big_enough(page, COPY, "the hashtag's copy button")
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_origin)
    page.evaluate("() => navigator.clipboard.writeText('(nothing copied yet)')")
    page.locator(COPY).click()
    tag = primary_tag(section, language)
    page.wait_for_function("tag => navigator.clipboard.readText().then(t => t === tag)", arg=tag)
    assert page.evaluate("() => navigator.clipboard.readText()") == tag


@pytest.mark.parametrize(("section", "language", "phone"), CASES)
def test_without_scripts_the_ask_leads_the_first_screen_and_no_button_is_dead(
    section: str, language: str, phone: str, open_context: ContextOpener
) -> None:
    page = open_home(open_context, section, language, phone, scripts=False)
    assert_first_screen(page, phone)
    assert page.locator(COPY).count() == 1 and not page.locator(COPY).is_visible()
    assert page.locator("article .pv-home__tag").inner_text() == primary_tag(section, language)


@pytest.mark.parametrize(("section", "language", "phone"), CASES)
def test_the_ask_leads_where_it_says(
    section: str, language: str, phone: str, open_context: ContextOpener, site_origin: str
) -> None:
    expected = expected_ask(section, language, site_origin)
    page = open_home(open_context, section, language, phone)
    ask = page.locator(ASK)
    assert ask.evaluate("a => a.href") == expected
    if expected.startswith(site_origin):
        ask.click()
        page.wait_for_url(expected)
        assert page.locator("article .pv-post").count(), "the ask's page shows no post"
        return
    stubbed: list[str] = []

    def stub(route: Route) -> None:
        stubbed.append(route.request.url)
        route.fulfill(status=200, content_type="text/html", body=STUB_PAGE)

    page.context.route(expected, stub)
    with page.context.expect_page() as opened:
        ask.click()
    popup = opened.value
    popup.wait_for_load_state("domcontentloaded")
    assert popup.url == expected and stubbed == [expected]
    assert popup.evaluate("() => window.opener === null"), "the new page can reach its opener"


def assert_on_first_screen(page: Page, selector: str, phone: str, what: str) -> None:
    assert_big_enough(page, selector, what)
    top, bottom, _, _ = page.locator(selector).first.evaluate(BOX)
    assert top >= 0 and bottom <= PHONES[phone][1], f"{what} spans {top:.0f} to {bottom:.0f} px"


@pytest.mark.parametrize(("section", "language", "phone"), CASES)
def test_a_post_is_shared_in_two_taps_from_the_home_page(
    section: str, language: str, phone: str, open_context: ContextOpener
) -> None:
    width, height = PHONES[phone]
    guarded = open_context(
        viewport={"width": width, "height": height}, has_touch=True, is_mobile=True
    )
    guarded.context.add_init_script(SHARE_SHEET)
    page = guarded.new_page()
    page.goto(language_root(section, language))
    to_posts = 'article .pv-home a[href="kit/posts/"]'
    assert page.locator(to_posts).count() == 1, "no way from the home page to the posts"
    assert_on_first_screen(page, to_posts, phone, "the way to the posts")
    page.locator(to_posts).tap()  # first tap
    page.wait_for_url("**/kit/posts/")
    share = "article .pv-card button.pv-native-share:visible >> nth=0"
    assert_on_first_screen(page, share, phone, "the first post's Share button")
    page.locator(share).first.tap()  # second tap: the phone's share sheet
    page.wait_for_function("() => window.pvShared.length === 1")
    (shared,) = page.evaluate("() => window.pvShared")
    shown = page.locator("article .pv-card .pv-post:visible").first.inner_text().strip()
    assert " ".join(p for p in (shared["text"], shared.get("url", "")) if p) == shown
    assert guarded.foreign_requests() == []
