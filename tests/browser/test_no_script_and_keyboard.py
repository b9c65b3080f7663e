"""Share and follow links work with JavaScript disabled; the keyboard alone reaches them, visibly."""

from __future__ import annotations

import pytest

from tests.browser.conftest import (
    EXAMPLE_SITES,
    ContextOpener,
    GuardedContext,
    language_root,
    link_facts,
    plain_new_tab_link_problems,
)

pytestmark = pytest.mark.browser

SHARE_LINKS = "article a.pv-share"
X_INTENTS = 'article a[href^="https://x.com/intent/"]'
FOLLOW_LINKS = 'article a[href^="https://x.com/intent/follow?"]'
# More Tab presses than a page has stops before its content: past this, focus is lost.
MAX_TABS = 200


@pytest.mark.parametrize(("section", "language"), EXAMPLE_SITES)
def test_share_links_work_without_javascript(
    section: str, language: str, open_context: ContextOpener
) -> None:
    page = open_context(java_script_enabled=False).new_page()
    page.goto(language_root(section, language) + "kit/posts/")

    shares = link_facts(page, SHARE_LINKS)
    x_shares = [link for link in shares if link["network"] == "x"]
    posts = page.locator("article .pv-post:visible").count()
    assert posts, "the posts page shows no post"
    assert posts == page.locator("article .pv-card").count(), "a card shows no text, or two"
    visible_x = [link for link in x_shares if link["visible"]]
    assert len(visible_x) >= posts, (
        f"{posts} posts but {len(visible_x)} visible X share links without JavaScript"
    )
    # Every other wording is one tap away, with its own links, by the page's HTML and CSS.
    for card in page.locator("article .pv-card:has(.pv-picks)").all():
        labels = card.locator(".pv-picks label")
        for index in range(labels.count()):
            labels.nth(index).click()
            wording = card.locator(".pv-wording").nth(index)
            assert wording.is_visible() and wording.locator('a[data-network="x"]').is_visible()
            assert card.locator(".pv-wording:visible").count() == 1
    problems = [p for link in shares for p in plain_new_tab_link_problems(link)]
    problems += [
        p for link in link_facts(page, X_INTENTS) for p in plain_new_tab_link_problems(link)
    ]
    problems += [
        f"{link['text']!r}: data-network=x but href={link['href'][:80]!r}"
        for link in x_shares
        if not link["href"].startswith("https://x.com/intent/")
    ]
    assert not problems, "share links that need a script or leak the page:\n" + "\n".join(problems)


@pytest.mark.parametrize(("section", "language"), EXAMPLE_SITES)
def test_follow_links_work_without_javascript(
    section: str, language: str, open_context: ContextOpener
) -> None:
    page = open_context(java_script_enabled=False).new_page()
    page.goto(language_root(section, language) + "kit/accounts/")

    follows = link_facts(page, FOLLOW_LINKS)
    assert follows, "the accounts page has no x.com/intent/follow link"
    problems = [p for link in follows for p in plain_new_tab_link_problems(link)]
    problems += [
        f"{link['text']!r} is hidden without JavaScript" for link in follows if not link["visible"]
    ]
    assert not problems, "follow links that need a script:\n" + "\n".join(problems)


@pytest.mark.parametrize(("section", "language"), EXAMPLE_SITES)
def test_copy_buttons_are_hidden_without_javascript(
    section: str, language: str, open_context: ContextOpener
) -> None:
    page = open_context(java_script_enabled=False).new_page()
    page.goto(language_root(section, language) + "kit/posts/")

    buttons = page.locator("button.pv-copy")
    assert buttons.count(), "no button.pv-copy on the posts page"
    shown = [
        buttons.nth(i).text_content() for i in range(buttons.count()) if buttons.nth(i).is_visible()
    ]
    assert not shown, f"copy buttons shown where no script can copy: {shown}"


@pytest.mark.parametrize(("section", "language"), EXAMPLE_SITES)
def test_keyboard_reaches_the_first_share_link_with_a_visible_focus(
    section: str, language: str, guarded: GuardedContext
) -> None:
    page = guarded.new_page()
    page.goto(language_root(section, language) + "kit/posts/")
    first = page.locator(SHARE_LINKS).first.element_handle()

    path: list[str] = []
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        if first.evaluate("el => el === document.activeElement"):
            break
        path.append(page.evaluate("() => document.activeElement.outerHTML.slice(0, 80)"))
    else:
        pytest.fail(
            f"{MAX_TABS} presses of Tab never reached the first share link; last stops:\n"
            + "\n".join(path[-5:])
        )

    style = first.evaluate(
        """el => { const s = getComputedStyle(el);
        return {focusVisible: el.matches(":focus-visible"), outlineStyle: s.outlineStyle,
                outlineWidth: parseFloat(s.outlineWidth) || 0, boxShadow: s.boxShadow} }"""
    )
    assert style["focusVisible"], "the focused share link does not match :focus-visible"
    has_outline = style["outlineStyle"] != "none" and style["outlineWidth"] > 0
    assert has_outline or style["boxShadow"] != "none", (
        f"no visible focus indicator on the first share link after {len(path) + 1} Tabs: {style}"
    )
