"""Share links open the network's composer with the post shown; copy buttons copy exactly.

The DOM contract of the share kit: `<a class="pv-share" data-network="x|bluesky|…" href
target="_blank" rel="noopener noreferrer">` and `<button type="button" class="pv-copy"
data-copy="…">`, announced in an `aria-live` region once copied. The networks' hosts are routed
to a stub page served by the test itself: nothing leaves the machine.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.browser.conftest import (
    EXAMPLE_SITES,
    EXAMPLES,
    SHARE_SHEET,
    GuardedContext,
    language_root,
)

if TYPE_CHECKING:
    from playwright.sync_api import Route

pytestmark = pytest.mark.browser

NETWORK_HOSTS = re.compile(
    r"^https://(x\.com|bsky\.app|share\.joinmastodon\.org|www\.threads\.com|www\.linkedin\.com"
    r"|www\.facebook\.com|wa\.me|t\.me)/"
)
EXAMPLE_HANDLES = {m.slug: m.spec.organization.handle for m in EXAMPLES}
STUB_PAGE = "<!doctype html><html lang=en><title>stub</title><p>stub</p></html>"

# The first X share link that comes after a post, with that post's text as the page shows it.
FIRST_POST_SHARE = """() => {
  const posts = [...document.querySelectorAll("article .pv-post")];
  const links = [...document.querySelectorAll('article a.pv-share[data-network="x"]')];
  for (const [index, link] of links.entries()) {
    const before = posts.filter(p => p.compareDocumentPosition(link) & Node.DOCUMENT_POSITION_FOLLOWING);
    if (before.length) return {index, href: link.href, shown: before[before.length - 1].innerText};
  }
  return null;
}"""
LIVE_TEXTS = (
    """() => [...document.querySelectorAll("[aria-live]")].map(r => r.textContent.trim())"""
)


def x_composes(query: str) -> str:
    """The post X's composer fills in from an intent: text, #hashtags, url, then 'via @user'."""
    params = parse_qs(query, keep_blank_values=True)

    def one(name: str) -> str:
        values = params.get(name, [""])
        assert len(values) == 1, f"{name} appears {len(values)} times in the intent"
        return values[0]

    hashtags = " ".join(f"#{tag}" for tag in one("hashtags").split(",") if tag)
    via = f"via @{one('via')}" if one("via") else ""
    return " ".join(part for part in (one("text"), hashtags, one("url"), via) if part)


@pytest.mark.parametrize(("section", "language"), EXAMPLE_SITES)
def test_x_share_link_opens_the_composer_with_the_post_shown(
    section: str, language: str, guarded: GuardedContext
) -> None:
    stubbed: list[str] = []

    def stub(route: Route) -> None:
        stubbed.append(route.request.url)
        route.fulfill(status=200, content_type="text/html", body=STUB_PAGE)

    guarded.context.route(NETWORK_HOSTS, stub)
    page = guarded.new_page()
    page.goto(language_root(section, language) + "kit/posts/")
    first = page.evaluate(FIRST_POST_SHARE)
    assert first is not None, "no a.pv-share[data-network=x] after a .pv-post"

    link = page.locator('article a.pv-share[data-network="x"]').nth(first["index"])
    page.wait_for_load_state("networkidle")
    before_click = set(guarded.foreign_requests())
    with guarded.context.expect_page() as opened:
        link.click()
    popup = opened.value
    popup.wait_for_load_state("domcontentloaded")

    assert popup.url == first["href"]
    assert stubbed == [first["href"]], "the click went elsewhere than the link's address"
    # What pages load by themselves is test_privacy's concern; here, only what the click made.
    made_by_click = [u for u in guarded.foreign_requests() if u not in before_click]
    assert made_by_click == stubbed, "requests beside the click's"
    assert popup.evaluate("() => window.opener === null"), "the new page can reach its opener"
    assert popup.evaluate("() => document.referrer") == "", "the new page learns the referrer"

    parts = urlsplit(popup.url)
    assert f"{parts.scheme}://{parts.netloc}{parts.path}" == "https://x.com/intent/tweet"
    # The card shows the post as every network gets it; X adds " via @handle", as it says.
    handle = EXAMPLE_HANDLES[section]
    assert x_composes(parts.query) == f"{first['shown'].strip()} via @{handle}"


COPIED = {"fr": "Copié ✓", "en": "Copied ✓"}
COPY_LABEL = {"fr": "Copier le texte", "en": "Copy the text"}
NO_SHARE_SHEET = "delete Navigator.prototype.share; delete Navigator.prototype.canShare;"


@pytest.mark.parametrize(("section", "language"), EXAMPLE_SITES)
def test_copy_button_says_copied_and_copies_what_the_card_shows(
    section: str, language: str, guarded: GuardedContext
) -> None:
    guarded.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=guarded.origin)
    page = guarded.new_page()
    page.goto(language_root(section, language) + "kit/posts/")
    card = page.locator("article .pv-card").first
    button = card.locator("button.pv-copy").first
    assert button.is_visible(), "Copy is hidden although the page's script runs"
    expected = button.get_attribute("data-copy")
    shown = card.locator(".pv-post").first.inner_text()
    assert expected and expected == shown.strip(), "Copy would copy other words than shown"
    assert button.get_attribute("type") == "button"
    assert button.inner_text().strip() == COPY_LABEL[language]
    page.evaluate("() => navigator.clipboard.writeText('(nothing copied yet)')")
    before = page.evaluate(LIVE_TEXTS)
    assert before, "the page has no aria-live region to announce the copy"

    button.click()
    page.wait_for_function(
        f"before => ({LIVE_TEXTS})().some((text, i) => text && text !== before[i])", arg=before
    )
    assert page.evaluate("() => navigator.clipboard.readText()") == expected
    assert button.inner_text().strip() == COPIED[language]  # seen, not only announced
    # For a moment: then it reads as before, ready for another copy.
    page.wait_for_function(
        "([b, label]) => b.innerText.trim() === label",
        arg=[button.element_handle(), COPY_LABEL[language]],
        timeout=5_000,
    )


@pytest.mark.parametrize(("section", "language"), EXAMPLE_SITES)
def test_share_button_hands_the_share_sheet_the_chosen_wording(
    section: str, language: str, guarded: GuardedContext
) -> None:
    guarded.context.add_init_script(SHARE_SHEET)
    page = guarded.new_page()
    page.goto(language_root(section, language) + "kit/posts/")
    cards = page.locator("article .pv-card:has(.pv-picks)")
    assert cards.count(), "no post with several wordings"
    card = cards.first
    second = card.locator(".pv-picks label").nth(1)
    second.click()  # the second wording, chosen by its label as a thumb would
    wordings = card.locator(".pv-wording")
    assert not wordings.nth(0).is_visible() and wordings.nth(1).is_visible()

    share = wordings.nth(1).locator("button.pv-native-share")
    assert share.is_visible()
    box = share.bounding_box()
    assert box and box["width"] >= 44 and box["height"] >= 44
    shown = wordings.nth(1).locator(".pv-post").inner_text().strip()
    share.click()
    page.wait_for_function("() => window.pvShared.length === 1")
    (shared,) = page.evaluate("() => window.pvShared")
    title = card.locator("xpath=preceding-sibling::h2[1]").inner_text().replace("¶", "").strip()
    assert shared["title"] == title
    # The text and the link apart, as the Web Share API wants them: together, what is shown.
    assert " ".join(p for p in (shared["text"], shared.get("url", "")) if p) == shown
    assert guarded.foreign_requests() == []


@pytest.mark.parametrize(("section", "language"), EXAMPLE_SITES[:2])
def test_without_a_share_sheet_the_button_stays_hidden(
    section: str, language: str, guarded: GuardedContext
) -> None:
    guarded.context.add_init_script(NO_SHARE_SHEET)
    page = guarded.new_page()
    page.goto(language_root(section, language) + "kit/posts/")
    page.wait_for_load_state("load")
    assert page.locator("button.pv-copy").first.is_visible()  # the script did run
    assert page.locator("button.pv-native-share:visible").count() == 0
    assert page.locator("article .pv-card .pv-networks a").first.is_visible()


def test_intent_composition_follows_x() -> None:
    """The oracle above, on the example X's documentation gives."""
    query = "text=Hello%20world&url=https%3A%2F%2Fexample.org%2F&hashtags=A,B&via=me"
    assert x_composes(query) == "Hello world #A #B https://example.org/ via @me"
    assert x_composes("text=Only%20%23this") == "Only #this"
