"""The activity page from a snapshot history: figures, charts, top posts, CSV, sample label."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest

from generator.build import build_time
from generator.errors import BuildError
from generator.movement import load_movement
from generator.render.activity import History, activity_view, merged_days
from generator.render.activity_csv import history_csv
from generator.render.charts import ChartText, Point, bar_chart, line_chart
from generator.render.pages import render_movement
from generator.snapshot.format import (
    SCHEMA_FILE,
    Account,
    Counts,
    DayCount,
    Post,
    PostMetrics,
    Snapshot,
    UserMetrics,
    XFigures,
)
from generator.snapshot.store import read_history, snapshot_files
from tests.support import REPO, make_project, read_page

MOVEMENT = """\
name: Vélo
tagline: Des pistes protégées.
organization: {name: Coalition, handle: DemoVeloSur, url: https://example.org/}
hashtags: [{tag: VéloSûr, primary: true}]
"""
ORG_ID = "1700000000000000001"


def at(day: int, hour: int = 6) -> dt.datetime:
    return dt.datetime(2026, 10, 1, hour, tzinfo=dt.UTC) + dt.timedelta(days=day)


def post(post_id: int, day: int, likes: int, impressions: int | None) -> Post:
    return Post(
        id=str(post_id),
        text=f"Publication {post_id} <b>gras</b> [lien](https://evil.example/)",
        created_at=at(day, 12),
        author_id=ORG_ID,
        public_metrics=PostMetrics(
            like_count=likes,
            retweet_count=2,
            reply_count=1,
            quote_count=1,
            bookmark_count=1,
            impression_count=impressions,
        ),
    )


def snapshot(day: int, followers: int, posts: list[Post] = (), source: str = "x-api") -> Snapshot:
    buckets = [
        DayCount(start=at(day - 1, 6), end=at(day, 0), count=999),  # partial: never shown
        DayCount(start=at(day, 0) - dt.timedelta(days=1), end=at(day, 0), count=10 * day),
    ]
    return Snapshot(
        movement="velo",
        fetched_at=at(day),
        source=source,  # type: ignore[arg-type]
        x=XFigures(
            accounts=[
                Account(
                    id=ORG_ID,
                    username="DemoVeloSur",
                    name="Coalition",
                    public_metrics=UserMetrics(
                        followers_count=followers, tweet_count=100 + day, listed_count=3
                    ),
                )
            ],
            posts=list(posts),
            hashtags=Counts(query="#VéloSûr", days=buckets),
            mentions=Counts(query="@DemoVeloSur -from:DemoVeloSur", days=buckets[1:]),
        ),
    )


@pytest.fixture
def loaded(tmp_path: Path):
    project = make_project(tmp_path, {"velo": MOVEMENT})
    return load_movement(project / "movements" / "velo" / "movement.yml")


def history(*snapshots: Snapshot, now_day: int | None = None) -> History:
    last = snapshots[-1].fetched_at if snapshots else at(0)
    now = at(now_day) if now_day is not None else last + dt.timedelta(hours=3)
    return History(tuple(snapshots), now)


def page(loaded, language: str, hist: History | None) -> str:
    return render_movement(loaded, language, REPO / "docs", None, hist)["kit/activity.md"]


def figure_cells(text: str, label: str) -> list[str]:
    """The cells of one row of an account's table of figures (raw HTML in the page)."""
    row = re.search(rf'<th scope="row" role="rowheader">{re.escape(label)}</th>(.*?)</tr>', text)
    assert row, f"no row {label!r} in the figures"
    return re.findall(r"<td[^>]*>(.*?)</td>", row[1])


def test_headline_figures_change_since_previous_and_over_7_and_30_days(loaded) -> None:
    days = [0, 10, 20, 30, 39, 40]
    hist = history(*(snapshot(d, 12000 + 10 * d) for d in days))
    view = activity_view(hist, loaded.spec, "en", "en_CA")
    (account,) = view.accounts
    followers, posts, listed = account.figures
    assert (followers.value, followers.since_previous) == (12400, 10)
    assert (followers.over_7_days, followers.over_30_days) == (100, 300)  # days 30 and 10
    assert (posts.value, posts.over_30_days) == (140, 30)
    assert listed.since_previous == 0
    assert [d.value for d in account.followers] == [12000 + 10 * d for d in days]
    assert (view.as_of, view.previous_day) == (dt.date(2026, 11, 10), dt.date(2026, 11, 9))


def test_changes_are_unknown_when_the_history_is_short(loaded) -> None:
    view = activity_view(history(snapshot(0, 50)), loaded.spec, "en", "en_CA")
    (figure, *_) = view.accounts[0].figures
    assert (figure.value, figure.since_previous, figure.over_7_days) == (50, None, None)
    assert view.accounts[0].followers_chart is None  # one point draws no line
    text = page(loaded, "en", history(snapshot(0, 50)))
    assert figure_cells(text, "Followers") == ["50", "—", "—", "—"]


def test_numbers_and_dates_follow_the_page_locale(loaded) -> None:
    hist = history(snapshot(0, 12345), snapshot(1, 13345))
    english, french = page(loaded, "en", hist), page(loaded, "fr", hist)
    assert figure_cells(english, "Followers")[:2] == ["13,345", "&#43;1,000"]
    assert figure_cells(french, "Abonnés")[:2] == ["13\u00a0345", "&#43;1\u00a0000"]
    assert "Figures as of October 2, 2026" in english
    assert "Chiffres au 2 octobre 2026" in french


def test_daily_counts_keep_whole_days_and_the_latest_reading() -> None:
    early, late = snapshot(5, 1), snapshot(5, 1)
    assert late.x is not None
    counts = Counts(query="q", days=[DayCount(start=at(4, 0), end=at(5, 0), count=7)])
    late = late.model_copy(update={"x": late.x.model_copy(update={"hashtags": counts})})
    assert [
        (d.day.isoformat(), d.value) for d in merged_days([early.x.hashtags, late.x.hashtags])
    ] == [("2026-10-05", 7)]


def test_top_posts_rank_the_last_30_days_by_engagements_and_impressions(loaded) -> None:
    old = post(1, 0, 1000, 99999)  # more than 30 days before the latest snapshot
    liked, seen = post(2, 35, 50, 100), post(3, 38, 5, 5000)
    first = snapshot(36, 10, [old, liked])
    again = snapshot(
        40, 12, [seen, liked.model_copy(update={"public_metrics": PostMetrics(like_count=60)})]
    )
    view = activity_view(history(first, again), loaded.spec, "en", "en_CA")
    assert [(p.url, p.engagements) for p in view.top_by_engagements] == [
        ("https://x.com/DemoVeloSur/status/2", 60),  # its latest metrics
        ("https://x.com/DemoVeloSur/status/3", 10),
    ]
    assert [p.impressions for p in view.top_by_impressions] == [5000]  # no figure: left out
    text = page(loaded, "en", history(first, again))
    assert "likes &#43; reposts &#43; replies &#43; quotes &#43; bookmarks" in text
    assert "Impressions are X&#39;s own figure" in text
    assert "<b>" not in text and "](https://evil" not in text  # post text stays text


def test_without_a_snapshot_there_is_no_activity_page(loaded) -> None:
    """No figures: the page is left out (`check` notes why), and no page tells supporters
    how to take a snapshot: that is for the people who keep the movement file."""
    for hist in (None, History((), at(0))):
        pages = render_movement(loaded, "en", REPO / "docs", None, hist)
        assert "kit/activity.md" not in pages and "kit/hashtags.md" in pages
        for text in pages.values():
            assert "BEARER" not in text and "portevoix snapshot" not in text


def test_sample_data_and_old_snapshots_are_said_so(loaded) -> None:
    fresh = page(loaded, "en", history(snapshot(0, 5, source="sample"), now_day=7))
    assert '!!! warning "Sample data"' in fresh and "out of date" not in fresh
    assert "(taken 7 days before this page was built)" in fresh
    stale = page(loaded, "fr", history(snapshot(0, 5), now_day=8))
    assert "Données fictives" not in stale
    assert '!!! warning "Ces chiffres ne sont plus à jour"' in stale


def test_charts_are_labelled_images_with_escaped_text() -> None:
    text = ChartText("pv-c", 'Posts <script>&"', "From a to b & c", "0", "1,234")
    points = [Point("Oct 1", 3), Point("Oct <2>", 0)]
    for svg in (bar_chart(points, text, 3), line_chart(points, text, 0, 3)):
        root = ET.fromstring(str(svg))  # well-formed XML: every text was escaped
        ns = "{http://www.w3.org/2000/svg}"
        assert root.get("role") == "img"
        assert root.get("width") == "640"  # Material's <figure> would shrink a sizeless SVG to 0
        assert root.get("aria-labelledby") == "pv-c-title pv-c-desc"
        assert root.find(f"{ns}title").get("id") == "pv-c-title"
        assert root.find(f"{ns}title").text == 'Posts <script>&"'
        assert root.find(f"{ns}desc").text == "From a to b & c"
        assert "<script>" not in str(svg)


def test_csv_holds_the_whole_history(loaded) -> None:
    text = history_csv(history(snapshot(1, 10), snapshot(2, 12)), loaded.spec)
    assert text.splitlines() == [
        "date,network,source,account,followers,posts,listed,hashtag posts,mentions",
        "2026-10-01,x,,,,,,10,10",
        "2026-10-02,x,x-api,DemoVeloSur,10,101,3,,",
        "2026-10-02,x,x-api,,,,,20,20",
        "2026-10-03,x,x-api,DemoVeloSur,12,102,3,,",
    ]


def test_the_demo_site_shows_its_sample_history_and_offers_the_csv(example_site: Path) -> None:
    for language_dir in ("demo", "demo/en"):
        folder = example_site / language_dir / "kit"
        html = read_page(folder / "activity" / "index.html")
        assert any(t.attrs.get("href") == "../activity.csv" for t in html.find("a"))
        charts = [t.attrs["aria-labelledby"].split()[0] for t in html.find("svg", role="img")]
        assert charts == [
            "pv-chart-followers-demovelosur-title",  # X: the two tracked accounts
            "pv-chart-followers-demomairiebelv-title",
            "pv-chart-bluesky-velosur-belvent-example-title",
            "pv-chart-mastodon-velosur-social-belvent-example-title",
            "pv-chart-hashtags-title",  # hashtag volume on X, Bluesky, Mastodon
            "pv-chart-hashtags-bluesky-title",
            "pv-chart-hashtags-mastodon-title",
            "pv-chart-mentions-title",
        ]
        csv_text = (folder / "activity.csv").read_text(encoding="utf-8")
        assert csv_text.startswith("date,network,source,account,")
        assert {row.split(",")[1] for row in csv_text.splitlines()[1:]} == {
            "x",
            "bluesky",
            "mastodon",
        }
    text = (example_site / "demo" / "kit" / "activity" / "index.html").read_text(encoding="utf-8")
    assert "Données fictives" in text


def test_build_time_comes_from_source_date_epoch(monkeypatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795000000")
    assert build_time() == dt.datetime(2026, 11, 18, 11, 6, 40, tzinfo=dt.UTC)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    with pytest.raises(BuildError, match="SOURCE_DATE_EPOCH='yesterday': give seconds"):
        build_time()
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    assert abs(build_time() - dt.datetime.now(dt.UTC)) < dt.timedelta(minutes=1)


def test_committed_snapshots_follow_the_schema_and_read_back() -> None:
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    folders = sorted(p.parent for p in (REPO / "movements").glob("*/movement.yml"))
    files = [f for folder in folders for f in snapshot_files(folder)]
    assert len(files) >= 60
    for path in files:
        validator.validate(json.loads(path.read_text(encoding="utf-8")))
    assert not snapshot_files(REPO / "movements" / "ovpe")  # no sample figures for real accounts
    assert {s.source for s in read_history(REPO / "movements" / "demo")} == {"sample"}
    assert os.sep not in "".join(p.name for p in files)


def test_a_network_that_never_gave_a_figure_is_left_out_not_shown_empty(loaded) -> None:
    from generator.snapshot.format import BlueskyFigures, RequestError

    failed = BlueskyFigures(
        partial=True,
        errors=[RequestError(request="profiles", target="a.bsky.social", message="down")],
    )
    hist = history(*(snapshot(d, 100 + d).model_copy(update={"bluesky": failed}) for d in (1, 2)))
    view = activity_view(hist, loaded.spec, "en", "en_CA")
    assert view.bluesky is None and view.mastodon is None and view.has_x
    assert view.hashtag_columns == ()  # X alone: no table across networks
    text = page(loaded, "en", hist).split('<nav class="pv-page-share"')[0]  # not the share bar
    assert "Bluesky" not in text and "Mastodon" not in text
    assert "### @DemoVeloSur (X)" in text
