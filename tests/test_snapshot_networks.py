"""`portevoix snapshot` across X, Bluesky and Mastodon, and X's frugality, budget and faults.

Every network is replayed at the HTTP level with `responses` (tweepy, `HttpBluesky`,
`HttpMastodon` and `JsonHttp` run for real); nothing reaches the network. Runs through the
command line use real time, so they meet only faults that are not retried or waited for;
retried and waited-for faults run through `take_snapshots` with a clock that moves only when
the run sleeps.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import re
import shutil
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
import responses
from click.testing import CliRunner

from generator.cli import main
from generator.movement import LoadedMovement, discover_movements, load_movements
from generator.snapshot.api import RateLimited
from generator.snapshot.bluesky_api import HttpBluesky
from generator.snapshot.client import TweepyApi
from generator.snapshot.command import real_apis
from generator.snapshot.format import V1_BODY, ListRecord, Snapshot, UserRef, XFigures
from generator.snapshot.mastodon import HttpMastodon
from generator.snapshot.plan import steady_daily_cost_usd
from generator.snapshot.run import Apis, SnapshotError, SnapshotOptions, take_snapshots
from generator.snapshot.store import (
    SnapshotFileError,
    read_history,
    read_snapshot,
    write_snapshot,
)
from tests import bluesky_api as bsky
from tests import mastodon_api as masto
from tests import x_api
from tests.support import make_project, snapshot_tree
from tests.test_snapshot import NOW, VELO, FakeClock
from tests.x_api import ALLY_ID, FAKE_TOKEN, LIST_ID, ORG_ID, error_body, post, replay_api

DAY = "2026-11-18"
V1_FILE = Path(__file__).parent / "data" / "snapshot-v1.json"
"""A format 1 file as `portevoix snapshot` wrote them before Bluesky and Mastodon (valid
against format 1's schema): X's body at the top level, source x-api."""

NEIGHBOUR = UserRef(id="1700000000000000003", username="DemoVoisin", name="Voisin à vélo")
"""A member of the list who is none of the movement's accounts."""
STRANGER = {"id": "1700000000000000004", "username": "DemoInconnue", "name": "Inconnue"}
"""A list post's author who is neither a member nor an account."""
ALLY = UserRef(id=ALLY_ID, username="DemoParents", name="Parents à vélo")

# One movement on the three networks; Bluesky and Mastodon identities as their replays have.
NETWORKS = f"""\
name: Vélo
tagline: Des pistes protégées.
organization: {{name: Coalition, handle: DemoVeloSur, url: https://example.org/, bluesky: {bsky.ORG}, mastodon: "@velosur@mastodon.example"}}
hashtags: [{{tag: VéloSûr, primary: true}}, {{tag: SafeCycling}}]
accounts: [{{handle: DemoParents, bluesky: {bsky.ALLY}, mastodon: "@parents@piaille.example"}}, {{handle: DemoGhost, bluesky: {bsky.GHOST}, mastodon: "@ghost@mastodon.example"}}]
lists: [{{id: "{LIST_ID}", name: Alliés}}]
bluesky_lists: [{{url: "https://bsky.app/profile/{bsky.ORG}/lists/3kabc", name: Alliés}}, {{url: "https://bsky.app/starter-pack/{bsky.ORG}/3kpack", name: Pack}}]
stats: {{accounts: [DemoVeloSur], hashtags: [VéloSûr, SafeCycling]}}
"""

X_HOST, MASTODON_HOSTS = "api.twitter.com", {masto.ORG_SERVER, masto.ALLY_SERVER}
NO_SECRETS = {
    "X_BEARER_TOKEN": None,
    "BLUESKY_HANDLE": None,
    "BLUESKY_APP_PASSWORD": None,
    "BLUESKY_SERVICE": None,
}
WITH_TOKEN = {**NO_SECRETS, "X_BEARER_TOKEN": FAKE_TOKEN}
LOGGED_IN = {
    **WITH_TOKEN,
    "BLUESKY_HANDLE": bsky.LOGIN,
    "BLUESKY_APP_PASSWORD": bsky.FAKE_APP_PASSWORD,
}
UNAUTHORIZED = {"status": 401, "json": error_body(401, "Unauthorized", "Unauthorized")}
TOKEN_REFUSED = (
    "X did not accept the token (401 Unauthorized): check that X_BEARER_TOKEN holds your X "
    "app's bearer token, not its API key or an access token, and that it was not regenerated "
    "since. X said: 401 Unauthorized Unauthorized."
)
USAGE_CAPPED = {
    "status": 429,
    "json": {
        "account_id": 1700000000000009999,
        "product_name": "standard-basic",
        "title": "UsageCapExceeded",
        "period": "Monthly",
        "scope": "Product",
        "detail": "Usage cap exceeded: Monthly product cap",
        "type": "https://api.twitter.com/2/problems/usage-capped",
    },
    # Not a rate limit: plenty left in the window, and a reset that waiting would reach.
    "headers": {"x-rate-limit-remaining": "9999", "x-rate-limit-reset": str(int(NOW) + 30)},
}
CAP_SENTENCE = (
    "X refused the request because the app's monthly usage cap is spent (429 "
    "UsageCapExceeded): waiting does not help; raise the cap or wait for the next month in the "
    "X developer console (Usage), then run again. X said: 429 Too Many Requests Usage cap "
    "exceeded: Monthly product cap."
)


@pytest.fixture
def api():
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        yield mock


def project_of(tmp_path: Path, **movements: str) -> Path:
    return make_project(tmp_path / "project", movements or {"velo": VELO})


def loaded(project: Path) -> list[LoadedMovement]:
    return load_movements(discover_movements(project / "movements"))


def run_x(project: Path, clock: FakeClock | None = None, **options: Any):
    clock = clock or FakeClock()
    apis = Apis(x=TweepyApi(FAKE_TOKEN))
    return take_snapshots(
        loaded(project), apis, SnapshotOptions(**options), clock=clock, sleep=clock.sleep
    )


def cli(project: Path, *args: str, env: Mapping[str, str | None] | None = None, verbose=False):
    command = [*(["-v"] if verbose else []), "snapshot", "--project", str(project), *args]
    result = CliRunner().invoke(main, command, env=WITH_TOKEN if env is None else env)
    assert "Traceback" not in result.output + result.stderr
    return result


def wrote(result: Any) -> list[Path]:
    """The files the command says it wrote (the day is the run's, whatever the clock says now)."""
    return [
        Path(line.removeprefix("Wrote ").removesuffix(" (partial: see its errors)"))
        for line in result.stdout.splitlines()
        if line.startswith("Wrote ")
    ]


def read_json(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))


def day_file(project: Path, day: str = DAY, slug: str = "velo") -> Path:
    return project / "movements" / slug / "snapshots" / f"{day}.json"


def written(project: Path, day: str = DAY, slug: str = "velo") -> dict[str, Any]:
    return json.loads(day_file(project, day, slug).read_text(encoding="utf-8"))


def paths(api: responses.RequestsMock) -> list[str]:
    """The path of each request made, in order."""
    return [urlsplit(str(call.request.url)).path for call in api.calls]


def hosts(api: responses.RequestsMock) -> set[str]:
    return {urlsplit(str(call.request.url)).hostname or "" for call in api.calls}


def at(days_before_now: float, now: float = NOW) -> dt.datetime:
    return dt.datetime.fromtimestamp(now - days_before_now * 86_400, dt.UTC)


def write_earlier(
    project: Path,
    fetched_at: dt.datetime,
    member_count: int,
    members: list[UserRef],
    members_read_at: dt.datetime | None = None,
) -> Path:
    """An earlier snapshot of `velo` holding the list's members, written as a run writes."""
    record = ListRecord(
        id=LIST_ID,
        name="Alliés du vélo",
        owner_id=ORG_ID,
        member_count=member_count,
        members=members,
        members_read_at=members_read_at or fetched_at,
    )
    snapshot = Snapshot(
        movement="velo", fetched_at=fetched_at, source="networks", x=XFigures(lists=[record])
    )
    return write_snapshot(project / "movements" / "velo", snapshot)


def list_posts_by(*author_ids: str) -> dict[str, Any]:
    data = [post(f"17900000000000003{i:02d}", a, 5) for i, a in enumerate(author_ids)]
    return {"json": {"data": data, "meta": {"result_count": len(data)}}}


def replay_bluesky(mock: responses.RequestsMock, **replaced: Any) -> None:
    """Bluesky's replay, with searches that answer whatever the day (the command line runs
    on today's date, not the fixtures'): one page, no post."""
    bsky.replay_api(mock, **replaced)
    mock.add(responses.GET, bsky.SEARCH_URL, **replaced.get("any_search", {"json": {"posts": []}}))


def replay_all(mock: responses.RequestsMock, **replaced: Any) -> None:
    """The three networks; `x_…`, `bluesky_…` and `mastodon_…` replace one endpoint each."""
    picked = {
        network: {
            k.removeprefix(f"{network}_"): v for k, v in replaced.items() if k.startswith(network)
        }
        for network in ("x", "bluesky", "mastodon")
    }
    replay_api(mock, **picked["x"])
    replay_bluesky(mock, **picked["bluesky"])
    masto.replay_api(mock, **picked["mastodon"])


# 1. X's spent monthly cap is not a rate limit


def test_a_spent_usage_cap_stops_at_once_without_waiting(api, tmp_path) -> None:
    project = project_of(tmp_path)
    replay_api(api, posts=USAGE_CAPPED)
    clock = FakeClock()
    with pytest.raises(SnapshotError) as raised:
        run_x(project, clock)  # the default --max-wait (300 s) would cover the reset
    assert (
        raised.value.message
        == f"{CAP_SENTENCE} Nothing was written; earlier snapshots are untouched."
    )
    assert clock.sleeps == [] and clock.now == NOW
    assert paths(api) == ["/2/users/by", f"/2/users/{ORG_ID}/tweets"]  # nothing after it
    assert not (project / "movements" / "velo" / "snapshots").exists()


def test_a_spent_usage_cap_exits_2_and_leaves_earlier_files_as_they_were(api, tmp_path) -> None:
    project = project_of(tmp_path)
    earlier = write_earlier(project, at(1, time.time()), 2, [ALLY])
    before = snapshot_tree(project / "movements")
    replay_api(api, posts=USAGE_CAPPED)
    # With --max-wait 0 a rate limit would be recorded and the run go on (exit 0, a partial
    # file): only a refusal stops it. (That it never waits is the test above.)
    result = cli(project, "--max-wait", "0")
    assert result.exit_code == 2
    assert result.stderr == (
        f"Error: {CAP_SENTENCE} Nothing was written; earlier snapshots are untouched.\n"
    )
    assert result.stdout == ""  # and stderr, above, has no "rate limit: waiting" line
    assert paths(api) == ["/2/users/by", f"/2/users/{ORG_ID}/tweets"]
    assert snapshot_tree(project / "movements") == before
    assert sorted(p.name for p in earlier.parent.iterdir()) == [earlier.name]


def test_a_429_that_is_not_the_usage_cap_is_still_a_rate_limit(api, tmp_path) -> None:
    # The same body shape, another problem type: waited out, not a refusal.
    limited = {
        "status": 429,
        "json": error_body(429, "Too Many Requests", "Too Many Requests"),
        "headers": {"x-rate-limit-remaining": "0", "x-rate-limit-reset": str(int(NOW) + 30)},
    }
    replay_api(api, posts=[limited, {"json": x_api.ORG_POSTS}])
    clock, project = FakeClock(), project_of(tmp_path)
    run_x(project, clock)
    assert clock.sleeps == [31]
    assert len(written(project)["x"]["posts"]) == 2


# 2. Rate limits: the reset X gives, or a minute


@pytest.mark.parametrize(
    ("headers", "waits"),
    [
        ({"x-rate-limit-reset": str(int(NOW) + 42)}, [43.0]),
        ({}, [60.0]),  # no reset said: the fallback minute
        ({"x-rate-limit-reset": str(int(NOW) - 10)}, [1.0]),  # already past: a second
    ],
    ids=["reset", "no-reset", "reset-past"],
)
def test_a_rate_limit_waits_until_its_reset_or_a_minute(api, tmp_path, headers, waits) -> None:
    limited = {
        "status": 429,
        "json": error_body(429, "Too Many Requests", "Slow."),
        "headers": headers,
    }
    replay_api(api, list=[limited, {"json": x_api.LIST}])
    clock, project = FakeClock(), project_of(tmp_path)
    report = run_x(project, clock, max_wait=60)
    assert clock.sleeps == waits
    assert paths(api).count(f"/2/lists/{LIST_ID}") == 2
    velo = written(project)["x"]
    assert velo["partial"] is False and velo["lists"][0]["name"] == "Alliés du vélo"
    assert report.warnings == [
        "x users DemoGhost: Could not find user with usernames: [DemoGhost]."
    ]


def test_a_rate_limit_without_reset_past_max_wait_stops_and_saves(api, tmp_path) -> None:
    limited = {"status": 429, "json": error_body(429, "Too Many Requests", "Slow.")}
    replay_api(api, list=limited)
    clock, project = FakeClock(), project_of(tmp_path)
    run_x(project, clock, max_wait=59)
    assert clock.sleeps == []
    velo = written(project)["x"]
    reason = (
        "X's rate limit was reached and resets at 11:07:40 UTC, past the --max-wait of 59 s; "
        "run again later or give a longer --max-wait"
    )
    assert velo["partial"] is True and len(velo["posts"]) == 2
    assert [e for e in velo["errors"] if e["request"].startswith("list")] == [
        {"request": "list", "target": LIST_ID, "status": 429, "message": reason},
        {"request": "list-members", "target": LIST_ID, "message": f"not requested: {reason}"},
        {"request": "list-posts", "target": LIST_ID, "message": f"not requested: {reason}"},
    ]


@pytest.mark.parametrize(
    ("headers", "reset_at"),
    [({"x-rate-limit-reset": "1795000042"}, 1_795_000_042), ({}, None)],
    ids=["header", "no-header"],
)
def test_the_reset_is_read_from_x_rate_limit_reset(api, headers, reset_at) -> None:
    api.add(
        responses.GET,
        x_api.ENDPOINTS["users"],
        status=429,
        json=error_body(429, "Too Many Requests", "Too Many Requests"),
        headers={"x-rate-limit-remaining": "0", **headers},
    )
    with pytest.raises(RateLimited) as raised:
        TweepyApi(FAKE_TOKEN).get_users(["DemoVeloSur"])
    assert raised.value.reset_at == reset_at and raised.value.status == 429
    assert str(raised.value) == "429 Too Many Requests Too Many Requests"


def test_a_rate_limit_with_an_unreadable_reset_waits_the_fallback_minute(api, tmp_path) -> None:
    limited = {
        "status": 429,
        "json": error_body(429, "Too Many Requests", "Slow."),
        "headers": {"x-rate-limit-reset": "soon"},
    }
    replay_api(api, posts=[limited, {"json": x_api.ORG_POSTS}])
    clock, project = FakeClock(), project_of(tmp_path)
    run_x(project, clock)
    assert clock.sleeps == [60.0] and len(written(project)["x"]["posts"]) == 2


# 3. A protected or suspended account, refused inside a 200 answer

OTHER = """\
name: Autre
tagline: Autre chose.
organization: {name: Autre, handle: DemoAutre, url: https://example.org/}
hashtags: [{tag: Autre, primary: true}]
"""
"""A movement that tracks another account (which X does not return)."""


def test_a_protected_accounts_posts_refused_in_a_200_reach_its_movements_errors(
    api, tmp_path
) -> None:
    detail = f"Sorry, you are not authorized to see the Tweet with ids: [{ORG_ID}]."
    refused = {
        "json": {
            "errors": [
                {
                    "resource_id": ORG_ID,
                    "parameter": "id",
                    "resource_type": "user",
                    "section": "data",
                    "title": "Authorization Error",
                    "value": ORG_ID,
                    "detail": detail,
                    "type": "https://api.twitter.com/2/problems/not-authorized-for-resource",
                }
            ]
        }
    }
    project = project_of(tmp_path, velo=VELO, autre=OTHER)
    replay_api(api, posts=refused)
    report = run_x(project)
    velo = written(project)["x"]
    assert velo["posts"] == [] and velo["partial"] is False  # an answer, not a failure
    # X names the account by its id; the error is about the request's username, so it
    # reaches the movement that tracks it, and only that one.
    assert velo["errors"] == [
        {"request": "posts", "target": "DemoVeloSur", "message": detail},
        {
            "request": "users",
            "target": "DemoGhost",
            "message": "Could not find user with usernames: [DemoGhost].",
        },
    ]
    assert written(project, slug="autre")["x"]["errors"] == []
    assert f"x posts DemoVeloSur: {detail}" in report.warnings
    assert len(velo["accounts"]) == 2 and len(velo["lists"]) == 1  # the rest read as usual


# 4. A long post's whole text


def test_a_long_post_is_stored_with_the_whole_text_of_its_note_tweet(api, tmp_path) -> None:
    whole = (
        "Des pistes protégées jusqu'à chaque école, voilà ce que nous demandons. " * 5
    ) + "#VéloSûr"
    assert len(whole) > 280
    tag_at = whole.index("#VéloSûr")
    cut = whole[:270] + "… https://t.co/long"
    long_post = {
        **post("1790000000000000203", ORG_ID, 9),
        "text": cut,
        "entities": {"urls": [{"start": 272, "end": 289, "url": "https://t.co/long"}]},
        "note_tweet": {
            "text": whole,
            "entities": {"hashtags": [{"start": tag_at, "end": tag_at + 8, "tag": "VéloSûr"}]},
        },
    }
    answer = {"json": {"data": [long_post, *x_api.ORG_POSTS["data"]], "meta": {"result_count": 3}}}
    replay_api(api, posts=answer)
    project = project_of(tmp_path)
    run_x(project)
    posts = written(project)["x"]["posts"]
    assert [p["id"] for p in posts] == [
        "1790000000000000203",
        "1790000000000000202",
        "1790000000000000201",
    ]
    stored = posts[0]
    assert stored["text"] == whole
    assert stored["entities"] == {
        "hashtags": [{"start": tag_at, "end": tag_at + 8, "tag": "VéloSûr"}],
        "mentions": [],
        "urls": [],
    }
    assert stored["text"][tag_at : tag_at + 8] == "#VéloSûr"
    # Posts of 280 characters or fewer have no note_tweet: their text and entities as they are.
    assert [p["text"] for p in posts[1:]] == [x_api.post("1", ORG_ID, 0)["text"]] * 2
    assert posts[1]["entities"]["hashtags"] == [{"start": 38, "end": 46, "tag": "VéloSûr"}]


# 5. Frugality: members carried while unchanged and fresh, authors looked up only if unknown


def test_fresh_members_with_an_unchanged_count_are_carried_not_read(api, tmp_path) -> None:
    project = project_of(tmp_path)
    two_days_ago = at(2)
    write_earlier(project, two_days_ago, 2, [ALLY, NEIGHBOUR])
    # The list's post is by the neighbour: a carried member, so no author lookup either.
    replay_api(api, list_posts=list_posts_by(NEIGHBOUR.id))
    report = run_x(project)
    assert f"/2/lists/{LIST_ID}/members" not in paths(api)
    assert "/2/users" not in paths(api)
    assert len(api.calls) == len(report.made) == 6
    (record,) = written(project)["x"]["lists"]
    assert record["members"] == [ALLY.model_dump(), NEIGHBOUR.model_dump()]
    assert record["members_read_at"] == "2026-11-16T11:06:40Z"
    assert record["member_count"] == 2 and record["follower_count"] == 31  # read today
    assert record["authors"] == [NEIGHBOUR.model_dump()]
    assert report.spent_usd == pytest.approx(0.02 + 0.01 + 0.005 * 2 + 0.005 + 0.005)


def test_a_changed_member_count_reads_the_members_again(api, tmp_path) -> None:
    project = project_of(tmp_path)
    write_earlier(project, at(2), 1, [NEIGHBOUR])
    replay_api(api)  # the list now says 2 members
    run_x(project)
    assert paths(api).count(f"/2/lists/{LIST_ID}/members") == 1
    assert paths(api).index(f"/2/lists/{LIST_ID}/members") > paths(api).index(
        f"/2/lists/{LIST_ID}"
    )  # its count is known before the members are asked
    (record,) = written(project)["x"]["lists"]
    assert [m["username"] for m in record["members"]] == ["DemoParents", "DemoVeloSur"]
    assert record["members_read_at"] == "2026-11-18T11:06:40Z"
    assert "/2/users" not in paths(api)  # the post's author is an account of the run


@pytest.mark.parametrize(
    ("read_days_ago", "max_age", "read_again"),
    [(2, 7, False), (6.9, 7, False), (7, 7, True), (8, 7, True), (2, 1, True), (2, 3, False)],
)
def test_members_older_than_the_max_age_are_read_again(
    api, tmp_path, read_days_ago: float, max_age: int, read_again: bool
) -> None:
    project = project_of(tmp_path)
    read_at = at(read_days_ago)
    write_earlier(project, read_at, 2, [ALLY, NEIGHBOUR])
    replay_api(api)
    run_x(project, members_max_age_days=max_age)
    assert (f"/2/lists/{LIST_ID}/members" in paths(api)) is read_again
    (record,) = written(project)["x"]["lists"]
    if read_again:
        assert record["members_read_at"] == "2026-11-18T11:06:40Z"
        assert [m["username"] for m in record["members"]] == ["DemoParents", "DemoVeloSur"]
    else:
        assert dt.datetime.fromisoformat(record["members_read_at"]) == read_at
        assert [m["username"] for m in record["members"]] == ["DemoParents", "DemoVoisin"]


def test_members_carried_keep_the_moment_they_were_read_across_runs(api, tmp_path) -> None:
    # Read four days ago, carried by yesterday's run, carried again today: still four days.
    project = project_of(tmp_path)
    write_earlier(project, at(1), 2, [ALLY, NEIGHBOUR], members_read_at=at(4))
    replay_api(api)
    run_x(project)
    assert f"/2/lists/{LIST_ID}/members" not in paths(api)
    assert written(project)["x"]["lists"][0]["members_read_at"] == "2026-11-14T11:06:40Z"


def test_an_unknown_author_is_looked_up_once_by_id(api, tmp_path) -> None:
    project = project_of(tmp_path)
    found = {"json": {"data": [STRANGER]}}
    replay_api(
        api, list_posts=list_posts_by(STRANGER["id"], ALLY_ID, STRANGER["id"]), users_by_id=found
    )
    report = run_x(project)
    lookups = [c.request.url for c in api.calls if urlsplit(c.request.url).path == "/2/users"]
    assert len(lookups) == 1
    assert parse_qs(urlsplit(lookups[0]).query) == {
        "ids": [STRANGER["id"]],  # the ally, an account of the run, is not asked
        "user.fields": ["id,name,username"],
    }
    assert paths(api)[-1] == "/2/users"  # after the list's posts named the author
    (record,) = written(project)["x"]["lists"]
    assert record["authors"] == [STRANGER, ALLY.model_dump()]
    assert [m["username"] for m in record["members"]] == ["DemoParents", "DemoVeloSur"]
    (made,) = [m for m in report.made if m.request.kind == "users-by-id"]
    assert made.resources == {"user": 1}


def test_an_author_lookup_that_fails_keeps_the_posts(api, tmp_path) -> None:
    project = project_of(tmp_path)
    failure = {"status": 503, "json": error_body(503, "Service Unavailable", "Down.")}
    replay_api(api, list_posts=list_posts_by(STRANGER["id"]), users_by_id=failure)
    run_x(project, retries=0)
    velo = written(project)["x"]
    (record,) = velo["lists"]
    assert [p["author_id"] for p in record["posts"]] == [STRANGER["id"]]
    assert record["authors"] == [] and velo["partial"] is True
    assert {
        "request": "users-by-id",
        "target": LIST_ID,
        "status": 503,
        "message": "503 Service Unavailable Down. (gave up after 1 tries)",
    } in velo["errors"]


# 6. --budget


def test_a_budget_below_the_runs_upper_bound_asks_nothing_on_any_network(api, tmp_path) -> None:
    project = project_of(tmp_path, velo=NETWORKS)
    replay_all(api)
    result = cli(project, "--budget", "0.01", env=LOGGED_IN)
    assert result.exit_code == 2
    assert result.stderr == (
        "Error: this run could cost up to US$1.145 on X, more than the --budget of US$0.01: "
        "nothing was requested. `portevoix snapshot --dry-run` lists the requests; raise "
        "--budget or track fewer accounts or lists\n"
    )
    assert len(api.calls) == 0  # neither X nor Bluesky (not even its login) nor Mastodon
    assert not (project / "movements" / "velo" / "snapshots").exists()


@pytest.mark.parametrize(("budget", "read_again"), [("0.20", False), ("1.20", True)])
def test_a_budget_skips_a_members_read_it_does_not_cover(
    api, tmp_path, budget: str, read_again: bool
) -> None:
    project = project_of(tmp_path)
    earlier = at(2, time.time())
    write_earlier(project, earlier, 1, [NEIGHBOUR])
    replay_api(api)  # the list now says 2 members: the members would be read again
    result = cli(project, "--budget", budget)
    assert result.exit_code == 0, result.output
    assert (f"/2/lists/{LIST_ID}/members" in paths(api)) is read_again
    (path,) = wrote(result)
    (record,) = read_json(path)["x"]["lists"]
    skipped = (
        f"warning: X: GET /2/lists/{LIST_ID}/members: up to 100 members [only if its member "
        f"count changed since {earlier.date().isoformat()}]: not made, its US$1.000 would pass "
        f"the --budget of US${budget}\n"
    )
    if read_again:
        assert skipped not in result.stderr
        assert [m["username"] for m in record["members"]] == ["DemoParents", "DemoVeloSur"]
    else:
        assert result.stderr == (
            "warning: x users DemoGhost: Could not find user with usernames: [DemoGhost].\n"
            + skipped
        )
        assert record["members"] == [NEIGHBOUR.model_dump()]  # the carried ones, kept
        assert dt.datetime.fromisoformat(record["members_read_at"]) == earlier
        assert record["member_count"] == 2
    spent = (
        "7 request(s) answered, about US$0.070"
        if read_again
        else "6 request(s) answered, about US$0.050"
    )
    assert result.stdout.splitlines()[-1] == f"{spent} spent on X."


# 7. The dry run of the repository's examples


def test_the_dry_run_of_the_examples_lists_every_network_and_the_steady_cost(tmp_path) -> None:
    project = make_project(tmp_path / "examples", examples=True)
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        result = cli(project, "--dry-run", env=NO_SECRETS)
        assert len(mock.calls) == 0
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    x = [line for line in lines if line.startswith("X: GET ")]
    bluesky = [line for line in lines if line.startswith("Bluesky: GET ")]
    mastodon = [line for line in lines if line.startswith("Mastodon: GET ")]
    assert x and bluesky and mastodon
    assert all(re.search(r" \(≤ US\$\d+\.\d{3}\)$", line) for line in x)
    assert all(line.endswith(" (free)") for line in bluesky + mastodon)
    assert len(x) + len(bluesky) + len(mastodon) + 4 == len(lines)
    assert lines[-1] == "Dry run: nothing was requested."
    assert lines[-3:-1] == [
        f"Bluesky: {len(bluesky)} request(s), US$0 (public API, free).",
        f"Mastodon: {len(mastodon)} request(s), US$0 (public API, free).",
    ]
    (total,) = [line for line in lines if line.startswith(f"X: {len(x)} request(s), at most")]
    assert "US$0.350 on a day whose lists' members are held and fresh" in total
    figures = re.fullmatch(
        rf"X: {len(x)} request\(s\), at most US\$(\d+\.\d+) today, US\$(\d+\.\d+) on a day whose "
        r"lists' members are held and fresh; those made only when needed add at most "
        r"US\$(\d+\.\d+); about US\$(\d+\.\d+) a month at most when nothing changes \(30 daily "
        r"runs, each list's members read again weekly\)\.",
        total,
    )
    assert figures is not None, total
    today_most, steady, conditional, monthly = (float(f) for f in figures.groups())
    assert steady <= 0.40
    costs = {line: float(line.rsplit("US$", 1)[1].rstrip(")")) for line in x}
    always = {line: cost for line, cost in costs.items() if "[only " not in line}
    members = [cost for line, cost in costs.items() if "/members: " in line]
    assert today_most == pytest.approx(sum(always.values()), abs=5e-4)
    assert conditional == pytest.approx(sum(costs.values()) - sum(always.values()), abs=5e-4)
    # A month: 30 steady days, each list's members read once a week.
    assert monthly == pytest.approx(30 * steady + sum(members) * 30 / 7, abs=0.01)
    # The mention counts leave reposts out unless a movement asks for them.
    assert any("-from:DemoVeloSur -is:retweet" in line for line in x)


def test_the_dry_run_plans_the_same_steady_cost_as_the_run_would(tmp_path) -> None:
    from generator.snapshot.command import planning_apis
    from generator.snapshot.run import plan_snapshots

    project = make_project(tmp_path / "examples", examples=True)
    plan = plan_snapshots(
        loaded(project), SnapshotOptions(), dt.datetime.now(dt.UTC), planning_apis((), False)
    )
    assert steady_daily_cost_usd(plan.x) == pytest.approx(0.35)
    assert plan.bluesky.requests and plan.mastodon.requests
    assert not any(r.kind == "session" for r in plan.bluesky.requests)  # no login, no search


# 8. Format 1 files


def v1_data() -> dict[str, Any]:
    return json.loads(V1_FILE.read_text(encoding="utf-8"))


def with_v1(project: Path, day: str = "2026-11-17", data: dict[str, Any] | None = None) -> Path:
    target = day_file(project, day)
    target.parent.mkdir(parents=True, exist_ok=True)
    if data is None:
        shutil.copyfile(V1_FILE, target)
    else:
        target.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    return target


def test_a_format_1_file_reads_as_format_2_with_nothing_lost(tmp_path) -> None:
    v1 = v1_data()
    assert v1["format"] == 1 and v1["source"] == "x-api" and "x" not in v1
    snapshot = read_snapshot(with_v1(project_of(tmp_path)))
    assert snapshot.format == 2 and snapshot.source == "x-api"
    assert (snapshot.movement, snapshot.fetched_at) == ("velo", at(1))
    assert (snapshot.bluesky, snapshot.mastodon) == (None, None)
    assert snapshot.x is not None
    body = snapshot.x.model_dump(mode="json", exclude_none=True)
    assert set(body) == set(V1_BODY) == set(v1) - {"format", "movement", "fetched_at", "source"}
    for key in V1_BODY:
        assert body[key] == v1[key], key
    assert snapshot.partial is v1["partial"] is False
    assert snapshot.account("demovelosur") == snapshot.x.accounts[1]
    (record,) = snapshot.x.lists
    assert (record.owner_id, record.members_read_at) == (None, None)  # format 1 had neither
    assert record.owner == UserRef(id=ORG_ID, username="DemoVeloSur", name="Coalition")


def test_a_history_of_format_1_and_2_files_reads_in_order_and_leaves_them_as_they_are(
    api, tmp_path
) -> None:
    project = project_of(tmp_path)
    old = with_v1(project)
    before = old.read_bytes()
    replay_api(api)
    run_x(project)  # reads the format 1 file for the members it holds
    first, second = read_history(project / "movements" / "velo")
    assert (first.day.isoformat(), second.day.isoformat()) == ("2026-11-17", DAY)
    assert (first.source, second.source) == ("x-api", "networks")
    assert first.format == second.format == 2
    assert old.read_bytes() == before
    # Its members, read a day ago with the same count, are carried, dated by its fetched_at.
    assert f"/2/lists/{LIST_ID}/members" not in paths(api)
    assert second.x is not None and first.x is not None
    (record,) = second.x.lists
    assert record.members == first.x.lists[0].members and record.members_read_at == at(1)
    # Its owner now comes from the run's accounts by owner_id, not from an expansion.
    assert record.owner == UserRef(id=ORG_ID, username="DemoVeloSur", name="Coalition Vélo Sûr")


@pytest.mark.parametrize("version", [1, 2])
def test_a_bad_key_is_named_as_the_file_spells_it(tmp_path, version: int) -> None:
    v1 = v1_data()
    v1["accounts"][0]["public_metrics"] = "many"
    data = v1
    if version == 2:
        data = {key: v1[key] for key in ("fetched_at", "movement", "source")}
        data |= {"format": 2, "x": {key: v1[key] for key in V1_BODY}}
    path = with_v1(project_of(tmp_path), data=data)
    with pytest.raises(SnapshotFileError) as raised:
        read_snapshot(path)
    where = "accounts.0.public_metrics" if version == 1 else "x.accounts.0.public_metrics"
    assert raised.value.message == (
        f"{path}: {where}: Input should be a valid dictionary or instance of UserMetrics; the "
        "file does not follow snapshot format 2 (generator/snapshot/snapshot.schema.json): fix "
        "it or delete it"
    )


def test_a_bad_envelope_key_of_a_format_1_file_is_named_as_is(tmp_path) -> None:
    path = with_v1(project_of(tmp_path), data={**v1_data(), "source": "twitter"})
    with pytest.raises(SnapshotFileError, match=r": source: Input should be 'x-api', "):
        read_snapshot(path)


def test_a_damaged_earlier_file_stops_the_run_before_any_request(api, tmp_path) -> None:
    project = project_of(tmp_path)
    damaged = with_v1(project, data={**v1_data(), "lists": "none"})
    before = snapshot_tree(project / "movements")
    replay_api(api)
    result = cli(project)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"Error: {damaged}: lists: Input should be a valid list;")
    assert len(api.calls) == 0 and snapshot_tree(project / "movements") == before


# 9. The three networks together


def test_one_run_reads_the_three_networks_into_one_file(api, tmp_path) -> None:
    project = project_of(tmp_path, velo=NETWORKS)
    replay_all(api)
    result = cli(project)
    assert result.exit_code == 0, result.output
    (path,) = wrote(result)
    assert path.parent == project / "movements" / "velo" / "snapshots"
    data = read_json(path)
    assert sorted(data) == [
        "bluesky",
        "fetched_at",
        "format",
        "mastodon",
        "movement",
        "source",
        "x",
    ]
    assert (data["format"], data["source"]) == (2, "networks")
    x, bluesky, mastodon = data["x"], data["bluesky"], data["mastodon"]
    assert [a["username"] for a in x["accounts"]] == ["DemoParents", "DemoVeloSur"]
    assert [p["handle"] for p in bluesky["profiles"]] == [bsky.ALLY, bsky.ORG]
    assert [a["acct"] for a in mastodon["accounts"]] == [
        "parents@piaille.example",
        "velosur@mastodon.example",
    ]
    assert len(x["posts"]) == 2 and bluesky["posts"] and len(mastodon["posts"]) == 2
    # The Bluesky list's latest posts (its member's and the organization's, the repost left
    # out); a starter pack has none.
    assert [[p["uri"] for p in record["posts"]] for record in bluesky["lists"]] == [
        [bsky.LIST_POST["uri"], bsky.OLDER["uri"]],
        [],
    ]
    assert [len(part["errors"]) for part in (x, bluesky, mastodon)] == [1, 1, 1]  # the ghosts
    assert not (x["partial"] or bluesky["partial"] or mastodon["partial"])
    assert hosts(api) == {X_HOST, "public.api.bsky.app", *MASTODON_HOSTS}  # no login: no search
    assert result.stderr.splitlines() == [
        "warning: x users DemoGhost: Could not find user with usernames: [DemoGhost].",
        f"warning: bluesky profiles {bsky.GHOST}: no Bluesky account has this handle",
        "warning: mastodon lookup ghost@mastodon.example: Mastodon answered 404 Not Found: "
        "Record not found (https://mastodon.example/api/v1/accounts/lookup)",
    ]
    lines = result.stdout.splitlines()
    assert lines[-1] == "17 request(s) answered, about US$0.070 spent on X."
    assert [line.split(":")[0] for line in lines[:-2]] == ["X"] * 7 + ["Bluesky"] * 5 + [
        "Mastodon"
    ] * 5
    assert all(line.endswith(": US$0.000") for line in lines[7:-2])


@pytest.mark.parametrize("refused", ["users", "list"])
def test_x_refusing_the_token_keeps_the_other_networks_figures(api, tmp_path, refused) -> None:
    project = project_of(tmp_path, velo=NETWORKS)
    replay_all(api, **{f"x_{refused}": UNAUTHORIZED})
    result = cli(project)
    assert result.exit_code == 2
    (path,) = (project / "movements" / "velo" / "snapshots").iterdir()
    assert result.stderr == (
        f"Error: {TOKEN_REFUSED} Nothing new from X was written; the other networks' figures "
        f"were, to {path}; earlier snapshots are untouched.\n"
    )
    data = read_json(path)
    assert "x" not in data and sorted(data) == [
        "bluesky",
        "fetched_at",
        "format",
        "mastodon",
        "movement",
        "source",
    ]
    assert data["bluesky"]["partial"] is False and len(data["bluesky"]["profiles"]) == 2
    assert data["mastodon"]["partial"] is False and len(data["mastodon"]["accounts"]) == 2
    x_calls = [c for c in api.calls if urlsplit(c.request.url).hostname == X_HOST]
    assert urlsplit(x_calls[-1].request.url).path == x_api.ENDPOINTS[refused].removeprefix(
        "https://api.twitter.com"
    )  # the refusal was X's last request


def test_x_refusing_a_second_run_the_same_day_keeps_the_days_x_figures(api, tmp_path) -> None:
    project = project_of(tmp_path, velo=NETWORKS)
    clock = FakeClock()
    replay_all(api)
    apis = Apis(x=TweepyApi(FAKE_TOKEN), bluesky=HttpBluesky(), mastodon=HttpMastodon())
    take_snapshots(loaded(project), apis, clock=clock, sleep=clock.sleep)
    assert len(written(project)["x"]["accounts"]) == 2
    api.replace(responses.GET, x_api.ENDPOINTS["users"], **UNAUTHORIZED)
    clock.now += 3600
    with pytest.raises(SnapshotError):
        take_snapshots(loaded(project), apis, clock=clock, sleep=clock.sleep)
    assert "x" in written(project)


def run_networks(project: Path, clock: FakeClock, monkeypatch, **env: str):
    """A run with the clients the command line builds from `env`, on the fake clock."""
    for name in ("X_BEARER_TOKEN", "BLUESKY_HANDLE", "BLUESKY_APP_PASSWORD", "BLUESKY_SERVICE"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    movements, warnings = loaded(project), list[str]()
    apis = real_apis(movements, (), warnings)
    said: list[str] = []
    report = take_snapshots(movements, apis, clock=clock, sleep=clock.sleep, say=said.append)
    return report, warnings, said


def test_bluesky_down_costs_x_and_mastodon_nothing(api, tmp_path, monkeypatch) -> None:
    project = project_of(tmp_path, velo=NETWORKS)
    down = {"status": 503, "json": {"error": "ServiceUnavailable", "message": "Down"}}
    replay_all(api, bluesky_profiles=down, bluesky_feed=down, bluesky_resolve=down)
    clock = FakeClock()
    report, warnings, said = run_networks(project, clock, monkeypatch, X_BEARER_TOKEN=FAKE_TOKEN)
    assert warnings == []
    assert clock.sleeps == [2.0, 4.0, 8.0] * 3  # profiles, feed, resolve-handle: each retried
    data = written(project)
    # Nothing of Bluesky was read: its part holds only why (partial), X and Mastodon are whole.
    assert sorted(data) == [
        "bluesky",
        "fetched_at",
        "format",
        "mastodon",
        "movement",
        "source",
        "x",
    ]
    assert data["bluesky"]["partial"] is True
    assert sorted(data["bluesky"]) == [
        "errors",
        "hashtags",
        "lists",
        "partial",
        "posts",
        "profiles",
    ]
    assert [data["bluesky"][k] for k in ("hashtags", "lists", "posts", "profiles")] == [[]] * 4
    assert len(data["bluesky"]["errors"]) == 8
    assert data["x"]["partial"] is False and len(data["x"]["posts"]) == 2
    assert data["mastodon"]["partial"] is False and len(data["mastodon"]["posts"]) == 2
    assert report.written == [(day_file(project), True)]
    gave_up = "Bluesky answered 503 Service Unavailable: ServiceUnavailable — Down"
    assert (
        f"bluesky feed {bsky.ORG}: {gave_up} ({bsky.FEED_URL}) (gave up after 4 tries)"
        in report.warnings
    )
    assert sum(w.startswith("bluesky ") for w in report.warnings) == 8  # 3 profiles, feed,
    # resolve-handle, and the list, its posts and the starter pack whose creator's DID is unknown
    list_address = f"https://bsky.app/profile/{bsky.ORG}/lists/3kabc"
    not_read = "the list itself was not read (see list)"
    assert f"bluesky list-feed {list_address}: not requested: {not_read}" in report.warnings
    assert len(said) == 9 and all("trying again in" in line for line in said)


def test_bluesky_failing_in_part_is_partial_beside_complete_x_and_mastodon(
    api, tmp_path, monkeypatch
) -> None:
    project = project_of(tmp_path, velo=NETWORKS)
    down = {"status": 502, "json": {"error": "BadGateway", "message": "Upstream"}}
    replay_all(api, bluesky_feed=down, bluesky_list=down, bluesky_pack=down)
    clock = FakeClock()
    report, _, _ = run_networks(project, clock, monkeypatch, X_BEARER_TOKEN=FAKE_TOKEN)
    data = written(project)
    bluesky = data["bluesky"]
    assert bluesky["partial"] is True and len(bluesky["profiles"]) == 2
    assert bluesky["posts"] == [] and bluesky["lists"] == []
    failed = [(e["request"], e.get("status")) for e in bluesky["errors"]]
    assert failed == [
        ("feed", 502),
        ("list", 502),
        ("list-feed", None),  # not asked: the list itself was not read
        ("profiles", None),
        ("starter-pack", 502),
    ]
    assert all(
        e["message"].endswith("(gave up after 4 tries)")
        for e in bluesky["errors"]
        if e.get("status")
    )
    assert data["x"]["partial"] is False and data["mastodon"]["partial"] is False
    assert report.written == [(day_file(project), True)]


def test_without_the_x_token_x_is_left_out_and_the_others_read(api, tmp_path) -> None:
    project = project_of(tmp_path, velo=NETWORKS)
    replay_all(api)
    result = cli(project, env=NO_SECRETS)
    assert result.exit_code == 0, result.output
    assert (
        result.stderr.splitlines()[0]
        == "warning: X left out of this run: X_BEARER_TOKEN is not set"
    )
    assert X_HOST not in hosts(api) and hosts(api) == {"public.api.bsky.app", *MASTODON_HOSTS}
    (path,) = wrote(result)
    assert "x" not in read_json(path) and {"bluesky", "mastodon"} <= set(read_json(path))
    assert result.stdout.splitlines()[-1] == "10 request(s) answered, about US$0.000 spent on X."


def test_network_option_reads_only_that_network(api, tmp_path) -> None:
    project = project_of(tmp_path, velo=NETWORKS)
    replay_all(api)
    result = cli(project, "--network", "mastodon", env=LOGGED_IN)
    assert result.exit_code == 0, result.output
    assert hosts(api) == MASTODON_HOSTS and len(api.calls) == 6
    (path,) = wrote(result)
    assert sorted(read_json(path)) == ["fetched_at", "format", "mastodon", "movement", "source"]


def test_network_x_alone_without_its_token_is_an_error(api, tmp_path) -> None:
    project = project_of(tmp_path, velo=NETWORKS)
    result = cli(project, "--network", "x", env=NO_SECRETS)
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: X_BEARER_TOKEN is not set: ")
    assert len(api.calls) == 0 and not (project / "movements" / "velo" / "snapshots").exists()


# 10. Secrets


SECRETS = (FAKE_TOKEN, bsky.FAKE_APP_PASSWORD, bsky.FAKE_JWT, bsky.FAKE_REFRESH_JWT)


def assert_no_secret(*texts: str) -> None:
    for text in texts:
        for secret in SECRETS:
            assert secret not in text
            assert secret[:16] not in text  # nor a recognisable piece of one


def files_text(project: Path) -> str:
    return "".join(p.read_text(encoding="utf-8") for p in sorted(project.rglob("*.json")))


def sent_secrets(api: responses.RequestsMock) -> set[str]:
    """Which secrets the replayed requests carried, where each belongs."""
    sent = set()
    for call in api.calls:
        headers, raw = call.request.headers, call.request.body or b""
        body = raw.decode("utf-8") if isinstance(raw, bytes) else str(raw)
        if headers.get("Authorization") == f"Bearer {FAKE_TOKEN}":
            sent.add("x token")
        if headers.get("Authorization") == f"Bearer {bsky.FAKE_JWT}":
            sent.add("bluesky session")
        if bsky.FAKE_APP_PASSWORD in body:
            sent.add("app password")
    return sent


def test_no_secret_reaches_output_logs_or_files_through_any_fault(api, tmp_path, caplog) -> None:
    caplog.set_level(logging.DEBUG)  # every logger, at its most verbose
    project = project_of(tmp_path, velo=NETWORKS)
    echoing_login = {
        "status": 401,
        "json": {
            "error": "AuthenticationRequired",
            "message": f"Invalid identifier or password {bsky.FAKE_APP_PASSWORD}",
        },
    }
    replay_all(
        api,
        x_list=UNAUTHORIZED,
        bluesky_session=echoing_login,
        mastodon_statuses={"body": "<html>oops</html>", "content_type": "text/html"},
    )
    refused = cli(project, env=LOGGED_IN, verbose=True)
    assert refused.exit_code == 2 and TOKEN_REFUSED in refused.stderr
    assert sent_secrets(api) == {"x token", "app password"}

    api.reset()
    echoing_search = {
        "status": 401,
        "json": {"error": "InvalidToken", "message": f"Bad token {bsky.FAKE_JWT}"},
    }
    not_json = {"body": "<html>Bad gateway</html>", "content_type": "text/html"}
    replay_all(
        api,
        x_posts=not_json,
        x_list={"json": ["not", "an", "object"]},
        bluesky_feed=not_json,
        bluesky_any_search=echoing_search,
        mastodon_velosur_tag={
            "status": 403,
            "json": {"error": "This API requires an access token"},
        },
    )
    faulty = cli(project, env=LOGGED_IN, verbose=True)
    assert faulty.exit_code == 0, faulty.output
    assert sent_secrets(api) == {"x token", "app password", "bluesky session"}
    searches = [
        e
        for e in read_json(wrote(faulty)[0])["bluesky"]["errors"]
        if e["request"] == "hashtag-search"
    ]
    assert searches and all("[hidden]" in e["message"] for e in searches)

    TweepyApi(FAKE_TOKEN)
    logging.getLogger("tweepy").setLevel(logging.DEBUG)  # even if someone turns tweepy up
    logging.getLogger("tweepy.client").debug("Headers: Authorization: Bearer %s", FAKE_TOKEN)
    assert_no_secret(
        refused.output,
        faulty.output,
        caplog.text,
        *(record.getMessage() for record in caplog.records),
        files_text(project),
    )
    assert "[redacted]" in caplog.text


def test_no_secret_reaches_progress_reports_or_files_through_retried_faults(
    api, tmp_path, monkeypatch, caplog
) -> None:
    caplog.set_level(logging.DEBUG)
    project = project_of(tmp_path, velo=NETWORKS)
    echoing = {"status": 503, "json": {"error": "Unavailable", "message": f"for {bsky.FAKE_JWT}"}}
    server_error = {"status": 500, "json": error_body(500, "Internal Error", "Oops.")}
    replay_all(
        api,
        x_posts=[server_error, server_error, {"json": x_api.ORG_POSTS}],
        bluesky_search_1=echoing,
        bluesky_any_search=echoing,  # either tag's search, whatever its page
        mastodon_statuses={"status": 502, "json": {"error": "Bad gateway"}},
    )
    clock = FakeClock()
    secrets = {
        "X_BEARER_TOKEN": FAKE_TOKEN,
        "BLUESKY_HANDLE": bsky.LOGIN,
        "BLUESKY_APP_PASSWORD": bsky.FAKE_APP_PASSWORD,
    }
    report, warnings, said = run_networks(project, clock, monkeypatch, **secrets)
    assert sent_secrets(api) == {"x token", "app password", "bluesky session"}
    # X's posts retried twice, then read; each tag's search and the statuses given up.
    assert clock.sleeps == [2.0, 4.0] + [2.0, 4.0, 8.0] * 3
    assert len(said) == len(clock.sleeps)
    assert_no_secret(
        *said,
        *report.warnings,
        *warnings,
        caplog.text,
        *(record.getMessage() for record in caplog.records),
        files_text(project),
    )
    assert any("[hidden]" in line for line in said)
