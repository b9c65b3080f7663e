"""On the supporter's phone: the colour scheme follows the phone, a header button switches
it (device → light → dark → device) and the choice is kept; the charts' colours contrast in
both schemes; the theme's search ignores accents and case, in each language's own index.

At 360 x 740 CSS px in Chromium's phone emulation, scripts on (the theme's palette and
search are scripts; without them a page is light and has no search box).
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from generator.i18n import gettext
from generator.render.colors import contrast_ratio
from generator.site.engine import DARK_TOGGLE, DEVICE_TOGGLE, LIGHT_TOGGLE
from tests.browser.conftest import EXAMPLE_SITES, ContextOpener, language_root
from tests.browser.test_accessibility import PAGES
from tests.browser.test_phone_layout import CHART_SITES, MIN_TARGET, open_phone_page

pytestmark = pytest.mark.browser

SCHEME = "() => document.body.getAttribute('data-md-color-scheme')"
TOGGLE = "form[data-md-component=palette] label.md-header__button:not([hidden])"


def wait_for_scheme(page: Page, scheme: str) -> None:
    page.wait_for_function(f"scheme => ({SCHEME})() === scheme", arg=scheme)


def click_toggle(page: Page, language: str, name: str) -> None:
    """Check that the one visible toggle says `name` in `language`, is big enough and shows
    the theme's inlined icon; then click it."""
    toggle = page.locator(TOGGLE)
    assert toggle.count() == 1 and toggle.is_visible()
    assert toggle.get_attribute("title") == gettext(language, name)
    box = toggle.bounding_box()
    assert box and box["width"] >= MIN_TARGET and box["height"] >= MIN_TARGET, box
    assert toggle.locator("svg").count() == 1, "the toggle's icon is not the inlined SVG"
    toggle.click()


@pytest.mark.parametrize(("section", "language"), EXAMPLE_SITES)
def test_the_scheme_follows_the_phone_and_the_toggle_switches_it(
    section: str, language: str, open_context: ContextOpener
) -> None:
    root = language_root(section, language)
    assert open_phone_page(open_context, root, "light").evaluate(SCHEME) == "default"
    page = open_phone_page(open_context, root, "dark")
    assert page.evaluate(SCHEME) == "slate", "a phone set to dark shows the light scheme"
    # The phone changes its setting (at nightfall): the open page follows.
    page.emulate_media(color_scheme="light")
    wait_for_scheme(page, "default")
    page.emulate_media(color_scheme="dark")
    wait_for_scheme(page, "slate")

    click_toggle(page, language, LIGHT_TOGGLE)
    wait_for_scheme(page, "default")
    page.goto(root + PAGES["posts"])
    assert page.evaluate(SCHEME) == "default", "the visitor's choice is not kept"
    click_toggle(page, language, DARK_TOGGLE)
    wait_for_scheme(page, "slate")
    click_toggle(page, language, DEVICE_TOGGLE)
    page.emulate_media(color_scheme="light")
    wait_for_scheme(page, "default")


# The colours of the demo's charts as drawn: the page's background, each mark's fill or
# stroke, each label's text colour (with its alpha, to blend over the background).
CHART_COLOURS = """() => {
  const rgba = value => (value.match(/[\\d.]+/g) || []).map(Number);
  const marks = [...document.querySelectorAll("figure.pv-chart rect, figure.pv-chart path")]
    .map(el => rgba(el.tagName === "rect" ? getComputedStyle(el).fill : getComputedStyle(el).stroke));
  const labels = [...document.querySelectorAll("figure.pv-chart span, figure.pv-chart figcaption")]
    .map(el => rgba(getComputedStyle(el).color));
  return {background: rgba(getComputedStyle(document.body).backgroundColor), marks, labels};
}"""


def blend(colour: list[float], background: list[float]) -> tuple[int, int, int]:
    alpha = colour[3] if len(colour) > 3 else 1.0
    mixed = [alpha * c + (1 - alpha) * b for c, b in zip(colour[:3], background[:3], strict=True)]
    return (round(mixed[0]), round(mixed[1]), round(mixed[2]))


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize(("section", "language"), CHART_SITES)
def test_chart_colours_contrast_in_both_schemes(
    section: str, language: str, scheme: str, open_context: ContextOpener
) -> None:
    """axe-core checks text, not the marks of an SVG: bars and lines need 3:1 against the
    page (WCAG 1.4.11), labels 4.5:1 (1.4.3), in the light and the dark scheme."""
    page = open_phone_page(
        open_context, language_root(section, language) + PAGES["activity"], scheme
    )
    assert page.evaluate(SCHEME) == ("slate" if scheme == "dark" else "default")
    colours = page.evaluate(CHART_COLOURS)
    background = blend(colours["background"], [255, 255, 255])
    assert colours["marks"] and colours["labels"]
    marks = {blend(c, list(background)) for c in colours["marks"]}
    labels = {blend(c, list(background)) for c in colours["labels"]}
    low_marks = [(m, round(contrast_ratio(m, background), 2)) for m in marks]
    assert all(ratio >= 3 for _, ratio in low_marks), f"marks on {background}: {low_marks}"
    low_labels = [(c, round(contrast_ratio(c, background), 2)) for c in labels]
    assert all(ratio >= 4.5 for _, ratio in low_labels), f"labels on {background}: {low_labels}"


# Accented words of each example's index, and how a visitor may type them: without their
# accents, in capitals. Each language has its own index.
SEARCHES = {
    ("demo", "fr"): [("vélo", "velo"), ("vélo", "VELO"), ("pétition", "petition")],
    ("demo", "en"): [("pétition", "petition")],
    ("ovpe", "fr"): [("infirmières", "infirmieres")],
}
SEARCH_META = ".md-search-result__meta"
# Each result's page (the theme groups a page's sections under it), without `?h=`.
RESULT_PAGES = """() => [...document.querySelectorAll(".md-search-result__list > .md-search-result__item")]
  .map(item => { const u = new URL(item.querySelector("a.md-search-result__link").href);
                 u.search = ""; return u.href; })"""
RESULT_COUNT = "() => document.querySelectorAll('.md-search-result__item').length"


def search(page: Page, query: str) -> tuple[int, list[str]]:
    """Type `query` in the theme's open search box: how many pages it finds (the theme's
    count) and the first of them, as listed (it shows more as one scrolls). The box is
    emptied first, until no result is left; no result within 5 s is none."""
    box = page.locator(".md-search__input")
    box.fill("")
    box.press("End")  # the theme reads the query on key events
    page.wait_for_function(f"() => ({RESULT_COUNT})() === 0")
    box.fill(query)
    box.press("End")
    try:
        page.wait_for_function(f"() => ({RESULT_COUNT})() > 0", timeout=5000)
    except PlaywrightTimeoutError:
        return 0, []
    count = int(re.sub(r"\D", "", page.locator(SEARCH_META).inner_text()) or 0)
    found: list[str] = page.evaluate(RESULT_PAGES)
    return count, found


@pytest.mark.parametrize(
    ("section", "language"), list(SEARCHES), ids=[f"{s}-{lang}" for s, lang in SEARCHES]
)
def test_search_ignores_accents_and_case(
    section: str, language: str, open_context: ContextOpener, site_origin: str
) -> None:
    page = open_phone_page(open_context, language_root(section, language))
    page.locator("label.md-header__button[for=__search]").click()
    root = site_origin + language_root(section, language)
    others = [root + other for other in ("en/", "fr/") if other != f"{language}/"]
    for accented, typed in SEARCHES[section, language]:
        expected_count, expected = search(page, accented)
        count, found = search(page, typed)
        assert expected, f"{accented!r} finds nothing: the test's word is not in the index"
        assert count >= expected_count, (
            f"{typed!r} finds {count} pages, {accented!r} {expected_count}"
        )
        assert set(expected[:3]) <= set(found), f"{typed!r} misses the best pages for {accented!r}"
        strays = [u for u in found if not u.startswith(root) or u.startswith(tuple(others))]
        assert not strays, f"{typed!r}: results from another language's site: {strays}"
