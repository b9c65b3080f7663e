"""On the supporter's phone: nothing scrolls sideways, action targets are big enough, chart
labels are readable and say where their axis starts, the language menu says which language
is shown, and headings' ¶ links are no Tab stops (colour schemes and search:
test_phone_schemes_and_search.py).

Every page type of both examples, in both languages, at 360 x 740 and 390 x 844 CSS px
(Chromium's phone emulation: `is_mobile`, touch), with scripts on and off.

Phone emulation zooms a page that is too wide out until it fits, and `window.innerWidth`
then grows with the page (to 411 px on a 390-px phone, before the language menu was fixed):
a page is measured against the phone's own width, and its zoom must stay 1.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from generator.snapshot.store import snapshot_files
from tests.browser.conftest import (
    EXAMPLE_LANGUAGES,
    EXAMPLE_SITES,
    EXAMPLES,
    MIN_TARGET,
    PHONES,
    ContextOpener,
    GuardedContext,
    language_root,
)
from tests.browser.test_accessibility import PAGES, load_in_tabs

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

pytestmark = pytest.mark.browser

MIN_CHART_TEXT = 12
# WCAG 2.5.8's inline exception: a link inside a sentence is sized by the text's line, so
# links in running text (paragraphs, list items, table cells) are not measured. Action
# targets are: the header's buttons and language links, every button and `.md-button` of
# the content, its disclosure summaries, the wordings' choices, share and intent links, the
# page's share links, the footer's previous/next links and the back-to-top button.
ACTION_TARGETS = ", ".join(
    (
        ".md-header__button",
        ".md-select__link",
        "article button",
        "article .md-button",
        "article summary",
        "article a.pv-share",
        "article .pv-picks label",
        'article a[href^="https://x.com/intent/"]',
        "article [role=button]",
        ".md-footer__link",
        ".md-top",
    )
)
# What the phone shows of a page: its width, zoom, the elements that stick out, the action
# targets smaller than 44 x 44 px, the size of every text of its charts, its language links.
PAGE_FACTS = """([selector, minimum]) => {
  const root = document.documentElement;
  const name = el => (el.tagName.toLowerCase() + "." + [...el.classList].join(".") + " "
    + (el.getAttribute("aria-label") || el.getAttribute("title") || el.textContent || "")
      .trim().replace(/\\s+/g, " ").slice(0, 40));
  const shown = el => el.checkVisibility({opacityProperty: true, visibilityProperty: true});
  const wide = [...document.body.querySelectorAll("*")]
    .filter(el => el.getClientRects().length && el.getBoundingClientRect().right > root.clientWidth + 0.5)
    .slice(0, 5).map(el => name(el) + " ends at " + Math.round(el.getBoundingClientRect().right));
  // The language links are measured even while their menu is closed (transparent).
  const targets = [...document.querySelectorAll(selector)]
    .filter(el => el.matches(".md-select__link") || shown(el));
  const small = targets.map(el => [el, el.getBoundingClientRect()])
    .filter(([el, r]) => r.width < minimum - 0.01 || r.height < minimum - 0.01)
    .map(([el, r]) => `${name(el)}: ${r.width.toFixed(1)} x ${r.height.toFixed(1)}`);
  const text = el => {
    const size = parseFloat(getComputedStyle(el).fontSize);
    if (!(el instanceof SVGElement)) return size;
    const m = el.getScreenCTM();
    return size * Math.min(Math.hypot(m.a, m.b), Math.hypot(m.c, m.d));
  };
  const charts = [...document.querySelectorAll("article figure.pv-chart")].map(chart => {
    const labels = [...chart.querySelectorAll("text, span, figcaption")]
      .filter(el => el.textContent.trim() && !el.closest(".pv-sr-only"));
    const table = chart.nextElementSibling && chart.nextElementSibling.matches("details")
      ? chart.nextElementSibling.querySelectorAll("table tbody tr").length : 0;
    const low = chart.querySelector(".pv-chart__low");
    const caption = chart.querySelector("figcaption");
    return {
      sizes: labels.map(el => [el.textContent.trim().slice(0, 20), text(el)]),
      tableRows: table,
      low: low ? low.textContent.trim() : null,
      caption: caption ? caption.textContent : "",
    };
  });
  const languages = [...document.querySelectorAll(".md-select__link")].map(a => ({
    lang: a.getAttribute("hreflang"), current: a.getAttribute("aria-current"),
    mark: [...a.querySelectorAll(".pv-current svg")].map(svg => svg.getBoundingClientRect().width),
  }));
  return {scrollWidth: root.scrollWidth, clientWidth: root.clientWidth,
          innerWidth: window.innerWidth, wide, small, charts, languages};
}"""
Facts = dict[str, Any]


def site_paths(site: Path, section: str, language: str) -> list[str]:
    """The URL path of every page type that this site has (a kit page with nothing to show
    is left out of a site)."""
    root = language_root(section, language)
    return [
        root + p for p in PAGES.values() if (site / root.lstrip("/") / p / "index.html").is_file()
    ]


def phone_options(scripts: bool, phone: str = "390x844", scheme: str = "light") -> dict[str, Any]:
    """Browser context options of a phone: its size, touch, and mobile viewport."""
    width, height = PHONES[phone]
    return {
        "viewport": {"width": width, "height": height},
        "is_mobile": True,
        "has_touch": True,
        "java_script_enabled": scripts,
        "color_scheme": scheme,
    }


@pytest.fixture(scope="module")
def phone_facts(
    chromium: Browser, site_origin: str, example_site: Path
) -> Iterator[Callable[[str, str, bool], dict[tuple[str, str], Facts]]]:
    """PAGE_FACTS of every page of a site in one language, by (path, phone), with scripts on
    or off. Each page is loaded once, at 390 x 844, then measured at both sizes."""
    opener = ContextOpener(chromium, site_origin)
    cache: dict[tuple[str, str, bool], dict[tuple[str, str], Facts]] = {}
    narrowest_last = sorted(PHONES, key=lambda phone: -PHONES[phone][0])

    def facts(section: str, language: str, scripts: bool) -> dict[tuple[str, str], Facts]:
        if (section, language, scripts) not in cache:
            found: dict[tuple[str, str], Facts] = {}
            guarded = opener(**phone_options(scripts))
            for batch in load_in_tabs(guarded, site_paths(example_site, section, language)):
                for path, page in batch:
                    for phone in narrowest_last:
                        width, height = PHONES[phone]
                        page.set_viewport_size({"width": width, "height": height})
                        found[path, phone] = page.evaluate(PAGE_FACTS, [ACTION_TARGETS, MIN_TARGET])
            assert not guarded.foreign_requests(), guarded.foreign_requests()
            cache[section, language, scripts] = found
        return cache[section, language, scripts]

    yield facts
    opener.close_all()


SITE_MODES = [
    pytest.param(section, language, scripts, id=f"{section}-{language}-{mode}")
    for section, languages in EXAMPLE_LANGUAGES.items()
    for language in languages
    for scripts, mode in ((True, "js"), (False, "nojs"))
]


@pytest.mark.parametrize(("section", "language", "scripts"), SITE_MODES)
def test_no_page_is_wider_than_the_phone(
    section: str,
    language: str,
    scripts: bool,
    phone_facts: Callable[[str, str, bool], dict[tuple[str, str], Facts]],
) -> None:
    facts = phone_facts(section, language, scripts)
    assert len(facts) >= 2 * 9, f"only {len(facts) // 2} pages measured"
    wide = [
        f"{path} at {phone}: {f['scrollWidth']} px wide, zoom width {f['innerWidth']} px; "
        + "; ".join(f["wide"])
        for (path, phone), f in sorted(facts.items())
        if f["scrollWidth"] > PHONES[phone][0] or f["innerWidth"] != PHONES[phone][0]
    ]
    assert not wide, "pages wider than the phone:\n" + "\n".join(wide)


@pytest.mark.parametrize(("section", "language", "scripts"), SITE_MODES)
def test_every_action_target_is_at_least_44_px(
    section: str,
    language: str,
    scripts: bool,
    phone_facts: Callable[[str, str, bool], dict[tuple[str, str], Facts]],
) -> None:
    small = [
        f"{path} at {phone}: {target}"
        for (path, phone), f in sorted(phone_facts(section, language, scripts).items())
        for target in f["small"]
    ]
    assert not small, f"action targets under {MIN_TARGET} x {MIN_TARGET} px:\n" + "\n".join(small)


CHART_SITES = [
    pytest.param(m.slug, language, id=f"{m.slug}-{language}")
    for m in EXAMPLES
    if snapshot_files(m.folder)
    for language in m.spec.languages
]


@pytest.mark.parametrize(("section", "language"), CHART_SITES)
def test_chart_labels_are_readable_and_each_chart_keeps_its_table(
    section: str,
    language: str,
    phone_facts: Callable[[str, str, bool], dict[tuple[str, str], Facts]],
) -> None:
    activity = language_root(section, language) + PAGES["activity"]
    for scripts in (True, False):
        for phone in PHONES:
            charts = phone_facts(section, language, scripts)[activity, phone]["charts"]
            assert len(charts) >= 3, f"{activity}: {len(charts)} charts"
            for chart in charts:
                where = f"{activity} at {phone}, scripts {'on' if scripts else 'off'}"
                assert len(chart["sizes"]) >= 4, f"{where}: a chart without axis labels"
                small = [(text, round(size, 1)) for text, size in chart["sizes"] if size < 12]
                assert not small, f"{where}: chart texts under {MIN_CHART_TEXT} px: {small}"
                assert chart["tableRows"] >= 2, f"{where}: a chart without its data table"
                assert chart["low"] == "0" or chart["low"] in chart["caption"], (
                    f"{where}: the axis starts at {chart['low']} and no caption says so"
                )


def open_phone_page(
    open_context: ContextOpener, path: str, scheme: str = "light", scripts: bool = True
) -> Page:
    """`path` in a fresh context of a 360 x 740 phone."""
    page = open_context(**phone_options(scripts, "360x740", scheme)).new_page()
    page.goto(path)
    return page


def wait_until(page: Page, expression: str, expected: str = "1") -> None:
    """Poll `expression` until it gives `expected`: `wait_for_function` needs the page's
    scripts, and some of these pages run without."""
    for _ in range(100):
        if page.evaluate(expression) == expected:
            return
        page.wait_for_timeout(50)
    pytest.fail(f"{expression} never gave {expected!r}")


@pytest.mark.parametrize(("section", "language", "scripts"), SITE_MODES)
def test_the_language_menu_marks_the_current_language(
    section: str,
    language: str,
    scripts: bool,
    phone_facts: Callable[[str, str, bool], dict[tuple[str, str], Facts]],
    open_context: ContextOpener,
) -> None:
    for (path, phone), facts in sorted(phone_facts(section, language, scripts).items()):
        links = facts["languages"]
        assert len(links) == len(EXAMPLE_LANGUAGES[section]) >= 2, path
        for link in links:
            is_current = link["lang"] == language
            where = f"{path} at {phone}: {link}"
            assert (link["current"] == "true") == is_current, f"aria-current is wrong: {where}"
            assert (link["mark"] != []) == is_current, f"the check mark is misplaced: {where}"
            assert all(width > 0 for width in link["mark"]), f"the check mark is hidden: {where}"
    if scripts:
        return
    # Without scripts too, a tap on the button opens the menu (it opens on focus).
    page = open_phone_page(open_context, language_root(section, language), scripts=False)
    page.locator(".md-select > button").click()
    wait_until(page, "() => getComputedStyle(document.querySelector('.md-select__inner')).opacity")
    assert page.locator(".md-select__link[aria-current] .pv-current svg").is_visible()


FOCUS = """() => { const el = document.activeElement;
  return {headerlink: el.classList.contains("headerlink"), inArticle: !!el.closest("article"),
          html: el.outerHTML.slice(0, 80)} }"""


@pytest.mark.parametrize(("section", "language"), EXAMPLE_SITES)
def test_heading_permalinks_are_no_tab_stops_but_still_links(
    section: str, language: str, guarded: GuardedContext
) -> None:
    page = guarded.new_page()
    page.goto(language_root(section, language) + PAGES["novice"])
    assert page.locator("article .headerlink").count() >= 3
    stops = []
    for _ in range(60):
        page.keyboard.press("Tab")
        stop = page.evaluate(FOCUS)
        stops.append(stop)
        if stop["inArticle"]:
            break
    assert stops[-1]["inArticle"], "Tab never reached the content"
    assert not [s for s in stops if s["headerlink"]], f"¶ links in the Tab order: {stops}"
    heading = page.locator("article h2 .headerlink").first
    target = heading.get_attribute("href")
    heading.click()
    page.wait_for_function("hash => location.hash === hash", arg=target)
