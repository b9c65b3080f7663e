"""The home page opens with the movement's one ask, its primary hashtag and its next dates;
dates are read in the movement's time zone."""

from __future__ import annotations

import datetime as dt
import re
import zoneinfo
from pathlib import Path

import pytest

from generator.movement import discover_movements, load_movement, load_movements
from generator.movement.dates import DEFAULT_TIMEZONE, EventDate, suggest_zone
from generator.render.activity import History
from generator.render.home import is_upcoming
from generator.render.pages import render_movement
from generator.snapshot.store import read_history
from tests.support import REPO, Page, make_project

EXAMPLES = {m.slug: m for m in load_movements(discover_movements(REPO / "movements"))}
GOLDEN_NOW = dt.datetime(2026, 11, 25, 12, tzinfo=dt.UTC)
TORONTO = DEFAULT_TIMEZONE

MOVEMENT = """\
name: {fr: Vélo, en: Cycling}
tagline: {fr: Des pistes protégées., en: Protected lanes.}
organization: {name: Coalition, handle: DemoVeloSur, url: https://example.org/}
site_url: https://example.org/velo/
hashtags: [{tag: VéloSûr, primary: true}]
"""


def home(loaded, language: str, now: dt.datetime = GOLDEN_NOW) -> str:
    history = History(read_history(loaded.folder), now)
    return render_movement(loaded, language, REPO / "docs", None, history)["index.md"]


def hero(markdown: str) -> Page:
    """The tags and text of the home page's first block, up to its first Markdown heading."""
    page = Page()
    page.feed(markdown.split("\n---\n", 1)[1].split("\n## ", 1)[0])
    return page


def plain(text: str) -> str:
    """`text` with Babel's (and French typography's) narrow and non-breaking spaces as
    plain ones."""
    return re.sub(r"[\s\u00a0\u202f]+", " ", text).strip()


def words(page: Page) -> str:
    """The visible text of `page`, spaces made plain."""
    return plain(" ".join(page.text))


def movement(tmp_path: Path, extra: str = "", slug: str = "velo"):
    project = make_project(tmp_path, {slug: MOVEMENT + extra})
    return load_movement(project / "movements" / slug / "movement.yml")


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_demo_opens_with_its_name_tagline_ask_hashtag_and_dates(language: str) -> None:
    demo = EXAMPLES["demo"]
    spec = demo.spec
    page = hero(home(demo, language))
    names = [tag.name for tag in page.tags]
    assert names[:3] == ["div", "h1", "p"]  # the name, then the tagline, before anything else
    text = words(page)
    assert text.startswith(plain(f"{spec.name[language]} {spec.tagline[language]}"))
    (ask,) = page.find("a", **{"class": "md-button md-button--primary pv-ask"})
    assert ask.attrs == {
        "class": "md-button md-button--primary pv-ask",
        "href": spec.ask.url,
        "target": "_blank",
        "rel": "noopener noreferrer",
    }
    assert names.index("a") < names.index("button")  # the ask comes first
    (copy,) = page.find("button", **{"class": "md-button pv-copy"})
    assert copy.attrs["data-copy"] == f"#{spec.primary_hashtag(language).tag}"
    assert "hidden" in copy.attrs  # shown by the script only
    assert [t.attrs["datetime"] for t in page.find("time")] == [
        "2027-02-16T19:00-05:00",  # 19:00 in Toronto, in winter
        "2030-09-03",
    ]
    when = {
        "fr": ["mardi 16 février 2027, 19 h 00 HNE", "mardi 3 septembre 2030"],
        "en": ["Tuesday, February 16, 2027, 7:00 p.m. EST", "Tuesday, September 3, 2030"],
    }[language]
    label = plain(spec.dates[0].label[language])
    assert text.index(when[0]) < text.index(label) < text.index(when[1])
    assert page.find("a", href=spec.dates[0].url, target="_blank", rel="noopener noreferrer")
    assert page.find("a", href="guide/")  # the guide, one tap away


@pytest.mark.parametrize(
    ("language", "label"), [("fr", "Partager une publication"), ("en", "Share a post")]
)
def test_without_an_ask_the_button_leads_to_the_posts(language: str, label: str) -> None:
    ovpe = EXAMPLES["ovpe"]
    assert ovpe.spec.ask is None and not ovpe.spec.dates  # a real campaign: nothing invented
    markdown = home(ovpe, language)
    page = hero(markdown)
    (ask,) = page.find("a", **{"class": "md-button md-button--primary pv-ask"})
    assert ask.attrs["href"] == "kit/posts/" and "target" not in ask.attrs
    assert label in words(page)
    assert not page.find("time") and not page.find("ul")  # no dates: no empty list
    assert "](kit/posts.md)" in markdown  # the "Just want to act?" card is kept


def test_without_posts_the_button_leads_to_the_hashtags(tmp_path: Path) -> None:
    markdown = home(movement(tmp_path), "en")
    (ask,) = hero(markdown).find("a", **{"class": "md-button md-button--primary pv-ask"})
    assert ask.attrs["href"] == "kit/hashtags/"
    assert "Use our hashtag" in markdown and "kit/posts" not in markdown


DATES = f"""\
timezone: {TORONTO}
dates:
  - {{label: Fifth, date: 2027-03-20}}
  - {{label: Yesterday, date: 2027-03-09}}
  - {{label: Earlier today, date: "2027-03-10 17:00"}}
  - {{label: Today, date: 2027-03-10}}
  - {{label: Later today, date: "2027-03-10 18:00"}}
  - {{label: Fourth, date: 2027-03-12 09:30}}
"""


def test_only_the_next_three_dates_soonest_first_in_the_movement_s_time(tmp_path: Path) -> None:
    loaded = movement(tmp_path, DATES)
    # 22:30 UTC is 17:30 in Toronto (EST, UTC-5, before the switch of March 14).
    now = dt.datetime(2027, 3, 10, 22, 30, tzinfo=dt.UTC)
    text = words(hero(home(loaded, "en", now)))
    assert re.findall(r"Fifth|Yesterday|Earlier today|Today|Later today|Fourth", text) == [
        "Today",
        "Later today",
        "Fourth",
    ]
    # 02:00 UTC on the 11th is still the evening of the 10th in Toronto: that day is to come.
    late = dt.datetime(2027, 3, 11, 2, tzinfo=dt.UTC)
    assert "Today" in words(hero(home(loaded, "en", late)))
    assert "Later today" not in words(hero(home(loaded, "en", late)))


def test_a_time_is_upcoming_until_it_comes_a_day_until_it_ends() -> None:
    paris = zoneinfo.ZoneInfo("Europe/Paris")
    now = dt.datetime(2027, 6, 1, 21, 59, tzinfo=dt.UTC)  # 23:59 in Paris (UTC+2)
    assert is_upcoming(EventDate(dt.date(2027, 6, 1)), paris, now)
    assert not is_upcoming(EventDate(dt.date(2027, 6, 1), dt.time(23, 58)), paris, now)
    assert is_upcoming(EventDate(dt.date(2027, 6, 1), dt.time(23, 59)), paris, now)
    after = now + dt.timedelta(minutes=1)  # midnight in Paris, still June 1 in UTC
    assert not is_upcoming(EventDate(dt.date(2027, 6, 1)), paris, after)


def test_dates_accept_what_people_type(tmp_path: Path) -> None:
    loaded = movement(
        tmp_path,
        """\
dates:
  - {label: A, date: 2027-02-16}
  - {label: B, date: "2027-02-16"}
  - {label: C, date: 2027-02-16T19:05}
  - {label: D, date: 2027-02-16 7:05}
  - {label: E, date: 2027-02-16 19:05:00}
""",
    )
    assert [str(d.date) for d in loaded.spec.dates] == [
        "2027-02-16",
        "2027-02-16",
        "2027-02-16 19:05",
        "2027-02-16 07:05",
        "2027-02-16 19:05",
    ]
    assert loaded.spec.timezone == TORONTO  # the default
    assert loaded.spec.zone.utcoffset(dt.datetime(2027, 7, 1)) == dt.timedelta(hours=-4)


def test_time_zone_suggestions() -> None:
    assert suggest_zone("america/toronto") == "America/Toronto"
    assert suggest_zone("New York") == "America/New_York"
    assert suggest_zone("Montréal") == "America/Montreal"
    assert suggest_zone("Europe/Pariss") == "Europe/Paris"
    assert suggest_zone("Nowhere at all") is None


def test_every_text_and_address_of_the_ask_and_dates_is_escaped(tmp_path: Path) -> None:
    loaded = movement(
        tmp_path,
        """\
ask:
  label: '<script>alert(1)</script> *now*'
  url: "https://example.org/sign?a=1&b=<2>"
dates:
  - label: '<img src=x onerror=alert(1)> [link](https://evil.example/)'
    date: 2099-01-01
    url: https://example.org/e?x=1&y=2
""".replace("<2>", "%3C2%3E"),
    )
    markdown = home(loaded, "en")
    assert "<script>" not in markdown and "<img" not in markdown
    assert "](https://evil" not in markdown and "*now*" not in markdown
    page = hero(markdown)
    assert page.find("a", href="https://example.org/sign?a=1&b=%3C2%3E")
    assert 'href="https://example.org/e?x=1&amp;y=2"' in markdown
    assert "<script>alert(1)</script> *now*" in words(page)  # shown as typed
