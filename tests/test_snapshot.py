"""`portevoix snapshot` against X's API replayed at the HTTP level: tweepy's own code runs."""

from __future__ import annotations

import json
import logging
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
from generator.snapshot.format import SCHEMA_FILE
from generator.snapshot.run import SnapshotError, SnapshotOptions, take_snapshots
from generator.snapshot.store import read_history
from tests.support import make_project, snapshot_tree
from tests.x_api import ENDPOINTS, FAKE_TOKEN, LIST_ID, ORG_POSTS, error_body, replay_api

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
        TweepyApi(FAKE_TOKEN),
        SnapshotOptions(**options),
        clock=clock,
        sleep=clock.sleep,
    )


def cli(project: Path, *args: str, token: str = FAKE_TOKEN, verbose: bool = False):
    command = [*(["-v"] if verbose else []), "snapshot", "--project", str(project), *args]
    result = CliRunner().invoke(main, command, env={"X_BEARER_TOKEN": token})
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
    velo, ecole = written(project), written(project, "ecole")
    for data in (velo, ecole):
        jsonschema.validate(data, schema())
    assert velo["format"] == 1 and velo["source"] == "x-api" and velo["partial"] is False
    assert velo["fetched_at"] == "2026-11-18T11:06:40Z"
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
    assert velo["mentions"]["query"] == "@DemoVeloSur -from:DemoVeloSur"
    (lst,) = velo["lists"]
    assert (lst["name"], lst["member_count"], lst["follower_count"]) == ("Alliés du vélo", 2, 31)
    assert lst["owner"]["username"] == "DemoVeloSur"
    assert [m["username"] for m in lst["members"]] == ["DemoParents", "DemoVeloSur"]
    assert [a["username"] for a in lst["authors"]] == ["DemoParents"]
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
    assert report.warnings == ["users DemoGhost: Could not find user with usernames: [DemoGhost]."]


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
    # What was spent: 2 users, 2 posts, 3 counts, 1 list + owner, 1 post + author, 2 members.
    assert report.spent_usd == pytest.approx(0.02 + 0.01 + 0.015 + 0.015 + 0.015 + 0.02)


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
    assert written(project)["lists"][0]["name"] == "Alliés (renommée)"
    assert written(project)["fetched_at"] == "2026-11-18T12:06:40Z"


def test_cli_prints_what_it_did_and_spent(api, project) -> None:
    replay_api(api)
    result = cli(project)
    assert result.exit_code == 0, result.output
    assert (
        "GET /2/users/by: 3 account(s): DemoVeloSur, DemoParents, DemoGhost: US$0.020"
        in result.stdout
    )
    assert "warning: users DemoGhost: Could not find user" in result.stderr
    assert "Wrote " in result.stdout and "snapshots" in result.stdout
    assert result.stdout.endswith("8 request(s) answered, about US$0.095 spent.\n")


def test_dry_run_prints_requests_and_cost_without_token_or_request(api, project) -> None:
    result = cli(project, "--dry-run", "--movement", "velo", token="")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert (
        lines[0]
        == "GET /2/users/by: 3 account(s): DemoVeloSur, DemoParents, DemoGhost (≤ US$0.030)"
    )
    assert lines[-1] == "7 request(s), at most US$1.255; dry run: nothing was requested."
    assert len(api.calls) == 0
    assert not (project / "movements" / "velo" / "snapshots").exists()


def test_missing_token_is_a_clear_error_and_writes_nothing(api, project) -> None:
    result = cli(project, token="")
    assert result.exit_code == 2
    assert "X_BEARER_TOKEN is not set: export the bearer token of your X app" in result.stderr
    assert len(api.calls) == 0 and not (project / "movements" / "velo" / "snapshots").exists()


@pytest.mark.parametrize(
    ("status", "title", "expected"),
    [
        (
            401,
            "Unauthorized",
            "X did not accept the token (401 Unauthorized): check that X_BEARER_TOKEN",
        ),
        (403, "Forbidden", "X refused access (403 Forbidden): check in the X developer console"),
        (
            402,
            "Payment Required",
            "X refused the request for lack of credits (402 Payment Required)",
        ),
    ],
)
def test_refused_access_stops_with_a_sentence_and_keeps_earlier_snapshots(
    api, project, status: int, title: str, expected: str
) -> None:
    earlier = project / "movements" / "velo" / "snapshots" / "2026-11-17.json"
    earlier.parent.mkdir()
    earlier.write_text('{"kept": true}\n', encoding="utf-8")
    before = snapshot_tree(project / "movements")
    replay_api(api, list={"status": status, "json": error_body(status, title, "Nope.")})
    result = cli(project)
    assert result.exit_code == 2
    assert expected in result.stderr
    assert "Nothing was written; earlier snapshots are untouched." in result.stderr
    assert snapshot_tree(project / "movements") == before


def test_a_missing_list_is_recorded_and_the_rest_continues(api, project) -> None:
    detail = f"Could not find list with id: [{LIST_ID}]."
    replay_api(api, list={"status": 404, "json": error_body(404, "Not Found Error", detail)})
    report = run_snapshot(project)
    velo = written(project)
    assert velo["partial"] is False
    assert {
        "request": "list",
        "target": LIST_ID,
        "status": 404,
        "message": f"404 Not Found {detail}",
    } in velo["errors"]
    assert velo["lists"] == [] and len(velo["accounts"]) == 2
    assert f"list {LIST_ID}: 404 Not Found {detail}" in report.warnings


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
    velo = written(project)
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
    velo = written(project)
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
    assert written(project)["partial"] is False and len(written(project)["posts"]) == 2


def test_retries_are_bounded_then_the_failure_is_recorded(api, project) -> None:
    failure = {"status": 500, "json": error_body(500, "Internal Error", "Oops.")}
    replay_api(api, list_members=[failure] * 5)
    clock = FakeClock()
    run_snapshot(project, clock, retries=2, backoff=1.0)
    assert clock.sleeps == [1.0, 2.0]
    velo = written(project)
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
    velo = written(project)
    assert velo["partial"] is True and velo["posts"] == []
    (error,) = [e for e in velo["errors"] if e["request"] == "posts"]
    assert error["message"].startswith("X's answer")


def test_a_run_that_read_nothing_writes_nothing(api, project) -> None:
    failure = {"status": 503, "json": error_body(503, "Service Unavailable", "Down.")}
    for name, url in ENDPOINTS.items():
        if name != "posts":  # never asked: no user id came back
            api.add(responses.GET, url, **failure)
    with pytest.raises(SnapshotError, match="nothing was read from X, so nothing was written"):
        run_snapshot(project, retries=0)
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
    assert snapshot.posts[0].public_metrics.engagements == 20 + 4 + 2 + 1 + 3
