"""`portevoix snapshot` of X against X's API replayed at the HTTP level: tweepy's own code runs.

The movements here name X accounts only, so each file holds X's figures under `x` (format 2)
and nothing else; X, Bluesky and Mastodon together are in `test_snapshot_networks.py`.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import time
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import jsonschema
import pytest
import requests
import responses
from click.testing import CliRunner

from generator.cli import main
from generator.movement import discover_movements, load_movements
from generator.snapshot.client import TweepyApi
from generator.snapshot.format import SCHEMA_FILE, Snapshot, XFigures
from generator.snapshot.run import Apis, SnapshotError, SnapshotOptions, take_snapshots
from generator.snapshot.store import read_history, write_snapshot
from tests.support import make_project, snapshot_tree
from tests.x_api import (
    ALLY_ID,
    ENDPOINTS,
    FAKE_TOKEN,
    LIST_ID,
    ORG_ID,
    ORG_POSTS,
    error_body,
    replay_api,
)

NOW = 1_795_000_000.0  # 2026-11-18T11:06:40Z
DAY = "2026-11-18"

VELO = f"""\
name: Vélo
tagline: Des pistes protégées.
organization: {{name: Coalition, handle: DemoVeloSur, url: https://example.org/}}
hashtags: [{{tag: VéloSûr, primary: true}}, {{tag: SafeCycling}}]
accounts: [{{handle: DemoVeloSur}}, {{handle: DemoParents}}, {{handle: DemoGhost}}]
lists: [{{id: "{LIST_ID}", name: Alliés}}]
stats: {{accounts: [DemoVeloSur], hashtags: [VéloSûr, SafeCycling]}}
"""
# A second movement sharing the organization's account: it must not be requested twice.
ECOLE = """\
name: École
tagline: À vélo à l'école.
organization: {name: Coalition, handle: DemoVeloSur, url: https://example.org/}
hashtags: [{tag: VéloÉcole, primary: true}]
accounts: [{handle: DemoParents}]
"""


class FakeClock:
    """Time that moves only when the run sleeps."""

    def __init__(self) -> None:
        self.now = NOW
        self.sleeps: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


@pytest.fixture
def api():
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        yield mock


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return make_project(tmp_path, {"velo": VELO, "ecole": ECOLE})


def run_snapshot(project: Path, clock: FakeClock | None = None, **options: float):
    clock = clock or FakeClock()
    movements = load_movements(discover_movements(project / "movements"))
    return take_snapshots(
        movements,
        Apis(x=TweepyApi(FAKE_TOKEN)),
        SnapshotOptions(**options),
        clock=clock,
        sleep=clock.sleep,
    )


NO_BLUESKY_LOGIN = {"BLUESKY_HANDLE": None, "BLUESKY_APP_PASSWORD": None, "BLUESKY_SERVICE": None}
"""Unset in the command's environment, whatever the one running the tests holds."""


def cli(project: Path, *args: str, token: str = FAKE_TOKEN, verbose: bool = False):
    command = [*(["-v"] if verbose else []), "snapshot", "--project", str(project), *args]
    env = {"X_BEARER_TOKEN": token, **NO_BLUESKY_LOGIN}
    result = CliRunner().invoke(main, command, env=env)
    assert "Traceback" not in result.output + result.stderr
    return result


def written(project: Path, slug: str = "velo") -> dict:
    return json.loads(
        (project / "movements" / slug / "snapshots" / f"{DAY}.json").read_text("utf-8")
    )


def schema() -> dict:
    return json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))


def test_a_run_writes_one_snapshot_per_movement_in_the_documented_format(api, project) -> None:
    replay_api(api)
    report = run_snapshot(project)
    files = written(project), written(project, "ecole")
    for data in files:
        jsonschema.validate(data, schema())
        assert sorted(data) == ["fetched_at", "format", "movement", "source", "x"]
        assert (data["format"], data["source"]) == (2, "networks")
        assert data["fetched_at"] == "2026-11-18T11:06:40Z"
    velo, ecole = (data["x"] for data in files)
    assert files[0]["movement"] == "velo" and velo["partial"] is False
    assert [a["username"] for a in velo["accounts"]] == ["DemoParents", "DemoVeloSur"]
    org = velo["accounts"][1]
    assert org["public_metrics"] == {
        "followers_count": 1234,
        "following_count": 310,
        "tweet_count": 4520,  # X's newer `post_count`, stored under the documented name
        "like_count": 870,
        "listed_count": 12,
    }
    assert [p["id"] for p in velo["posts"]] == ["1790000000000000202", "1790000000000000201"]
    assert velo["posts"][0]["public_metrics"]["retweet_count"] == 4  # from `repost_count`
    assert (
        velo["posts"][0]["entities"]["urls"][0]["expanded_url"] == "https://example.org/petition/"
    )
    assert velo["hashtags"]["query"] == "#VéloSûr OR #SafeCycling"
    assert [d["count"] for d in velo["hashtags"]["days"]] == [3, 14, 6]
    assert velo["mentions"]["query"] == "@DemoVeloSur -from:DemoVeloSur -is:retweet"
    (lst,) = velo["lists"]
    assert (lst["name"], lst["member_count"], lst["follower_count"]) == ("Alliés du vélo", 2, 31)
    # No expansion: the owner is the run's account of `owner_id`, the author a member.
    assert lst["owner_id"] == ORG_ID
    assert lst["owner"] == {"id": ORG_ID, "username": "DemoVeloSur", "name": "Coalition Vélo Sûr"}
    assert [m["username"] for m in lst["members"]] == ["DemoParents", "DemoVeloSur"]
    assert lst["members_read_at"] == "2026-11-18T11:06:40Z"
    assert [p["id"] for p in lst["posts"]] == ["1790000000000000301"]
    assert lst["authors"] == [{"id": ALLY_ID, "username": "DemoParents", "name": "Parents à vélo"}]
    assert velo["errors"] == [
        {
            "request": "users",
            "target": "DemoGhost",
            "message": "Could not find user with usernames: [DemoGhost].",
        }
    ]
    assert ecole["lists"] == [] and [a["username"] for a in ecole["accounts"]] == [
        "DemoParents",
        "DemoVeloSur",
    ]
    assert ecole["mentions"]["query"] == velo["mentions"]["query"]
    assert ecole["hashtags"]["query"] == "#VéloÉcole"
    assert report.warnings == [
        "x users DemoGhost: Could not find user with usernames: [DemoGhost]."
    ]


def test_requests_are_batched_shared_and_never_repeated(api, project) -> None:
    replay_api(api)
    report = run_snapshot(project)
    urls = [call.request.url for call in api.calls]
    assert len(urls) == len(set(urls)) == len(report.made) == 8
    users = [u for u in urls if "/users/by" in u]
    assert len(users) == 1
    (asked,) = parse_qs(urlsplit(users[0]).query)["usernames"]
    assert asked == "DemoVeloSur,DemoParents,DemoGhost"
    assert sum("/tweets/counts/recent" in u for u in urls) == 3  # 2 hashtag queries, 1 mention
    assert all(
        call.request.headers["Authorization"] == f"Bearer {FAKE_TOKEN}" for call in api.calls
    )
    # Neither the list's owner nor its posts' authors are expanded (billed as users): the
    # run holds them, so no `GET /2/users?ids=` either.
    list_calls = [parse_qs(urlsplit(u).query) for u in urls if "/lists/" in u]
    assert all("expansions" not in query for query in list_calls) and len(list_calls) == 3
    assert not any(urlsplit(u).path == "/2/users" for u in urls)
    # What was spent: 2 users, 2 posts, 3 counts, 1 list, 1 list post, 2 members.
    assert report.spent_usd == pytest.approx(0.02 + 0.01 + 0.015 + 0.005 + 0.005 + 0.02)


def test_output_is_deterministic_and_a_second_run_the_same_day_replaces_it(api, project) -> None:
    replay_api(api)
    run_snapshot(project)
    path = project / "movements" / "velo" / "snapshots" / f"{DAY}.json"
    first = path.read_bytes()
    assert "Vélo Sûr" in first.decode("utf-8")  # UTF-8 as is, not \u escapes
    assert (
        json.dumps(json.loads(first), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
        == first.decode()
    )
    run_snapshot(project, FakeClock())
    assert path.read_bytes() == first
    renamed = {"data": {"id": LIST_ID, "name": "Alliés (renommée)", "member_count": 2}}
    api.replace(responses.GET, ENDPOINTS["list"], json=renamed)
    later = FakeClock()
    later.now += 3600
    run_snapshot(project, later)
    assert sorted(p.name for p in path.parent.iterdir()) == [f"{DAY}.json"]
    assert written(project)["x"]["lists"][0]["name"] == "Alliés (renommée)"
    assert written(project)["fetched_at"] == "2026-11-18T12:06:40Z"


def test_cli_prints_what_it_did_and_spent(api, project) -> None:
    replay_api(api)
    result = cli(project)
    assert result.exit_code == 0, result.output
    (day_file,) = (project / "movements" / "velo" / "snapshots").iterdir()  # the run's UTC day
    lines = result.stdout.splitlines()
    assert lines[:8] == [
        "X: GET /2/users/by: 3 account(s): DemoVeloSur, DemoParents, DemoGhost: US$0.020",
        "X: GET /2/users/:id/tweets: @DemoVeloSur's latest 10 posts: US$0.010",
        "X: GET /2/tweets/counts/recent: posts per day for #VéloÉcole: US$0.005",
        "X: GET /2/tweets/counts/recent: posts per day for "
        "@DemoVeloSur -from:DemoVeloSur -is:retweet: US$0.005",
        "X: GET /2/tweets/counts/recent: posts per day for #VéloSûr OR #SafeCycling: US$0.005",
        f"X: GET /2/lists/{LIST_ID}: name, owner's id, member and follower counts: US$0.005",
        f"X: GET /2/lists/{LIST_ID}/members: up to 100 members: US$0.020",
        f"X: GET /2/lists/{LIST_ID}/tweets: latest 10 posts: US$0.005",
    ]
    assert result.stderr == (
        "warning: x users DemoGhost: Could not find user with usernames: [DemoGhost].\n"
    )
    folder = project / "movements"
    assert lines[8:10] == [
        f"Wrote {folder / 'ecole' / 'snapshots' / day_file.name}",
        f"Wrote {day_file}",
    ]
    assert lines[10:] == ["8 request(s) answered, about US$0.075 spent on X."]


def test_dry_run_prints_requests_and_cost_without_token_or_request(api, project) -> None:
    result = cli(project, "--dry-run", "--movement", "velo", token="")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        "X: GET /2/users/by: 3 account(s): DemoVeloSur, DemoParents, DemoGhost (≤ US$0.030)",
        "X: GET /2/users/:id/tweets: @DemoVeloSur's latest 10 posts (≤ US$0.050)",
        "X: GET /2/tweets/counts/recent: posts per day for #VéloSûr OR #SafeCycling (≤ US$0.005)",
        "X: GET /2/tweets/counts/recent: posts per day for "
        "@DemoVeloSur -from:DemoVeloSur -is:retweet (≤ US$0.005)",
        f"X: GET /2/lists/{LIST_ID}: name, owner's id, member and follower counts (≤ US$0.005)",
        f"X: GET /2/lists/{LIST_ID}/members: up to 100 members (≤ US$1.000)",
        f"X: GET /2/lists/{LIST_ID}/tweets: latest 10 posts (≤ US$0.050)",
        f"X: GET /2/users: authors of list {LIST_ID}'s posts not already read "
        "[only for authors the run does not hold] (≤ US$0.100)",
        "X: 8 request(s), at most US$1.145 today, US$0.145 on a day whose lists' members are "
        "held and fresh; those made only when needed add at most US$0.100; about US$8.64 a "
        "month at most when nothing changes (30 daily runs, each list's members read again "
        "weekly).",
        "Dry run: nothing was requested.",
    ]
    assert len(api.calls) == 0
    assert not (project / "movements" / "velo" / "snapshots").exists()


def test_missing_token_is_a_clear_error_and_writes_nothing(api, project) -> None:
    result = cli(project, token="")
    assert result.exit_code == 2
    assert result.stderr == (
        "Error: X_BEARER_TOKEN is not set: export the bearer token of your X app "
        "(developer.x.com → your app → Keys and tokens) as X_BEARER_TOKEN, or add it as a "
        "secret of the CI job; nothing was written. `portevoix snapshot --dry-run` shows the "
        "requests and their cost without a token.\n"
    )
    assert len(api.calls) == 0 and not (project / "movements" / "velo" / "snapshots").exists()


@pytest.mark.parametrize(
    ("status", "title", "detail", "expected"),
    [
        (
            401,
            "Unauthorized",
            "Unauthorized",
            "X did not accept the token (401 Unauthorized): check that X_BEARER_TOKEN holds "
            "your X app's bearer token, not its API key or an access token, and that it was "
            "not regenerated since. X said: 401 Unauthorized Unauthorized.",
        ),
        (
            403,
            "Client Forbidden",
            "This app is not attached to a Project",
            "X refused access (403 Forbidden): check in the X developer console that the app "
            "belongs to a project whose access includes users, posts, counts and lists. "
            "X said: 403 Forbidden This app is not attached to a Project.",
        ),
        (
            402,
            "CreditsDepleted",
            "Your enrolled account does not have any credits",
            "X refused the request for lack of credits (402 Payment Required): add credits to "
            "your X developer account, then run again. X said: 402 Payment Required Your "
            "enrolled account does not have any credits.",
        ),
    ],
)
def test_refused_access_stops_with_a_sentence_and_keeps_earlier_snapshots(
    api, project, status: int, title: str, detail: str, expected: str
) -> None:
    yesterday = dt.datetime.fromtimestamp(time.time() - 86_400, dt.UTC)
    write_snapshot(
        project / "movements" / "velo",
        Snapshot(movement="velo", fetched_at=yesterday, source="networks", x=XFigures()),
    )
    before = snapshot_tree(project / "movements")
    assert len(before) == 3  # the two movement files and yesterday's snapshot
    replay_api(api, list={"status": status, "json": error_body(status, title, detail)})
    result = cli(project)
    assert result.exit_code == 2
    assert result.stderr == (
        f"Error: {expected} Nothing was written; earlier snapshots are untouched.\n"
    )
    assert result.stdout == ""
    assert snapshot_tree(project / "movements") == before
    # X stops at the refusal: no later request is made (each would be billed, or refused).
    assert [urlsplit(c.request.url).path for c in api.calls][-1] == f"/2/lists/{LIST_ID}"
    assert len(api.calls) == 6


def test_a_missing_list_is_recorded_and_the_rest_continues(api, project) -> None:
    detail = f"Could not find list with id: [{LIST_ID}]."
    replay_api(api, list={"status": 404, "json": error_body(404, "Not Found Error", detail)})
    report = run_snapshot(project)
    velo = written(project)["x"]
    assert velo["partial"] is False
    assert {
        "request": "list",
        "target": LIST_ID,
        "status": 404,
        "message": f"404 Not Found {detail}",
    } in velo["errors"]
    assert velo["lists"] == [] and len(velo["accounts"]) == 2
    assert f"x list {LIST_ID}: 404 Not Found {detail}" in report.warnings


def test_a_rate_limit_is_waited_out_within_the_bound(api, project) -> None:
    limited = {
        "status": 429,
        "json": error_body(429, "Too Many Requests", "Too Many Requests"),
        "headers": {"x-rate-limit-reset": str(int(NOW) + 42), "x-rate-limit-remaining": "0"},
    }
    replay_api(api, posts=[limited, {"json": ORG_POSTS}])
    clock = FakeClock()
    run_snapshot(project, clock, max_wait=60)
    assert clock.sleeps == [43]
    velo = written(project)["x"]
    assert velo["partial"] is False and len(velo["posts"]) == 2


def test_a_rate_limit_past_the_bound_stops_and_saves_what_was_read(api, project) -> None:
    limited = {
        "status": 429,
        "json": error_body(429, "Too Many Requests", "Too Many Requests"),
        "headers": {"x-rate-limit-reset": str(int(NOW) + 900)},
    }
    replay_api(api, posts=limited)
    clock = FakeClock()
    run_snapshot(project, clock, max_wait=300)
    assert clock.sleeps == []
    assert [c.request.url.split("?")[0].rsplit("/2/", 1)[1] for c in api.calls] == [
        "users/by",
        "users/1700000000000000001/tweets",
    ]
    velo = written(project)["x"]
    assert velo["partial"] is True
    assert len(velo["accounts"]) == 2 and velo["posts"] == [] and velo["lists"] == []
    reason = (
        "X's rate limit was reached and resets at 11:21:41 UTC, past the --max-wait of 300 s; "
        "run again later or give a longer --max-wait"
    )
    assert {"request": "posts", "target": "DemoVeloSur", "status": 429, "message": reason} in velo[
        "errors"
    ]
    assert {"request": "list", "target": LIST_ID, "message": f"not requested: {reason}"} in velo[
        "errors"
    ]


@pytest.mark.parametrize(
    "failure",
    [
        {"status": 503, "json": error_body(503, "Service Unavailable", "Try later.")},
        {"body": requests.exceptions.ReadTimeout("read timed out")},
        {"body": requests.exceptions.ConnectionError("connection reset")},
    ],
    ids=["5xx", "timeout", "connection"],
)
def test_transient_failures_are_retried_with_backoff(api, project, failure) -> None:
    replay_api(api, posts=[failure, failure, {"json": ORG_POSTS}])
    clock = FakeClock()
    run_snapshot(project, clock)
    assert clock.sleeps == [2.0, 4.0]
    velo = written(project)["x"]
    assert velo["partial"] is False and len(velo["posts"]) == 2


def test_retries_are_bounded_then_the_failure_is_recorded(api, project) -> None:
    failure = {"status": 500, "json": error_body(500, "Internal Error", "Oops.")}
    replay_api(api, list_members=[failure] * 5)
    clock = FakeClock()
    run_snapshot(project, clock, retries=2, backoff=1.0)
    assert clock.sleeps == [1.0, 2.0]
    velo = written(project)["x"]
    assert velo["partial"] is True
    assert velo["lists"][0]["members"] == []
    assert {
        "request": "list-members",
        "target": LIST_ID,
        "status": 500,
        "message": "500 Internal Server Error Oops. (gave up after 3 tries)",
    } in velo["errors"]


@pytest.mark.parametrize(
    "answer",
    [
        {"body": "<html>Bad gateway</html>", "content_type": "text/html"},
        {"json": {"data": "not a list of posts"}},
        {"json": {"data": [{"id": "1", "text": "no created_at"}]}},
        {"json": ["a", "list"]},
    ],
    ids=["not-json", "wrong-type", "missing-field", "not-an-object"],
)
def test_malformed_answers_are_recorded_not_a_crash(api, project, answer) -> None:
    replay_api(api, posts=answer)
    run_snapshot(project)
    velo = written(project)["x"]
    assert velo["partial"] is True and velo["posts"] == []
    (error,) = [e for e in velo["errors"] if e["request"] == "posts"]
    assert error["message"].startswith("X's answer")


def test_a_run_that_read_nothing_writes_nothing(api, project) -> None:
    failure = {"status": 503, "json": error_body(503, "Service Unavailable", "Down.")}
    for name, url in ENDPOINTS.items():
        if name not in ("posts", "users-by-id"):  # never asked: no user id, no post came back
            api.add(responses.GET, url, **failure)
    with pytest.raises(SnapshotError) as raised:
        run_snapshot(project, retries=0)
    gave_up = "503 Service Unavailable Down. (gave up after 1 tries)"
    assert raised.value.message == "\n".join(
        [
            "nothing was read, so nothing was written:",
            *(
                f"x {request}: {gave_up}"
                for request in (
                    "users DemoVeloSur",
                    "users DemoParents",
                    "users DemoGhost",
                    "hashtag-counts #VéloÉcole",
                    "mention-counts @DemoVeloSur -from:DemoVeloSur -is:retweet",
                    "hashtag-counts #VéloSûr OR #SafeCycling",
                    f"list {LIST_ID}",
                    f"list-members {LIST_ID}",
                    f"list-posts {LIST_ID}",
                )
            ),
        ]
    )
    assert len(api.calls) == 7
    assert not (project / "movements" / "velo" / "snapshots").exists()


def test_the_token_never_reaches_output_logs_or_files(api, project, caplog) -> None:
    caplog.set_level(logging.DEBUG)
    replay_api(api, list={"status": 401, "json": error_body(401, "Unauthorized", "Unauthorized")})
    result = cli(project, verbose=True)  # the most verbose the command line gets
    assert result.exit_code == 2
    replay_api(api)
    assert cli(project, verbose=True).exit_code == 0
    TweepyApi(FAKE_TOKEN)
    logging.getLogger("tweepy").setLevel(logging.DEBUG)  # even if someone turns tweepy up
    logging.getLogger("tweepy.client").debug("Headers: Authorization: Bearer %s", FAKE_TOKEN)
    seen = (
        result.output
        + caplog.text
        + "".join(p.read_text(encoding="utf-8") for p in (project / "movements").rglob("*.json"))
    )
    assert FAKE_TOKEN not in seen and FAKE_TOKEN[:20] not in seen
    assert "[redacted]" in caplog.text


def test_committed_schema_is_up_to_date() -> None:
    from generator.snapshot.format import snapshot_schema_json

    assert SCHEMA_FILE.read_text(encoding="utf-8") == snapshot_schema_json(), (
        "run `python -m generator.snapshot.format` and commit the result"
    )


def test_history_reads_back_every_written_snapshot(api, project) -> None:
    replay_api(api)
    run_snapshot(project)
    (snapshot,) = read_history(project / "movements" / "velo")
    assert snapshot.account("demovelosur") is not None
    assert snapshot.format == 2 and snapshot.x is not None and snapshot.partial is False
    assert (snapshot.bluesky, snapshot.mastodon) == (None, None)
    assert snapshot.x.posts[0].public_metrics.engagements == 20 + 4 + 2 + 1 + 3
