"""Accounts and lists pages render what the latest snapshot saw, for every visitor."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

from generator.movement import discover_movements, load_movements
from generator.render.follow import initials, linked_text, posted_at
from generator.snapshot.format import (
    Entities,
    HashtagEntity,
    MentionEntity,
    Post,
    PostMetrics,
    UrlEntity,
)
from generator.snapshot.store import read_history
from tests.support import REPO, read_page

DEMO = next(m for m in load_movements(discover_movements(REPO / "movements")) if m.slug == "demo")
LATEST = read_history(DEMO.folder)[-1]


def post(text: str, entities: Entities) -> Post:
    return Post(
        id="1",
        text=text,
        created_at=dt.datetime(2026, 11, 23, 21, 7, tzinfo=dt.UTC),
        author_id="2",
        public_metrics=PostMetrics(),
        entities=entities,
    )


def test_post_text_links_its_entities_and_escapes_the_rest() -> None:
    text = "<b>Hé</b> #VéloSûr @Demo_X voir https://t.co/abc & plus"

    def span(part: str) -> dict[str, int]:
        return {"start": text.index(part), "end": text.index(part) + len(part)}

    entities = Entities(
        hashtags=[HashtagEntity(**span("#VéloSûr"), tag="VéloSûr")],
        mentions=[MentionEntity(**span("@Demo_X"), username="Demo_X")],
        urls=[
            UrlEntity(
                **span("https://t.co/abc"),
                url="https://t.co/abc",
                expanded_url="https://example.org/a?b=1&c=2",
                display_url="example.org/a",
            )
        ],
    )
    html = str(linked_text(post(text, entities)))
    assert html.startswith("&#60;b&#62;Hé&#60;/b&#62; ")
    assert (
        '<a href="https://x.com/hashtag/V%C3%A9loS%C3%BBr" target="_blank" rel="noopener noreferrer nofollow">&#35;VéloSûr</a>'
        in html
    )
    assert '<a href="https://x.com/Demo_X"' in html and ">@Demo&#95;X</a>" in html
    assert '<a href="https://example.org/a?b=1&amp;c=2"' in html and ">example.org/a</a>" in html
    assert html.endswith(" &#38; plus")
    assert "t.co" not in html


def test_an_entity_outside_the_text_is_ignored_not_a_crash() -> None:
    entities = Entities(hashtags=[HashtagEntity(start=5, end=99, tag="x")])
    assert str(linked_text(post("court", entities))) == "court"


def test_dates_badges() -> None:
    moment = dt.datetime(2026, 11, 23, 21, 7, tzinfo=dt.UTC)
    toronto, vancouver = ZoneInfo("America/Toronto"), ZoneInfo("America/Vancouver")
    assert posted_at(moment, "fr_CA", toronto) == "23 nov. 2026, 16 h 07 HNE"
    assert posted_at(moment, "en_CA", toronto) == "Nov 23, 2026, 4:07\u202fp.m. EST"
    assert posted_at(moment, "en_CA", vancouver) == "Nov 23, 2026, 1:07\u202fp.m. PST"
    late = dt.datetime(2026, 11, 24, 2, 30, tzinfo=dt.UTC)  # still the 23rd in Toronto
    assert posted_at(late, "en_CA", toronto) == "Nov 23, 2026, 9:30\u202fp.m. EST"
    assert initials("Velo Sur (démo)") == "VS" and initials("") == "@"


def test_accounts_page_shows_profiles_from_the_snapshot(example_site: Path) -> None:
    account = next(a for a in LATEST.x.accounts if a.username == "DemoVeloSur")
    followers = account.public_metrics.followers_count
    assert followers is not None and followers >= 1000
    fr = read_page(example_site / "demo" / "kit" / "accounts" / "index.html")
    en = read_page(example_site / "demo" / "en" / "kit" / "accounts" / "index.html")
    fr_text, en_text = " ".join(fr.text), " ".join(en.text)
    assert account.name in fr_text and account.description in fr_text
    assert f"{followers // 1000}\u00a0{followers % 1000:03d} abonnés sur X" in fr_text
    assert f"{followers // 1000},{followers % 1000:03d} followers on X" in en_text
    follow = [t.attrs["href"] for t in fr.find("a") if "pv-follow" in t.attrs.get("class", "")]
    assert f"https://x.com/intent/follow?user_id={account.id}" in follow  # stable id from X
    assert "Données fictives" in fr_text and "Sample data" in en_text
    assert not fr.find("img", **{"class": "pv-avatar"})  # initials, no picture from X


def test_lists_page_renders_the_latest_posts_statically(example_site: Path) -> None:
    record = LATEST.x.lists[0]
    page = read_page(example_site / "demo" / "en" / "kit" / "lists" / "index.html")
    text = " ".join(page.text)
    assert record.name in text or DEMO.spec.lists[0].name["en"] in text
    articles = page.find("article", **{"class": "pv-xpost"})
    assert LATEST.bluesky is not None
    bluesky_lists = LATEST.bluesky.lists
    assert len(articles) == sum(len(r.posts) for r in [*LATEST.x.lists, *bluesky_lists])
    hrefs = {t.attrs.get("href") for t in page.find("a")}
    # Bluesky: each list and starter pack opens on bsky.app, a list's posts link there too.
    assert {x.url for x in DEMO.spec.bluesky_lists} <= hrefs
    for post in (p for r in bluesky_lists for p in r.posts):
        assert post.url in hrefs and post.url.startswith("https://bsky.app/profile/")
    assert "Open the starter pack on Bluesky" in text and "Open the list on Bluesky" in text
    first = record.posts[0]
    author = next(a for a in record.authors if a.id == first.author_id)
    assert f"https://x.com/{author.username}/status/{first.id}" in hrefs
    for member in record.members:
        assert f"https://x.com/{member.username}" in hrefs
    assert f"{record.member_count} members" in text
    # The live timeline waits for the visitor: no widget markup or script in the page itself.
    html = (example_site / "demo" / "en" / "kit" / "lists" / "index.html").read_text(
        encoding="utf-8"
    )
    assert "platform.twitter.com" not in html and "twitter-timeline" not in html
    embeds = page.find("div", **{"class": "pv-embed"})
    assert [e.attrs["data-pv-embed"] for e in embeds] == [
        f"https://x.com/i/lists/{x.id}" for x in DEMO.spec.lists
    ]


def test_without_a_snapshot_the_pages_say_where_figures_come_from(example_site: Path) -> None:
    # ovpe names no list: its site has no lists page to say so.
    assert not (example_site / "ovpe" / "kit" / "lists").exists()
    accounts = read_page(example_site / "ovpe" / "en" / "kit" / "accounts" / "index.html")
    follow = [
        t.attrs["href"] for t in accounts.find("a") if "pv-follow" in t.attrs.get("class", "")
    ]
    assert follow == ["https://x.com/intent/follow?screen_name=RNAO"]
