"""The Mastodon part of a snapshot against Mastodon's REST API replayed at the HTTP level.

`HttpMastodon` over a real `JsonHttp` runs inside a real `Conversation`; only HTTP is
replayed (`responses`), and time moves only when the run sleeps.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import requests
import responses

from generator.movement import discover_movements, load_movements
from generator.snapshot import mastodon
from generator.snapshot.conversation import Conversation, SnapshotOptions
from generator.snapshot.format_social import MastodonAccount, MastodonFigures, TagDay
from generator.snapshot.http import JsonHttp
from generator.snapshot.mastodon_payloads import plain_text
from generator.snapshot.records import RequestError
from tests.mastodon_api import (
    ALLY_ID,
    NEWER,
    NOW,
    ORG,
    ORG_ID,
    SAFE_TAG_ANSWER,
    STATUSES,
    refusal,
    replay_api,
)
from tests.support import make_project

VELO = """\
name: Vélo
tagline: Des pistes protégées.
organization: {name: Coalition, handle: DemoVeloSur, url: https://example.org/, mastodon: "@velosur@mastodon.example"}
hashtags: [{tag: VéloSûr, primary: true}, {tag: SafeCycling, primary: true}]
accounts: [{handle: DemoParents, mastodon: "@parents@piaille.example"}, {mastodon: "@ghost@mastodon.example"}]
"""
# Shares the organization and an ally (spelt otherwise), and counts the same tags the other
# way round; slug order puts it after `velo`, whose spellings the requests keep.
ECOLE = """\
name: École
tagline: À vélo à l'école.
organization: {name: Coalition, handle: DemoVeloSur, url: https://example.org/, mastodon: "@VeloSur@mastodon.example"}
hashtags: [{tag: SafeCycling, primary: true}, {tag: véloSûr, primary: true}]
accounts: [{mastodon: "@Parents@piaille.example"}]
"""
# Names a Mastodon address but reads X only.
QUIET = """\
name: Calme
tagline: Rien sur Mastodon.
organization: {name: Calme, handle: DemoCalme, url: https://example.org/, mastodon: "@calme@mastodon.example"}
hashtags: [{tag: Calme, primary: true}]
stats: {networks: [x]}
"""
TRACK_GHOST = VELO + (
    'stats: {mastodon: {accounts: ["@velosur@mastodon.example", "@ghost@mastodon.example"]}}\n'
)

ORG_LOOKUP = "https://mastodon.example/api/v1/accounts/lookup?acct=velosur"
ALLY_LOOKUP = "https://piaille.example/api/v1/accounts/lookup?acct=parents"
GHOST_LOOKUP = "https://mastodon.example/api/v1/accounts/lookup?acct=ghost"
ORG_STATUSES = (
    f"https://mastodon.example/api/v1/accounts/{ORG_ID}/statuses"
    "?limit=10&exclude_reblogs=true&exclude_replies=true"
)
VELOSUR_TAG = "https://mastodon.example/api/v1/tags/V%C3%A9loS%C3%BBr"
SAFE_TAG = "https://mastodon.example/api/v1/tags/SafeCycling"
EVERY_CALL = [ORG_LOOKUP, ALLY_LOOKUP, GHOST_LOOKUP, ORG_STATUSES, VELOSUR_TAG, SAFE_TAG]
GHOST_404 = RequestError(
    request="lookup",
    target="ghost@mastodon.example",
    status=404,
    message="Mastodon answered 404 Not Found: Record not found "
    "(https://mastodon.example/api/v1/accounts/lookup)",
)
STATUSES_LABEL = (
    "Mastodon: GET https://mastodon.example/api/v1/accounts/:id/statuses"
    "?limit=10&exclude_reblogs=true&exclude_replies=true: velosur@mastodon.example's latest "
    "10 posts, boosts and replies left out [only if its lookup finds the account]"
)


SAFE = {"json": SAFE_TAG_ANSWER}


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


@dataclass
class Run:
    plan: mastodon.MastodonPlan
    talk: Conversation
    results: mastodon.MastodonResults
    clock: FakeClock
    said: list[str] = field(default_factory=list)

    def figures(self, slug: str = "velo") -> MastodonFigures | None:
        return mastodon.figures(self.plan, self.results, self.talk, slug)

    def part(self, slug: str = "velo") -> MastodonFigures:
        part = self.figures(slug)
        assert part is not None
        return part

    @property
    def made(self) -> list[tuple[str, str]]:
        return [(m.request.kind, m.request.target) for m in self.talk.made]


@pytest.fixture
def api():
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        yield mock


def load(tmp_path: Path, movements: dict[str, str]) -> list:
    project = make_project(tmp_path, movements)
    return load_movements(discover_movements(project / "movements"))


def run(tmp_path: Path, movements: dict[str, str] | None = None, **options: float) -> Run:
    loaded = load(tmp_path, movements or {"velo": VELO})
    clock, said = FakeClock(), []
    talk = Conversation(
        mastodon.HttpMastodon(JsonHttp("Mastodon")),
        clock,
        clock.sleep,
        SnapshotOptions(**options),
        say=said.append,
        network="mastodon",
    )
    plan = mastodon.plan(loaded)
    return Run(plan, talk, mastodon.read(plan, talk), clock, said)


def calls(api: responses.RequestsMock) -> list[str]:
    return [call.request.url for call in api.calls]


def error_of(part: MastodonFigures, request: str, target: str | None = None) -> RequestError:
    """The one error of `part` about `request` (and `target`)."""
    (error,) = [e for e in part.errors if e.request == request and target in (None, e.target)]
    return error


# The plan


def test_the_plan_asks_each_address_and_tag_once_lookups_first(tmp_path) -> None:
    loaded = load(tmp_path, {"velo": VELO, "velo-ecole": ECOLE, "calme": QUIET})
    plan = mastodon.plan(loaded)
    assert plan.network == "mastodon"
    assert [r.describe() for r in plan.requests] == [
        "Mastodon: GET https://mastodon.example/api/v1/accounts/lookup?acct=velosur: "
        "profile and counts",
        "Mastodon: GET https://piaille.example/api/v1/accounts/lookup?acct=parents: "
        "profile and counts",
        "Mastodon: GET https://mastodon.example/api/v1/accounts/lookup?acct=ghost: "
        "profile and counts",
        STATUSES_LABEL,
        "Mastodon: GET https://mastodon.example/api/v1/tags/VéloSûr: posts per day on "
        "mastodon.example over 7 days",
        "Mastodon: GET https://mastodon.example/api/v1/tags/SafeCycling: posts per day on "
        "mastodon.example over 7 days",
    ]
    assert [(r.kind, r.target) for r in plan.requests] == [
        ("lookup", "velosur@mastodon.example"),
        ("lookup", "parents@piaille.example"),
        ("lookup", "ghost@mastodon.example"),
        ("statuses", "velosur@mastodon.example"),
        ("tag", "mastodon.example/VéloSûr"),
        ("tag", "mastodon.example/SafeCycling"),
    ]
    assert all(r.network == "mastodon" for r in plan.requests)
    assert plan.wanted["velo-ecole"] == {
        ("lookup", "velosur@mastodon.example"),
        ("lookup", "parents@piaille.example"),
        ("statuses", "velosur@mastodon.example"),
        ("tag", "mastodon.example/safecycling"),
        ("tag", "mastodon.example/vélosûr"),
    }
    assert plan.wanted["calme"] == frozenset()  # it reads X only


# A run that goes well


def test_every_field_is_read_and_mapped(api, tmp_path) -> None:
    replay_api(api)
    ran = run(tmp_path)
    part = ran.part()
    assert calls(api) == EVERY_CALL  # the tag's accents percent-encoded as UTF-8
    assert all("Authorization" not in call.request.headers for call in api.calls)
    assert [a.acct for a in part.accounts] == [
        "parents@piaille.example",
        "velosur@mastodon.example",
    ]
    assert part.accounts[1] == MastodonAccount(
        id=ORG_ID,
        acct="velosur@mastodon.example",
        url="https://mastodon.example/@velosur",
        display_name="Coalition Vélo Sûr",
        note="Coalition Vélo Sûr & amis.\n\nPistes protégées\npour tous\u00a0!",
        followers_count=1234,
        following_count=31,
        statuses_count=452,
    )
    assert part.accounts[0].id == ALLY_ID and part.accounts[0].followers_count == 345
    newer, older = part.posts
    assert newer.model_dump() == {
        "id": NEWER["id"],
        "url": f"https://mastodon.example/@velosur/{NEWER['id']}",
        "account": "velosur@mastodon.example",
        "text": "Des pistes protégées jusqu'à l'école\u00a0! #VéloSûr @parents\n\n"
        "Signez\u00a0:\nhttps://example.org/petition/",
        "created_at": dt.datetime(2026, 11, 17, 14, 3, tzinfo=dt.UTC),
        "favourites_count": 20,
        "reblogs_count": 4,
        "replies_count": 2,
        "quotes_count": 1,
    }
    assert (older.text, older.quotes_count, older.engagements) == ("Vélo <3", 0, 13)
    velosur, safe = part.hashtags
    assert (velosur.tag, velosur.server, velosur.complete) == ("VéloSûr", "mastodon.example", True)
    # Oldest first, the run's own day (2026-11-18, 9 uses so far) left out.
    assert velosur.days == [
        TagDay(day=dt.date(2026, 11, 12), count=2, accounts=1),
        TagDay(day=dt.date(2026, 11, 13), count=8, accounts=4),
        TagDay(day=dt.date(2026, 11, 14), count=5, accounts=2),
        TagDay(day=dt.date(2026, 11, 15), count=0, accounts=1),
        TagDay(day=dt.date(2026, 11, 16), count=3, accounts=1),
        TagDay(day=dt.date(2026, 11, 17), count=14, accounts=7),
    ]
    assert safe.tag == "SafeCycling" and [d.count for d in safe.days] == [3, 0, 0, 2, 4, 6]
    assert part.errors == [GHOST_404] and part.partial is False
    assert ran.clock.sleeps == [] and ran.said == []
    assert ("lookup", "ghost@mastodon.example") not in ran.made and len(ran.made) == 5


def test_two_movements_sharing_addresses_and_tags_ask_each_once(api, tmp_path) -> None:
    replay_api(api)
    ran = run(tmp_path, {"velo": VELO, "velo-ecole": ECOLE})
    assert calls(api) == EVERY_CALL
    ecole, velo = ran.part("velo-ecole"), ran.part("velo")
    assert ecole.accounts == velo.accounts and len(ecole.accounts) == 2
    assert ecole.posts == velo.posts and len(ecole.posts) == 2
    # Each movement's tags in its own order and spelling; the same days.
    assert [h.tag for h in ecole.hashtags] == ["SafeCycling", "véloSûr"]
    assert [h.tag for h in velo.hashtags] == ["VéloSûr", "SafeCycling"]
    assert ecole.hashtags[1].days == velo.hashtags[0].days
    # The ghost is only `velo`'s.
    assert ecole.errors == [] and velo.errors == [GHOST_404]


def test_a_boost_sent_despite_exclude_reblogs_is_left_out(api, tmp_path) -> None:
    boost = {**NEWER, "id": "113500000000000300", "reblog": {"id": "1", "content": "<p>x</p>"}}
    replay_api(api, statuses={"json": [boost, *STATUSES]})
    part = run(tmp_path).part()
    assert [p.id for p in part.posts] == [s["id"] for s in STATUSES]


# Accounts and endpoints a server will not give


def test_an_unknown_tracked_account_is_recorded_and_its_posts_not_asked(api, tmp_path) -> None:
    replay_api(api)
    ran = run(tmp_path, {"velo": TRACK_GHOST})
    part = ran.part()
    assert ("statuses", "ghost@mastodon.example") in [(r.kind, r.target) for r in ran.plan.requests]
    assert [u for u in calls(api) if "/statuses" in u] == [ORG_STATUSES]
    assert part.errors == [GHOST_404] and part.partial is False
    assert {p.account for p in part.posts} == {"velosur@mastodon.example"}


def test_tags_refused_to_anonymous_readers_are_recorded_plainly(api, tmp_path) -> None:
    not_public = refusal(401, "This method requires an authenticated user")
    replay_api(api, velosur_tag=not_public, safe_tag=not_public)
    ran = run(tmp_path)
    part = ran.part()
    assert part.hashtags == [] and len(part.accounts) == 2 and len(part.posts) == 2
    tag_errors = [e for e in part.errors if e.request == "tag"]
    assert tag_errors == [
        RequestError(
            request="tag",
            target=f"mastodon.example/{tag}",
            status=401,
            message="GET /api/v1/tags/:name is not public on mastodon.example: the server "
            "answers it to logged-in users only, and a snapshot reads without an account "
            "(Mastodon answered 401 Unauthorized: This method requires an authenticated user "
            f"({url}))",
        )
        for tag, url in (("SafeCycling", SAFE_TAG), ("VéloSûr", VELOSUR_TAG))
    ]
    assert part.partial is False  # refused for good, not left unanswered
    assert calls(api) == EVERY_CALL and ran.clock.sleeps == []


def test_a_forbidden_lookup_is_recorded_and_the_rest_read(api, tmp_path) -> None:
    replay_api(api, ally=refusal(403, "This action is not allowed"))
    ran = run(tmp_path)
    part = ran.part()
    error = error_of(part, "lookup", "parents@piaille.example")
    assert error.status == 403
    assert error.message.startswith(
        "GET /api/v1/accounts/lookup is not public on piaille.example: the server answers it "
        "to logged-in users only"
    )
    assert error.message.endswith(
        "(Mastodon answered 403 Forbidden: This action is not allowed "
        "(https://piaille.example/api/v1/accounts/lookup))"
    )
    assert part.errors == [GHOST_404, error]
    assert [a.acct for a in part.accounts] == ["velosur@mastodon.example"]
    assert len(part.hashtags) == 2 and part.partial is False
    assert calls(api) == EVERY_CALL


# Rate limits


def test_a_rate_limit_with_its_reset_is_waited_out(api, tmp_path) -> None:
    limited = {
        "status": 429,
        "json": {"error": "Too many requests"},
        "headers": {"X-RateLimit-Reset": "2026-11-18T11:07:10.421431Z"},
    }
    replay_api(api, org=[limited, {"json": ORG}])
    ran = run(tmp_path)
    assert ran.clock.sleeps == [31.0]  # until the reset, plus a second
    assert ran.said == [
        "Mastodon's rate limit: waiting 31 s before Mastodon: GET "
        "https://mastodon.example/api/v1/accounts/lookup?acct=velosur: profile and counts"
    ]
    assert calls(api) == [ORG_LOOKUP, *EVERY_CALL]
    part = ran.part()
    assert len(part.accounts) == 2 and len(part.posts) == 2 and len(part.hashtags) == 2
    assert part.errors == [GHOST_404] and part.partial is False


def test_a_rate_limit_that_does_not_say_when_waits_a_minute(api, tmp_path) -> None:
    replay_api(api, safe_tag=[{"status": 429, "json": {"error": "Too many requests"}}, SAFE])
    ran = run(tmp_path)
    assert ran.clock.sleeps == [60.0]
    assert calls(api) == [*EVERY_CALL, SAFE_TAG]
    part = ran.part()
    assert [d.count for d in part.hashtags[1].days] == [3, 0, 0, 2, 4, 6]
    assert part.errors == [GHOST_404] and part.partial is False


def test_a_rate_limit_past_max_wait_skips_the_rest_and_is_partial(api, tmp_path) -> None:
    limited = {"status": 429, "headers": {"X-RateLimit-Reset": "2026-11-18T12:06:40Z"}}
    replay_api(api, velosur_tag=limited)
    ran = run(tmp_path, max_wait=300)
    part = ran.part()
    assert calls(api) == EVERY_CALL[:-1] and ran.clock.sleeps == []
    assert len(part.accounts) == 2 and len(part.posts) == 2 and part.hashtags == []
    assert part.partial is True
    stop = (
        "Mastodon's rate limit was reached and resets at 12:06:41 UTC, past the --max-wait of "
        "300 s; run again later or give a longer --max-wait"
    )
    assert [(e.request, e.target, e.status, e.message) for e in part.errors] == [
        ("lookup", "ghost@mastodon.example", 404, GHOST_404.message),
        ("tag", "mastodon.example/SafeCycling", None, f"not requested: {stop}"),
        ("tag", "mastodon.example/VéloSûr", 429, stop),
    ]


def test_a_movement_of_which_nothing_was_read_keeps_only_its_errors(api, tmp_path) -> None:
    replay_api(api, org={"status": 429, "headers": {"X-RateLimit-Reset": "2026-11-19T00:00:00Z"}})
    ran = run(tmp_path)
    part = ran.figures()
    # The network failed: its part holds no figure, only why, so the file says so.
    assert part is not None and part.partial is True
    assert (part.accounts, part.posts, part.hashtags) == ([], [], [])
    assert part.errors == sorted(
        ran.talk.errors, key=lambda e: (e.request, e.target.casefold(), e.message)
    )
    assert calls(api) == [ORG_LOOKUP]
    assert sorted((e.request, e.target) for e in ran.talk.errors) == [
        ("lookup", "ghost@mastodon.example"),
        ("lookup", "parents@piaille.example"),
        ("lookup", "velosur@mastodon.example"),
        ("tag", "mastodon.example/SafeCycling"),
        ("tag", "mastodon.example/VéloSûr"),
    ]  # the posts were not asked for: the lookup that gives their id failed


# A server's own failures


def test_a_server_error_is_retried_then_read(api, tmp_path) -> None:
    unavailable = {"status": 503, "json": {"error": "Service temporarily unavailable"}}
    replay_api(api, statuses=[unavailable, {"json": STATUSES}])
    ran = run(tmp_path)
    assert ran.clock.sleeps == [2.0]
    assert ran.said == [
        "Mastodon answered 503 Service Unavailable: Service temporarily unavailable "
        f"(https://mastodon.example/api/v1/accounts/{ORG_ID}/statuses); trying again in 2 s: "
        + STATUSES_LABEL
    ]
    part = ran.part()
    assert len(part.posts) == 2 and part.errors == [GHOST_404] and part.partial is False
    assert [u for u in calls(api) if "/statuses" in u] == [ORG_STATUSES, ORG_STATUSES]


def test_a_timeout_is_retried_then_given_up(api, tmp_path) -> None:
    replay_api(api, statuses={"body": requests.exceptions.ReadTimeout("read timed out")})
    ran = run(tmp_path, retries=2)
    assert ran.clock.sleeps == [2.0, 4.0]
    part = ran.part()
    assert error_of(part, "statuses") == RequestError(
        request="statuses",
        target="velosur@mastodon.example",
        message="no answer from Mastodon: ReadTimeout (gave up after 3 tries)",
    )
    assert part.posts == [] and len(part.accounts) == 2 and len(part.hashtags) == 2
    assert part.partial is True
    assert [u for u in calls(api) if "/statuses" in u] == [ORG_STATUSES] * 3


def test_a_server_that_cannot_be_reached_is_recorded(api, tmp_path) -> None:
    down = {"body": requests.ConnectionError("Failed to establish a new connection")}
    replay_api(api, ally=down)
    ran = run(tmp_path, retries=1, backoff=5)
    assert ran.clock.sleeps == [5.0]
    part = ran.part()
    error = error_of(part, "lookup", "parents@piaille.example")
    assert error.status is None
    assert error.message == "no answer from Mastodon: ConnectionError (gave up after 2 tries)"
    assert [a.acct for a in part.accounts] == ["velosur@mastodon.example"]
    assert part.partial is True


# Answers that are not what Mastodon documents

HALF_ACCOUNT = '{"id": "109000000000000001", "username": "velo'


@pytest.mark.parametrize(
    "cut",
    [
        {"body": requests.exceptions.ChunkedEncodingError("Connection broken: IncompleteRead")},
        # Shorter than it said: the connection closed mid-body.
        {"body": HALF_ACCOUNT, "headers": {"Content-Length": "900"}},
    ],
    ids=["chunked", "content-length"],
)
def test_a_body_cut_short_in_transit_is_retried(api, tmp_path, cut: dict[str, Any]) -> None:
    replay_api(api, org=[cut, {"json": ORG}])
    ran = run(tmp_path)
    assert ran.clock.sleeps == [2.0]
    assert ran.said[0].startswith("no answer from Mastodon: ChunkedEncodingError; trying again")
    part = ran.part()
    assert len(part.accounts) == 2 and len(part.posts) == 2
    assert part.errors == [GHOST_404] and part.partial is False


ORG_LOOKUP_BARE = "https://mastodon.example/api/v1/accounts/lookup"
STATUSES_BARE = f"https://mastodon.example/api/v1/accounts/{ORG_ID}/statuses"


ORG_ABOUT = ("lookup", "velosur@mastodon.example")
STATUSES_ABOUT = ("statuses", "velosur@mastodon.example")
TAG_ABOUT = ("tag", "mastodon.example/VéloSûr")


@pytest.mark.parametrize(
    ("replaced", "about", "message"),
    [
        (
            {"org": {"body": "<html><body>Bad gateway</body></html>"}},
            ORG_ABOUT,
            f"Mastodon's answer is not JSON ({ORG_LOOKUP_BARE})",
        ),
        (
            {"org": {"body": HALF_ACCOUNT}},
            ORG_ABOUT,
            f"Mastodon's answer is not JSON ({ORG_LOOKUP_BARE})",
        ),
        (
            {"org": {"json": [ORG]}},
            ORG_ABOUT,
            f"Mastodon's answer is not a JSON object ({ORG_LOOKUP_BARE})",
        ),
        (
            {"velosur_tag": {"json": []}},
            TAG_ABOUT,
            f"Mastodon's answer is not a JSON object ({VELOSUR_TAG})",
        ),
        (
            {"statuses": {"json": {"id": NEWER["id"]}}},
            STATUSES_ABOUT,
            f"Mastodon's answer is not a JSON array ({STATUSES_BARE})",
        ),
        (
            {"statuses": {"json": [{k: v for k, v in NEWER.items() if k != "created_at"}]}},
            STATUSES_ABOUT,
            "Mastodon's answer lacks a documented field ('created_at')",
        ),
        (
            {"statuses": {"json": ["113500000000000202"]}},
            STATUSES_ABOUT,
            "Mastodon's answer is not a list of statuses",
        ),
        (
            {"org": {"json": {k: v for k, v in ORG.items() if k != "url"}}},
            ORG_ABOUT,
            "Mastodon's answer lacks a documented field ('url')",
        ),
        (
            {"velosur_tag": {"json": {"name": "vélosûr", "history": [{"day": "x", "uses": "1"}]}}},
            TAG_ABOUT,
            "Mastodon's answer lacks a documented field (invalid literal for int() with base 10: 'x')",
        ),
        (
            {"velosur_tag": {"json": {"name": "vélosûr"}}},
            TAG_ABOUT,
            "Mastodon's answer has no 'history' list of days",
        ),
    ],
    ids=[
        "html",
        "json-cut-in-half",
        "array-for-account",
        "array-for-tag",
        "object-for-statuses",
        "status-without-date",
        "statuses-not-objects",
        "account-without-url",
        "history-day-not-a-number",
        "tag-without-history",
    ],
)
def test_a_malformed_answer_is_recorded_not_retried_and_partial(
    api, tmp_path, replaced: dict[str, Any], about: tuple[str, str], message: str
) -> None:
    replay_api(api, **replaced)
    ran = run(tmp_path)
    part = ran.part()
    assert error_of(part, *about).message == message
    assert error_of(part, *about).status is None
    assert part.partial is True and ran.clock.sleeps == []
    assert len(calls(api)) == len(EVERY_CALL) - (about == ORG_ABOUT)  # no retry
    assert len(part.accounts) + len(part.hashtags) >= 2  # the rest was read


# HTML to text


@pytest.mark.parametrize(
    ("html", "text"),
    [
        ("<p>Un</p><p>Deux<br>trois</p>", "Un\n\nDeux\ntrois"),
        ("<p>a<br /><br />b</p>", "a\n\nb"),
        ("<p>  espaces \n  repliés  </p>", "espaces repliés"),
        ("<p>&lt;b&gt; &amp; &quot;x&quot; &#39;y&#39; &eacute;</p>", "<b> & \"x\" 'y' é"),
        ("<p>Liste :</p><ul><li>un</li><li>deux</li></ul><p>fin</p>", "Liste :\n\nun\ndeux\n\nfin"),
        ("<blockquote><p>cité</p></blockquote><p>réponse</p>", "cité\n\nréponse"),
        ("sans balise", "sans balise"),
        ("", ""),
    ],
)
def test_html_becomes_plain_text(html: str, text: str) -> None:
    assert plain_text(html) == text
