"""The markup behind the phone layout: heading links out of the Tab order, the dark-mode
palette and its translated toggle, the search's shared options, charts whose labels are
text of the page, tables of figures whose cells name their column. The browser checks of
the same are in tests/browser/test_phone_layout.py."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import material
from markupsafe import Markup

from generator.render.charts import ChartText, Point, bar_chart, chart_figure, line_chart
from generator.site.engine import palette, site_config
from generator.site.htmlfix import repair_theme_markup
from generator.site.spec import SiteSpec
from tests.support import read_page

MATERIAL_ICONS = Path(material.__path__[0]) / "templates" / ".icons"


def test_heading_permalinks_leave_the_tab_order_and_nothing_else_changes() -> None:
    heading = '<h2 id="x">X<a class="headerlink" href="#x" title="Lien permanent">&para;</a></h2>'
    other = '<a class="md-button" href="#x">X</a>'
    repaired = repair_theme_markup(heading + other)
    assert repaired == heading.replace('headerlink"', 'headerlink" tabindex="-1"') + other
    assert repair_theme_markup(repaired) == repaired


def spec(language: str, primary: str | None = "deep purple") -> SiteSpec:
    return SiteSpec(
        language=language,
        site_name="S",
        description="D",
        pages={},
        nav=[],
        primary_color=primary,
        accent_color="deep orange" if primary else None,
    )


def test_the_palette_follows_the_device_and_its_toggle_speaks_the_site_language() -> None:
    device, light, dark = palette({"primary": "indigo", "accent": "pink"}, spec("fr"))
    # The theme shows the first option that matches: the device's scheme, whatever it is.
    assert (device["media"], device["scheme"]) == ("(prefers-color-scheme)", "default")
    assert (light["media"], light["scheme"]) == ("(prefers-color-scheme: light)", "default")
    assert (dark["media"], dark["scheme"]) == ("(prefers-color-scheme: dark)", "slate")
    # Each label says what a click on it does: device → light → dark → device.
    assert device["toggle"]["name"] == "Passer au mode clair"
    assert light["toggle"]["name"] == "Passer au mode sombre"
    assert dark["toggle"]["name"] == "Utiliser le réglage de l&#x27;appareil"  # printed raw
    assert {o["primary"] for o in (device, light, dark)} == {"deep purple"}
    assert {o["accent"] for o in (device, light, dark)} == {"deep orange"}
    for option in (device, light, dark):
        icon = MATERIAL_ICONS / f"{option['toggle']['icon']}.svg"
        assert icon.is_file(), f"{icon} is not one of the theme's bundled icons"
    english = palette({"primary": "indigo", "accent": "pink"}, spec("en", primary=None))
    assert [o["toggle"]["name"] for o in english] == [
        "Switch to light mode",
        "Switch to dark mode",
        "Use the device&#x27;s setting",
    ]
    assert {o["primary"] for o in english} == {"indigo"}  # the shared colours by default
    assert {o["accent"] for o in english} == {"pink"}


def test_search_keeps_the_shared_options_in_the_site_language(tmp_path: Path) -> None:
    base = {"plugins": [{"search": {"separator": r"[\s]+", "lang": "de"}}, "other"]}
    config = site_config(spec("fr"), base, tmp_path, tmp_path, tmp_path)
    assert config["plugins"] == [{"search": {"separator": r"[\s]+", "lang": "fr"}}, "other"]
    assert isinstance(config["theme"]["palette"], list)


def chart_text() -> ChartText:
    return ChartText("pv-c", "Posts", "From a to b", "1 200 <b>", "1 300")


def test_chart_labels_are_html_text_beside_a_drawing_without_text() -> None:
    points = [Point("Oct 1", 1200), Point("Oct <2>", 1300)]
    svg = line_chart(points, chart_text(), 1200, 1300)
    root = ET.fromstring(str(svg))
    ns = "{http://www.w3.org/2000/svg}"
    assert root.findall(f".//{ns}text") == []  # text in a scaled drawing would shrink
    assert root.get("preserveAspectRatio") == "none" and root.get("role") == "img"
    figure = chart_figure(svg, chart_text(), points, "The axis starts at 1 200, not at zero.")
    assert isinstance(figure, Markup)
    tree = ET.fromstring(str(figure))
    spans = {s.get("class"): s.text for s in tree.iter("span")}
    assert spans == {
        "pv-chart__high": "1 300",
        "pv-chart__low": "1 200 <b>",
        "pv-chart__first": "Oct 1",
        "pv-chart__last": "Oct <2>",
    }
    assert {s.get("aria-hidden") for s in tree.iter("span")} == {"true"}  # the SVG says it
    caption = tree.find("figcaption")
    assert caption is not None and caption.text == "The axis starts at 1 200, not at zero."
    bars = chart_figure(bar_chart(points, chart_text(), 1300), chart_text(), points)
    assert "<figcaption>" not in str(bars)


def activity_page(site: Path, language: str) -> str:
    root = site / "demo" if language == "fr" else site / "demo" / "en"
    return (root / "kit" / "activity" / "index.html").read_text(encoding="utf-8")


def test_each_cell_of_the_figures_names_its_column(example_site: Path) -> None:
    for language in ("fr", "en"):
        html = activity_page(example_site, language)
        tables = re.findall(r'<table class="pv-figures".*?</table>', html, re.S)
        # The organization across networks, two X accounts, one on Bluesky, one on Mastodon.
        assert len(tables) == 5, "one table of figures per account, and the audience"
        for table in tables:
            headers = re.findall(r'<th scope="col"[^>]*>(.*?)</th>', table)[1:]
            assert len(headers) == 4
            for row in re.findall(r"<tbody.*?</tbody>", table, re.S)[0].split("</tr>")[:-1]:
                labels = re.findall(r'<td role="cell" data-label="([^"]*)"', row)
                assert labels == headers, row


def test_the_activity_charts_say_where_their_axis_starts(example_site: Path) -> None:
    html = activity_page(example_site, "en")
    figures = re.findall(r'<figure class="pv-chart">.*?</figure>', html, re.S)
    assert len(figures) >= 3
    for figure in figures:
        low = re.search(r'class="pv-chart__low"[^>]*>([^<]*)<', figure)
        assert low, figure[:200]
        assert low[1] == "0" or f"starts at {low[1]}, not at zero" in figure
        assert "<text" not in figure


def test_the_language_menu_marks_the_page_language(example_site: Path) -> None:
    for html_file, language in (
        (example_site / "demo" / "kit" / "posts" / "index.html", "fr"),
        (example_site / "demo" / "en" / "kit" / "posts" / "index.html", "en"),
    ):
        text = html_file.read_text(encoding="utf-8")
        links = re.findall(r'<a [^>]*class="md-select__link"[^>]*>.*?</a>', text, re.S)
        current = [link for link in links if 'aria-current="true"' in link]
        assert len(current) == 1 and f'hreflang="{language}"' in current[0]
        assert [link for link in links if "pv-current" in link] == current
        assert read_page(html_file).find("html")[0].attrs["lang"] == language
