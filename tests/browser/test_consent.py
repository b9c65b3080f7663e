"""X's live list timeline loads only after the visitor asks for it, and never after withdrawal.

widgets.js is answered by a stub served by the test: nothing leaves the machine.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from tests.browser.conftest import GuardedContext, language_root

if TYPE_CHECKING:
    from playwright.sync_api import Page, Route

pytestmark = pytest.mark.browser

WIDGETS = "https://platform.twitter.com/widgets.js"
STUB = "window.__pvWidgetsLoaded = (window.__pvWidgetsLoaded || 0) + 1;"


def stub_widgets(guarded: GuardedContext) -> list[str]:
    answered: list[str] = []

    def answer(route: Route) -> None:
        answered.append(route.request.url)
        route.fulfill(status=200, content_type="text/javascript", body=STUB)

    guarded.context.route(WIDGETS, answer)
    return answered


def open_lists(guarded: GuardedContext, language: str) -> Page:
    page = guarded.new_page()
    page.goto(language_root("demo", language) + "kit/lists/")
    page.wait_for_load_state("networkidle")
    return page


@pytest.mark.parametrize("language", ["fr", "en"])
def test_consent_loads_the_timeline_and_withdrawal_stops_it(
    language: str, guarded: GuardedContext
) -> None:
    answered = stub_widgets(guarded)
    page = open_lists(guarded, language)
    assert guarded.foreign_requests() == []  # nothing from X before the visitor asks
    assert page.locator("a.twitter-timeline").count() == 0
    withdraw = page.locator("[data-pv-consent-withdraw]")
    assert withdraw.is_hidden()  # nothing to withdraw yet

    grant = page.locator("[data-pv-consent-grant]").first
    assert grant.is_visible()
    grant.click()
    page.wait_for_function("() => window.__pvWidgetsLoaded === 1")
    assert answered == [WIDGETS]
    timelines = page.locator("a.twitter-timeline")
    assert timelines.count() == page.locator("[data-pv-embed]").count() >= 1
    assert timelines.first.get_attribute("data-dnt") == "true"

    # The choice is remembered: the next visit loads the timeline by itself.
    page.reload()
    page.wait_for_function("() => window.__pvWidgetsLoaded === 1")
    assert len(answered) == 2

    # Withdrawn from the footer link: the page reloads and nothing comes from X again.
    page.locator("[data-pv-consent-withdraw]").click()
    page.wait_for_load_state("networkidle")
    assert page.evaluate("() => window.__pvWidgetsLoaded") is None
    page.reload()
    page.wait_for_load_state("networkidle")
    assert len(answered) == 2
    assert page.locator("a.twitter-timeline").count() == 0
    assert page.locator("[data-pv-consent-grant]").first.is_visible()
    assert [u for u in guarded.foreign_requests() if u != WIDGETS] == []


def test_without_javascript_the_lists_page_offers_the_static_posts_only(
    open_context: object,
) -> None:
    guarded = open_context(java_script_enabled=False)  # type: ignore[operator]
    page = open_lists(guarded, "en")
    assert page.locator("article.pv-xpost").count() >= 1
    assert page.locator("[data-pv-consent-grant]").first.is_hidden()
    assert guarded.foreign_requests() == []
