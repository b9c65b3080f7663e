"""The Bluesky part of a snapshot against Bluesky's XRPC API replayed at the HTTP level.

`HttpBluesky` over a real `JsonHttp` runs inside a real `Conversation`; only HTTP is
replayed (`responses`), and time moves only when the run sleeps.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pytest
import requests
import responses

from generator.movement import discover_movements, load_movements
from generator.snapshot import bluesky, bluesky_api
from generator.snapshot.api import ApiError
from generator.snapshot.bluesky_payloads import full_links
from generator.snapshot.conversation import Conversation, SnapshotOptions
from generator.snapshot.format_social import (
    BlueskyFigures,
    BlueskyList,
    BlueskyMember,
    BlueskyPost,
    BlueskyProfile,
    TagDay,
)
from generator.snapshot.http import JsonHttp
from generator.snapshot.records import RequestError
from tests.bluesky_api import (
    ALLY,
    ALLY_DID,
    APPVIEW,
    FAKE_APP_PASSWORD,
    FAKE_JWT,
    FAKE_REFRESH_JWT,
    FEED,
    FEED_URL,
    GHOST,
    LIST_FEED_URL,
    LIST_POST,
    LIST_URI,
    LIST_URL,
    LOGIN,
    LOGIN_DID,
    NEWER,
    NOW,
    OLDER,
    ORG,
    ORG_DID,
    ORG_PROFILE,
    OTHER_DID,
    PACK_URI,
    PACK_URL,
    PROFILES,
    RESOLVE_URL,
    SEARCH_QUERY,
    SEARCH_URL,
    SELF_REPOSTED,
    SESSION_URL,
    STRANGER,
    body_of,
    replay_api,
    xrpc_error,
)
from tests.support import make_project

VELO = """\
name: Vélo
tagline: Des pistes protégées.
organization: {name: Coalition, handle: DemoVeloSur, url: https://example.org/, bluesky: demovelosur.bsky.social}
hashtags: [{tag: VéloSûr, primary: true}]
accounts: [{handle: DemoParents, bluesky: demoparents.bsky.social}, {bluesky: demoghost.bsky.social}]
bluesky_lists: [{url: "https://bsky.app/profile/demovelosur.bsky.social/lists/3kabc", name: Alliés}, {url: "https://bsky.app/starter-pack/demovelosur.bsky.social/3kpack", name: Pack}]
"""
# Shares the organization (by its DID) and an ally (by its handle); counts the same tag.
ECOLE = f"""\
name: École
tagline: À vélo à l'école.
organization: {{name: Coalition, handle: DemoVeloSur, url: https://example.org/, bluesky: "{ORG_DID}"}}
hashtags: [{{tag: véloSûr, primary: true}}]
accounts: [{{bluesky: demoparents.bsky.social}}]
stats: {{bluesky: {{accounts: []}}}}
"""
# Names a Bluesky handle but reads X only.
QUIET = """\
name: Calme
tagline: Rien sur Bluesky.
organization: {name: Calme, handle: DemoCalme, url: https://example.org/, bluesky: calme.bsky.social}
hashtags: [{tag: Calme, primary: true}]
stats: {networks: [x]}
"""
# A list whose creator is none of the run's profiles: its handle is resolved to a DID.
OUTSIDER = """\
name: Dehors
tagline: Une liste d'ailleurs.
organization: {name: Dehors, handle: DemoDehors, url: https://example.org/}
hashtags: [{tag: Dehors, primary: true}]
bluesky_lists: [{url: "https://bsky.app/profile/lists.example.org/lists/3kout", name: Ailleurs}]
"""


def url(base: str, **params: Any) -> str:
    """The address `requests` sends for `params` (lists repeat their key)."""
    return f"{base}?{urlencode(params, doseq=True)}"


PROFILES_CALL = url(PROFILES, actors=[ORG, ALLY, GHOST])
FEED_CALL = url(FEED_URL, actor=ORG, limit=10, filter="posts_no_replies")
LIST_CALL = url(LIST_URL, list=LIST_URI, limit=100)
LIST_FEED_CALL = url(LIST_FEED_URL, list=LIST_URI, limit=10)
PACK_CALL = url(PACK_URL, starterPack=PACK_URI)
SESSION_CALL = SESSION_URL
SEARCH_CALL_1 = url(SEARCH_URL, **SEARCH_QUERY)
SEARCH_CALL_2 = url(SEARCH_URL, **SEARCH_QUERY, cursor="page2")
ANONYMOUS_CALLS = [PROFILES_CALL, FEED_CALL, LIST_CALL, LIST_FEED_CALL, PACK_CALL]
LOGGED_IN_CALLS = [*ANONYMOUS_CALLS, SESSION_CALL, SEARCH_CALL_1, SEARCH_CALL_2]
GHOST_MISSING = RequestError(
    request="profiles", target=GHOST, message="no Bluesky account has this handle"
)
LIST_ADDRESS = "https://bsky.app/profile/demovelosur.bsky.social/lists/3kabc"
PACK_ADDRESS = "https://bsky.app/starter-pack/demovelosur.bsky.social/3kpack"
PROFILES_LABEL = (
    "Bluesky: GET app.bsky.actor.getProfiles: 3 account(s): demovelosur.bsky.social, "
    "demoparents.bsky.social, demoghost.bsky.social"
)
FEED_LABEL = (
    "Bluesky: GET app.bsky.feed.getAuthorFeed?actor=demovelosur.bsky.social&limit=10"
    "&filter=posts_no_replies: demovelosur.bsky.social's latest 10 posts, reposts and replies "
    "left out [only if getProfiles does not find the account missing]"
)
LIST_FEED_LABEL = f"Bluesky: GET app.bsky.feed.getListFeed: the latest 10 posts of {LIST_ADDRESS}"


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
    plan: bluesky.BlueskyPlan
    talk: Conversation
    results: bluesky.BlueskyResults
    clock: FakeClock
    said: list[str] = field(default_factory=list)

    def figures(self, slug: str = "velo") -> BlueskyFigures | None:
        return bluesky.figures(self.plan, self.results, self.talk, slug)

    def part(self, slug: str = "velo") -> BlueskyFigures:
        part = self.figures(slug)
        assert part is not None
        return part

    @property
    def made(self) -> list[tuple[str, str]]:
        return [(m.request.kind, m.request.target) for m in self.talk.made]


LOGIN_DETAILS = bluesky_api.BlueskyLogin(LOGIN, FAKE_APP_PASSWORD)


@pytest.fixture
def api():
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        yield mock


def load(tmp_path: Path, movements: dict[str, str]) -> list:
    project = make_project(tmp_path, movements)
    return load_movements(discover_movements(project / "movements"))


def run(
    tmp_path: Path,
    movements: dict[str, str] | None = None,
    login: bluesky_api.BlueskyLogin | None = None,
    **options: float,
) -> Run:
    loaded = load(tmp_path, movements or {"velo": VELO})
    clock, said = FakeClock(), []
    talk = Conversation(
        bluesky_api.HttpBluesky(JsonHttp("Bluesky"), login=login),
        clock,
        clock.sleep,
        SnapshotOptions(**options),
        say=said.append,
        network="bluesky",
    )
    plan = bluesky.plan(loaded, logged_in=login is not None)
    return Run(plan, talk, bluesky.read(plan, talk), clock, said)


def calls(api: responses.RequestsMock) -> list[str]:
    return [call.request.url for call in api.calls]


def error_of(part: BlueskyFigures, request: str) -> RequestError:
    (error,) = [e for e in part.errors if e.request == request]
    return error


# The plan


def test_the_plan_asks_each_identity_once_profiles_first(tmp_path) -> None:
    loaded = load(tmp_path, {"velo": VELO, "velo-ecole": ECOLE, "calme": QUIET})
    plan = bluesky.plan(loaded, logged_in=True)
    assert plan.network == "bluesky" and all(r.network == "bluesky" for r in plan.requests)
    assert [r.describe() for r in plan.requests] == [
        "Bluesky: GET app.bsky.actor.getProfiles: 4 account(s): demovelosur.bsky.social, "
        f"demoparents.bsky.social, demoghost.bsky.social, {ORG_DID}",
        FEED_LABEL,
        "Bluesky: GET com.atproto.identity.resolveHandle?handle=demovelosur.bsky.social: the "
        "DID of the creator of a list or starter pack [only if no profile of the run gives "
        "its DID]",
        "Bluesky: GET app.bsky.graph.getList: the name, creator, member count and first 100 "
        f"members of {LIST_ADDRESS}",
        LIST_FEED_LABEL,
        "Bluesky: GET app.bsky.graph.getStarterPack: the name, creator, member and join counts "
        f"and Bluesky's sample of members of {PACK_ADDRESS}",
        "Bluesky: POST com.atproto.server.createSession: log in as $BLUESKY_HANDLE with its "
        "app password (BLUESKY_APP_PASSWORD), which searching posts needs",
        "Bluesky: GET app.bsky.feed.searchPosts?q=#VéloSûr&sort=latest&limit=100 (logged in): "
        "posts with #VéloSûr per UTC day over the 7 days before the run's, up to 10 pages "
        "[only if the login succeeds]",
    ]
    assert plan.wanted["velo-ecole"] == {
        ("profiles", ORG_DID),
        ("profiles", ALLY),
        ("session", "$bluesky_handle"),
        ("hashtag-search", "vélosûr"),
    }
    assert ("profiles", GHOST) in plan.wanted["velo"]
    assert ("list", LIST_ADDRESS) in plan.wanted["velo"]
    assert ("list-feed", LIST_ADDRESS) in plan.wanted["velo"]
    assert ("list-feed", PACK_ADDRESS) not in plan.wanted["velo"]  # a starter pack has none
    assert ("resolve-handle", ORG) in plan.wanted["velo"]
    assert "calme" not in plan.wanted  # it reads X only
    assert plan.lists["velo"] == (LIST_ADDRESS, PACK_ADDRESS)
    assert plan.tags == {"velo": ("VéloSûr",), "velo-ecole": ("véloSûr",)}


def test_without_a_login_the_plan_searches_nothing(tmp_path) -> None:
    plan = bluesky.plan(load(tmp_path, {"velo": VELO}), logged_in=False)
    assert [r.kind for r in plan.requests] == [
        "profiles",
        "feed",
        "resolve-handle",
        "list",
        "list-feed",
        "starter-pack",
    ]
    assert plan.tags == {"velo": ()}
    assert not {k for k, _ in plan.wanted["velo"]} & {"session", "hashtag-search"}


def test_profiles_are_asked_25_at_a_time(tmp_path) -> None:
    accounts = ", ".join(f"{{bluesky: ally{n:02}.bsky.social}}" for n in range(30))
    many = VELO.replace(
        "accounts: [{handle: DemoParents, bluesky: demoparents.bsky.social}, "
        "{bluesky: demoghost.bsky.social}]",
        f"accounts: [{accounts}]",
    )
    plan = bluesky.plan(load(tmp_path, {"velo": many}), logged_in=False)
    batches = [r.targets for r in plan.requests if r.kind == "profiles"]
    assert [len(b) for b in batches] == [25, 6]
    assert batches[0][0] == ORG and batches[1][-1] == "ally29.bsky.social"
    assert sum(k == "profiles" for k, _ in plan.wanted["velo"]) == 31


# A run that goes well


def test_every_field_is_read_and_mapped(api, tmp_path) -> None:
    replay_api(api)
    ran = run(tmp_path)
    part = ran.part()
    # The creator's DID came with its profile: no handle resolved.
    assert calls(api) == ANONYMOUS_CALLS
    assert all("Authorization" not in call.request.headers for call in api.calls)
    assert part.profiles == [
        BlueskyProfile(
            did=ALLY_DID,
            handle=ALLY,
            display_name="Parents à vélo",
            description="Parents à vélo — pour des pistes protégées.",
            followers_count=321,
            follows_count=210,
            posts_count=1320,
        ),
        BlueskyProfile(
            did=ORG_DID,
            handle=ORG,
            display_name="Coalition Vélo Sûr",
            description="Coalition Vélo Sûr — pour des pistes protégées.",
            followers_count=4321,
            follows_count=210,
            posts_count=1320,
        ),
    ]
    # The repost and the other author's post are left out, the repeated post kept once.
    assert part.posts == [
        BlueskyPost(
            uri=f"at://{ORG_DID}/app.bsky.feed.post/3lnewer2222",
            author_did=ORG_DID,
            author_handle=ORG,
            text="Des pistes jusqu'à l'école ! #VéloSûr\nSignez : https://example.org/petition/",
            created_at=dt.datetime(2026, 11, 17, 14, 3, tzinfo=dt.UTC),
            like_count=20,
            repost_count=4,
            reply_count=2,
            quote_count=1,
        ),
        BlueskyPost(
            uri=f"at://{ORG_DID}/app.bsky.feed.post/3lolder1111",
            author_did=ORG_DID,
            author_handle=ORG,
            text="Vélo <3",
            created_at=dt.datetime(2026, 11, 16, 9, 30, tzinfo=dt.UTC),
            like_count=7,
            repost_count=4,
            reply_count=2,
            quote_count=1,
        ),
    ]
    assert part.posts[0].url == f"https://bsky.app/profile/{ORG}/post/3lnewer2222"
    creator = BlueskyMember(did=ORG_DID, handle=ORG, display_name="Coalition Vélo Sûr")
    ally = BlueskyMember(did=ALLY_DID, handle=ALLY, display_name="Parents à vélo")
    assert part.lists == [
        BlueskyList(
            uri=LIST_URI,
            kind="list",
            name="Alliés du vélo",
            description="Les comptes qui roulent avec nous.",
            creator=creator,
            member_count=42,
            members=[
                ally,
                BlueskyMember(did=OTHER_DID, handle="someone.example", display_name="Quelqu'un"),
            ],
            # Any member's posts, newest first; the member's repost left out.
            posts=[
                BlueskyPost(
                    uri=f"at://{ALLY_DID}/app.bsky.feed.post/3llistpost7",
                    author_did=ALLY_DID,
                    author_handle=ALLY,
                    text="Vélobus mercredi !",
                    created_at=dt.datetime(2026, 11, 17, 7, 45, tzinfo=dt.UTC),
                    like_count=12,
                    repost_count=4,
                    reply_count=2,
                    quote_count=1,
                ),
                part.posts[1],  # the organization's older post, a member's too
            ],
        ),
        BlueskyList(
            uri=PACK_URI,
            kind="starter-pack",
            name="Vélo au quotidien",
            description="Pour bien démarrer.",
            creator=creator,
            member_count=12,
            joined_count=57,
            members=[ally],
            posts=[],  # a starter pack's posts are not read
        ),
    ]
    assert part.lists[0].posts[0].url == f"https://bsky.app/profile/{ALLY}/post/3llistpost7"
    assert part.hashtags == []  # no login: no search
    assert part.errors == [GHOST_MISSING] and part.partial is False
    assert ran.clock.sleeps == [] and ran.said == []
    assert ran.made == [
        ("profiles", f"{ORG},{ALLY},{GHOST}"),
        ("feed", ORG),
        ("list", LIST_ADDRESS),
        ("list-feed", LIST_ADDRESS),
        ("starter-pack", PACK_ADDRESS),
    ]


def test_two_movements_sharing_identities_ask_each_once(api, tmp_path) -> None:
    replay_api(api)
    profiles = url(PROFILES, actors=[ORG, ALLY, GHOST, ORG_DID])
    api.replace(responses.GET, PROFILES, json={"profiles": [ORG_PROFILE]})
    ran = run(tmp_path, {"velo": VELO, "velo-ecole": ECOLE})
    assert calls(api) == [profiles, FEED_CALL, LIST_CALL, LIST_FEED_CALL, PACK_CALL]
    ecole, velo = ran.part("velo-ecole"), ran.part("velo")
    # The organization by its DID and by its handle is one profile.
    assert [p.handle for p in ecole.profiles] == [ORG]
    assert ecole.posts == [] and ecole.lists == []  # it tracks no account and has no list
    assert [p.handle for p in velo.profiles] == [ORG]
    assert len(velo.posts) == 2 and len(velo.lists) == 2
    assert [len(x.posts) for x in velo.lists] == [2, 0]
    missing = RequestError(
        request="profiles", target=ALLY, message="no Bluesky account has this handle"
    )
    assert ecole.errors == [missing]  # the ghost is only `velo`'s
    assert velo.errors == [GHOST_MISSING, missing]  # by target


def test_a_list_whose_creator_is_not_profiled_resolves_its_handle(api, tmp_path) -> None:
    outsider_did = "did:plc:outsiderabcdefghijklmnop"
    list_uri = f"at://{outsider_did}/app.bsky.graph.list/3kout"
    api.add(
        responses.GET,
        url(RESOLVE_URL, handle="lists.example.org"),
        json={"did": outsider_did},
    )
    creator = {"did": outsider_did, "handle": "lists.example.org"}
    answer = {"list": {"uri": list_uri, "name": "Ailleurs sur Bluesky", "creator": creator}}
    answer["items"] = []
    api.add(responses.GET, url(LIST_URL, list=list_uri, limit=100), json=answer)
    feed = url(LIST_FEED_URL, list=list_uri, limit=10)
    api.add(responses.GET, feed, json={"feed": [{"post": LIST_POST}]})
    ran = run(tmp_path, {"dehors": OUTSIDER})
    assert [(r.kind, r.condition) for r in ran.plan.requests] == [
        ("resolve-handle", ""),  # no profile of the run can give its DID
        ("list", ""),
        ("list-feed", ""),
    ]
    assert calls(api) == [
        url(RESOLVE_URL, handle="lists.example.org"),
        url(LIST_URL, list=list_uri, limit=100),
        feed,  # the resolved DID names the list
    ]
    part = ran.part("dehors")
    assert [(x.uri, x.name, x.members) for x in part.lists] == [
        (list_uri, "Ailleurs sur Bluesky", [])
    ]
    assert [p.uri for p in part.lists[0].posts] == [LIST_POST["uri"]]
    assert part.errors == [] and part.partial is False


# A list's latest posts


def test_a_list_feed_keeps_any_members_posts_newest_first_once_each(api, tmp_path) -> None:
    shuffled = [OLDER, LIST_POST, NEWER, STRANGER, LIST_POST]  # one twice, as pages can give
    repost = {"post": SELF_REPOSTED, "reason": {"$type": "app.bsky.feed.defs#reasonRepost"}}
    feed = {"feed": [repost, *({"post": p} for p in shuffled)]}
    replay_api(api, list_feed={"json": feed})
    part = run(tmp_path).part()
    posts = part.lists[0].posts
    # Whoever wrote them (the list's members, not its creator only), the repost left out.
    assert [p.uri for p in posts] == [p["uri"] for p in (STRANGER, NEWER, LIST_POST, OLDER)]
    assert [p.author_handle for p in posts] == ["someone.example", ORG, ALLY, ORG]
    assert posts[1].text.endswith("Signez : https://example.org/petition/")  # whole links
    # The list's posts are its own: the accounts' posts and the starter pack's are untouched.
    assert len(part.posts) == 2 and part.lists[1].posts == []
    assert part.errors == [GHOST_MISSING] and part.partial is False


def test_a_starter_pack_gets_no_list_feed(api, tmp_path) -> None:
    pack_only = VELO.replace(
        '{url: "https://bsky.app/profile/demovelosur.bsky.social/lists/3kabc", name: Alliés}, ',
        "",
    )
    replay_api(api)
    ran = run(tmp_path, {"velo": pack_only})
    assert [r.kind for r in ran.plan.requests] == [
        "profiles",
        "feed",
        "resolve-handle",
        "starter-pack",
    ]
    assert calls(api) == [PROFILES_CALL, FEED_CALL, PACK_CALL]
    (pack,) = ran.part().lists
    assert (pack.kind, pack.name, pack.posts) == ("starter-pack", "Vélo au quotidien", [])


UPSTREAM = xrpc_error(502, "UpstreamFailure", "Upstream Failure")
UPSTREAM_MESSAGE = (
    f"Bluesky answered 502 Bad Gateway: UpstreamFailure — Upstream Failure ({LIST_FEED_URL})"
)
RETRIED = f"{UPSTREAM_MESSAGE}; trying again in 2 s: {LIST_FEED_LABEL}"


@pytest.mark.parametrize(
    ("answers", "error", "partial", "said"),
    [
        (
            xrpc_error(404, "NotFound", "List not found"),
            RequestError(
                request="list-feed",
                target=LIST_ADDRESS,
                status=404,
                message="Bluesky answered 404 Not Found: NotFound — List not found "
                f"({LIST_FEED_URL})",
            ),
            False,  # an answer: there is nothing to read
            [],
        ),
        ([UPSTREAM, {"json": {"feed": [{"post": LIST_POST}]}}], None, False, [RETRIED]),
        (
            [UPSTREAM, UPSTREAM],
            RequestError(
                request="list-feed",
                target=LIST_ADDRESS,
                status=502,
                message=f"{UPSTREAM_MESSAGE} (gave up after 2 tries)",
            ),
            True,
            [RETRIED],
        ),
    ],
    ids=["404", "502-then-read", "502-given-up"],
)
def test_a_list_feed_that_fails_is_recorded_and_the_list_kept(
    api, tmp_path, answers: Any, error: RequestError | None, partial: bool, said: list[str]
) -> None:
    replay_api(api, list_feed=answers)
    ran = run(tmp_path, retries=1)
    part = ran.part()
    tries = 1 + len(said)
    assert calls(api) == [PROFILES_CALL, FEED_CALL, LIST_CALL, *[LIST_FEED_CALL] * tries, PACK_CALL]
    assert ran.clock.sleeps == [2.0] * len(said) and ran.said == said
    assert part.errors == [*([error] if error else []), GHOST_MISSING]  # by request
    assert part.partial is partial
    # The list's name, counts and members are kept whatever became of its posts.
    listed, pack = part.lists
    assert (listed.uri, listed.name, listed.member_count) == (LIST_URI, "Alliés du vélo", 42)
    assert [m.handle for m in listed.members] == [ALLY, "someone.example"]
    assert [p.uri for p in listed.posts] == ([] if error else [LIST_POST["uri"]])
    assert pack.name == "Vélo au quotidien"


@pytest.mark.parametrize(
    ("resolved", "partial"),
    [
        # What the AppView answers for a handle that names no account: an answer.
        (xrpc_error(400, "InvalidRequest", "Unable to resolve handle"), False),
        (UPSTREAM, True),  # no answer: the DID may exist
    ],
    ids=["no-such-handle", "no-answer"],
)
def test_a_list_feed_is_not_requested_while_its_creators_did_is_unknown(
    api, tmp_path, resolved: dict[str, Any], partial: bool
) -> None:
    api.add(responses.GET, url(RESOLVE_URL, handle="lists.example.org"), **resolved)
    ran = run(tmp_path, {"dehors": OUTSIDER}, retries=0)
    assert calls(api) == [url(RESOLVE_URL, handle="lists.example.org")]  # nor list nor posts
    part = ran.part("dehors")
    assert part.lists == [] and part.partial is partial
    address = "https://bsky.app/profile/lists.example.org/lists/3kout"
    unknown = (
        "not requested: the DID of its creator lists.example.org is unknown (see resolve-handle)"
    )
    assert [(e.request, e.target, e.message) for e in part.errors[:2]] == [
        ("list", address, unknown),
        ("list-feed", address, "not requested: the list itself was not read (see list)"),
    ]
    assert [(e.request, e.status) for e in part.errors[2:]] == [
        ("resolve-handle", resolved["status"])
    ]
    assert (("list-feed", address) in ran.talk.unanswered) is partial


# Refusals and what does not exist


@pytest.mark.parametrize(
    ("status", "reason"), [(401, "Unauthorized"), (403, "Forbidden")], ids=["401", "403"]
)
def test_a_refused_endpoint_is_recorded_and_the_rest_read(
    api, tmp_path, status: int, reason: str
) -> None:
    replay_api(api, feed=xrpc_error(status, "AuthRequired", "Authentication Required"))
    ran = run(tmp_path)
    part = ran.part()
    assert error_of(part, "feed") == RequestError(
        request="feed",
        target=ORG,
        status=status,
        message=f"Bluesky answered {status} {reason}: AuthRequired — Authentication Required "
        f"({FEED_URL})",
    )
    assert part.posts == [] and len(part.profiles) == 2 and len(part.lists) == 2
    assert part.partial is False  # refused for good, not left unanswered
    assert calls(api) == ANONYMOUS_CALLS and ran.clock.sleeps == []


@pytest.mark.parametrize(
    ("answer", "status"),
    [
        (xrpc_error(404, "NotFound", "List not found"), "404 Not Found"),
        # What the AppView answers for a list that does not exist.
        (xrpc_error(400, "InvalidRequest", "List not found"), "400 Bad Request"),
    ],
    ids=["404", "400-not-found"],
)
def test_a_list_that_does_not_exist_is_recorded_as_answered(
    api, tmp_path, answer: dict[str, Any], status: str
) -> None:
    replay_api(api, list=answer)
    ran = run(tmp_path)
    part = ran.part()
    error = error_of(part, "list")
    assert (error.target, error.status) == (LIST_ADDRESS, int(status.split()[0]))
    error_name = answer["json"]["error"]
    assert error.message == f"Bluesky answered {status}: {error_name} — List not found ({LIST_URL})"
    assert [x.kind for x in part.lists] == ["starter-pack"]
    assert part.partial is False and ran.clock.sleeps == []


def test_another_bad_request_is_recorded_unanswered(api, tmp_path) -> None:
    replay_api(api, pack=xrpc_error(400, "InvalidRequest", "Error: starterPack must be a uri"))
    part = run(tmp_path).part()
    error = error_of(part, "starter-pack")
    assert error.status == 400 and "must be a uri" in error.message
    assert part.partial is True and [x.kind for x in part.lists] == ["list"]


def test_an_unknown_tracked_account_is_recorded_and_its_posts_not_asked(api, tmp_path) -> None:
    tracked = VELO + "stats: {bluesky: {accounts: [demoghost.bsky.social]}}\n"
    replay_api(api)
    ran = run(tmp_path, {"velo": tracked})
    part = ran.part()
    assert not [u for u in calls(api) if u.startswith(FEED_URL)]
    assert part.errors == [
        RequestError(
            request="feed",
            target=GHOST,
            message="not requested: no Bluesky account has this handle",
        ),
        GHOST_MISSING,
    ]
    assert part.posts == [] and part.partial is False


# Rate limits


def test_a_rate_limit_with_its_reset_is_waited_out(api, tmp_path) -> None:
    limited = xrpc_error(
        429,
        "RateLimitExceeded",
        "Rate Limit Exceeded",
        headers={"ratelimit-limit": "3000", "ratelimit-reset": str(int(NOW) + 30)},
    )
    replay_api(api, profiles=[limited, {"json": {"profiles": [ORG_PROFILE]}}])
    ran = run(tmp_path)
    assert ran.clock.sleeps == [31.0]  # until the reset, plus a second
    assert ran.said == [f"Bluesky's rate limit: waiting 31 s before {PROFILES_LABEL}"]
    assert calls(api) == [PROFILES_CALL, *ANONYMOUS_CALLS]
    part = ran.part()
    assert [p.handle for p in part.profiles] == [ORG] and len(part.posts) == 2
    assert part.partial is False and len(part.errors) == 2


def test_a_rate_limit_that_does_not_say_when_waits_a_minute(api, tmp_path) -> None:
    replay_api(api, pack=[{"status": 429}, {"json": {"starterPack": _pack_without_sample()}}])
    ran = run(tmp_path)
    assert ran.clock.sleeps == [60.0]
    part = ran.part()
    assert part.lists[1].members == [] and part.lists[1].joined_count is None
    assert part.errors == [GHOST_MISSING] and part.partial is False
    assert calls(api) == [*ANONYMOUS_CALLS, PACK_CALL]


def _pack_without_sample() -> dict[str, Any]:
    return {
        "uri": PACK_URI,
        "record": {"name": "Vélo au quotidien", "createdAt": "2025-02-01T00:00:00.000Z"},
        "creator": {"did": ORG_DID, "handle": ORG},
    }


def test_a_rate_limit_past_max_wait_skips_the_rest_and_is_partial(api, tmp_path) -> None:
    limited = {"status": 429, "headers": {"ratelimit-reset": str(int(NOW) + 3600)}}
    replay_api(api, feed=limited)
    ran = run(tmp_path, login=LOGIN_DETAILS, max_wait=300)
    part = ran.part()
    assert calls(api) == [PROFILES_CALL, FEED_CALL] and ran.clock.sleeps == []
    assert len(part.profiles) == 2 and part.posts == [] and part.lists == []
    assert part.partial is True
    stop = (
        "Bluesky's rate limit was reached and resets at 12:06:41 UTC, past the --max-wait of "
        "300 s; run again later or give a longer --max-wait"
    )
    assert [(e.request, e.target, e.status, e.message) for e in part.errors] == [
        ("feed", ORG, 429, stop),
        ("hashtag-search", "VéloSûr", None, f"not requested: {stop}"),
        ("list", LIST_ADDRESS, None, f"not requested: {stop}"),
        ("list-feed", LIST_ADDRESS, None, f"not requested: {stop}"),
        ("profiles", GHOST, None, GHOST_MISSING.message),
        ("session", LOGIN, None, f"not requested: {stop}"),
        ("starter-pack", PACK_ADDRESS, None, f"not requested: {stop}"),
    ]


def test_a_movement_of_which_nothing_was_read_keeps_only_its_errors(api, tmp_path) -> None:
    replay_api(api, profiles={"status": 429, "headers": {"ratelimit-reset": str(int(NOW) + 9999)}})
    ran = run(tmp_path)
    part = ran.figures()
    # The network failed: its part holds no figure, only why, so the file says so.
    assert part is not None and part.partial is True
    assert (part.profiles, part.posts, part.hashtags, part.lists) == ([], [], [], [])
    assert part.errors == sorted(
        ran.talk.errors, key=lambda e: (e.request, e.target.casefold(), e.message)
    )
    assert calls(api) == [PROFILES_CALL]
    assert sorted((e.request, e.target) for e in ran.talk.errors) == [
        ("feed", ORG),
        ("list", LIST_ADDRESS),
        ("list-feed", LIST_ADDRESS),
        ("profiles", GHOST),
        ("profiles", ALLY),
        ("profiles", ORG),
        ("resolve-handle", ORG),  # no profile gave the lists' creator's DID
        ("starter-pack", PACK_ADDRESS),
    ]
    assert ran.talk.unanswered == {(e.request, e.target.casefold()) for e in ran.talk.errors}


# Bluesky's own failures


def test_a_server_error_is_retried_then_read(api, tmp_path) -> None:
    unavailable = xrpc_error(502, "UpstreamFailure", "Upstream Failure")
    replay_api(api, feed=[unavailable, {"json": FEED}])
    ran = run(tmp_path, backoff=3)
    assert ran.clock.sleeps == [3.0]
    assert ran.said == [
        f"Bluesky answered 502 Bad Gateway: UpstreamFailure — Upstream Failure ({FEED_URL}); "
        f"trying again in 3 s: {FEED_LABEL}"
    ]
    part = ran.part()
    assert len(part.posts) == 2 and part.errors == [GHOST_MISSING] and part.partial is False
    assert [u for u in calls(api) if u.startswith(FEED_URL)] == [FEED_CALL, FEED_CALL]


def test_a_timeout_is_retried_then_given_up(api, tmp_path) -> None:
    replay_api(api, list={"body": requests.exceptions.ReadTimeout("read timed out")})
    ran = run(tmp_path, retries=2)
    assert ran.clock.sleeps == [2.0, 4.0]
    part = ran.part()
    assert error_of(part, "list") == RequestError(
        request="list",
        target=LIST_ADDRESS,
        message="no answer from Bluesky: ReadTimeout (gave up after 3 tries)",
    )
    assert [x.kind for x in part.lists] == ["starter-pack"] and part.partial is True
    assert [u for u in calls(api) if u.startswith(LIST_URL)] == [LIST_CALL] * 3


def test_an_appview_that_cannot_be_reached_is_recorded(api, tmp_path) -> None:
    down = {"body": requests.ConnectionError("Failed to establish a new connection")}
    replay_api(api, profiles=down)
    ran = run(tmp_path, retries=1, backoff=5)
    assert ran.clock.sleeps == [5.0]
    part = ran.part()
    assert part.profiles == [] and part.partial is True
    assert [(e.request, e.target, e.message) for e in part.errors] == [
        ("profiles", actor, "no answer from Bluesky: ConnectionError (gave up after 2 tries)")
        for actor in (GHOST, ALLY, ORG)
    ]
    # Without profiles the feed and lists are still read (the creator's handle resolved).
    assert len(part.posts) == 2 and len(part.lists) == 2
    assert url(RESOLVE_URL, handle=ORG) in calls(api)


# Answers that are not what Bluesky documents

HALF_FEED = '{"feed": [{"post": {"uri": "at://did:plc:x/app.bsky.feed.post/1", "rec'


@pytest.mark.parametrize(
    "cut",
    [
        {"body": requests.exceptions.ChunkedEncodingError("Connection broken: IncompleteRead")},
        # Shorter than it said: the connection closed mid-body.
        {"body": HALF_FEED, "headers": {"Content-Length": "900"}},
    ],
    ids=["chunked", "content-length"],
)
def test_a_body_cut_short_in_transit_is_retried(api, tmp_path, cut: dict[str, Any]) -> None:
    api.add(responses.GET, FEED_URL, **cut)
    replay_api(api)
    ran = run(tmp_path)
    assert ran.clock.sleeps == [2.0]
    assert ran.said[0].startswith("no answer from Bluesky: ChunkedEncodingError; trying again")
    part = ran.part()
    assert len(part.posts) == 2 and part.errors == [GHOST_MISSING] and part.partial is False


@pytest.mark.parametrize(
    ("replaced", "request_kind", "message"),
    [
        ({"feed": {"body": "{not json"}}, "feed", f"Bluesky's answer is not JSON ({FEED_URL})"),
        ({"feed": {"body": HALF_FEED}}, "feed", f"Bluesky's answer is not JSON ({FEED_URL})"),
        (
            {"list": {"json": [LIST_URI]}},
            "list",
            f"Bluesky's answer is not a JSON object ({LIST_URL})",
        ),
        (
            {"feed": {"json": {"cursor": "x"}}},
            "feed",
            "Bluesky's answer has no 'feed' list of objects",
        ),
        (
            {"feed": {"json": {"feed": [{"post": {"uri": "at://x", "author": {}}}]}}},
            "feed",
            "Bluesky's answer lacks a documented field ('record')",
        ),
        (
            {"pack": {"json": {"starterPack": {**_pack_without_sample(), "record": {}}}}},
            "starter-pack",
            "Bluesky's answer lacks a documented field ('name')",
        ),
        ({"list": {"json": {"items": []}}}, "list", "Bluesky's answer has no 'list' object"),
        (
            {"list_feed": {"json": {"cursor": "x"}}},
            "list-feed",
            "Bluesky's answer has no 'feed' list of objects",
        ),
        (
            {"list_feed": {"json": {"feed": [{"post": {**LIST_POST, "record": {}}}]}}},
            "list-feed",
            "Bluesky's answer lacks a documented field ('createdAt')",
        ),
        (
            {"profiles": {"json": {"profiles": [{**ORG_PROFILE, "followersCount": "many"}]}}},
            "profiles",
            "Bluesky's answer lacks a documented field (1 validation error for BlueskyProfile)",
        ),
    ],
    ids=[
        "not-json",
        "json-cut-in-half",
        "array-for-list",
        "feed-without-feed",
        "post-without-record",
        "pack-without-name",
        "list-without-list",
        "list-feed-without-feed",
        "list-post-without-date",
        "count-not-a-number",
    ],
)
def test_a_malformed_answer_is_recorded_not_retried_and_partial(
    api, tmp_path, replaced: dict[str, Any], request_kind: str, message: str
) -> None:
    replay_api(api, **replaced)
    ran = run(tmp_path)
    assert ran.clock.sleeps == []
    errors = [e for e in ran.talk.errors if e.request == request_kind]
    assert {(e.message, e.status) for e in errors} == {(message, None)}
    # No retry; a list that was not read has its posts not asked for either.
    not_asked = request_kind == "list"
    assert len(calls(api)) == len(ANONYMOUS_CALLS) + (request_kind == "profiles") - not_asked
    part = ran.part()
    assert part.partial is True


# Hashtags, with a login


def test_a_login_counts_hashtag_posts_per_day(api, tmp_path) -> None:
    replay_api(api)
    ran = run(tmp_path, login=LOGIN_DETAILS)
    assert calls(api) == LOGGED_IN_CALLS
    session, *searches = api.calls[len(ANONYMOUS_CALLS) :]
    assert body_of(session) == {"identifier": LOGIN, "password": FAKE_APP_PASSWORD}
    assert "Authorization" not in session.request.headers
    assert [c.request.headers["Authorization"] for c in searches] == [f"Bearer {FAKE_JWT}"] * 2
    assert all("Authorization" not in c.request.headers for c in api.calls[: len(ANONYMOUS_CALLS)])
    part = ran.part()
    (counts,) = part.hashtags
    assert (counts.tag, counts.complete) == ("VéloSûr", True)
    assert counts.days == [
        TagDay(day=dt.date(2026, 11, 11), count=1),
        TagDay(day=dt.date(2026, 11, 12), count=0),
        TagDay(day=dt.date(2026, 11, 13), count=0),
        TagDay(day=dt.date(2026, 11, 14), count=0),
        TagDay(day=dt.date(2026, 11, 15), count=1),
        TagDay(day=dt.date(2026, 11, 16), count=1),
        TagDay(day=dt.date(2026, 11, 17), count=2),
    ]
    assert part.errors == [GHOST_MISSING] and part.partial is False
    assert ran.made[-3:] == [
        ("session", LOGIN),
        ("hashtag-search", "VéloSûr"),
        ("hashtag-search", "VéloSûr"),
    ]


def test_two_movements_count_a_shared_tag_once_in_their_own_spelling(api, tmp_path) -> None:
    replay_api(api)
    ran = run(tmp_path, {"velo": VELO, "velo-ecole": ECOLE}, login=LOGIN_DETAILS)
    assert [u for u in calls(api) if u.startswith(SEARCH_URL)] == [SEARCH_CALL_1, SEARCH_CALL_2]
    ecole, velo = ran.part("velo-ecole"), ran.part("velo")
    assert [h.tag for h in ecole.hashtags] == ["véloSûr"]
    assert [h.tag for h in velo.hashtags] == ["VéloSûr"]
    assert ecole.hashtags[0].days == velo.hashtags[0].days


def test_a_search_cut_at_the_page_limit_is_a_lower_bound(api, tmp_path) -> None:
    replay_api(api)
    api.remove(responses.GET, SEARCH_URL)  # both pages: every page here has a next one
    pages = []

    def endless(request: requests.PreparedRequest) -> tuple[int, dict[str, str], str]:
        pages.append(request.url)
        n = len(pages)
        uri = f"at://did:plc:a/app.bsky.feed.post/{n}"
        body = {"posts": [_found(uri, "2026-11-17T10:00:00Z")], "cursor": f"page{n + 1}"}
        return 200, {}, json.dumps(body)

    api.add_callback(responses.GET, SEARCH_URL, callback=endless)
    ran = run(tmp_path, login=LOGIN_DETAILS)
    assert len(pages) == bluesky.SEARCH_PAGES == 10
    assert pages[1] == url(SEARCH_URL, **SEARCH_QUERY, cursor="page2")
    (counts,) = ran.part().hashtags
    assert counts.complete is False
    assert [d.count for d in counts.days] == [0, 0, 0, 0, 0, 0, 10]
    assert ran.part().partial is False and ran.part().errors == [GHOST_MISSING]


def _found(uri: str, created: str) -> dict[str, Any]:
    return {"uri": uri, "record": {"text": "#VéloSûr", "createdAt": created}, "indexedAt": created}


def test_a_search_page_that_fails_keeps_a_lower_bound(api, tmp_path) -> None:
    replay_api(api, search_2={"body": requests.exceptions.ReadTimeout()})
    ran = run(tmp_path, login=LOGIN_DETAILS, retries=0)
    part = ran.part()
    (counts,) = part.hashtags
    assert counts.complete is False and sum(d.count for d in counts.days) == 3
    assert error_of(part, "hashtag-search").message == (
        "no answer from Bluesky: ReadTimeout (gave up after 1 tries)"
    )
    assert part.partial is True


def test_a_refused_login_is_recorded_once_and_nothing_searched(api, tmp_path) -> None:
    refused = xrpc_error(401, "AuthenticationRequired", "Invalid identifier or password")
    replay_api(api, session=refused)
    ran = run(tmp_path, {"velo": VELO, "velo-ecole": ECOLE}, login=LOGIN_DETAILS)
    assert calls(api)[-1] == SESSION_CALL
    assert not [u for u in calls(api) if u.startswith(SEARCH_URL)]
    login_error = RequestError(
        request="session",
        target=LOGIN,
        status=401,
        message=f"Bluesky did not accept the login of {LOGIN}: check that BLUESKY_HANDLE is "
        "the account's handle and BLUESKY_APP_PASSWORD one of its app passwords, not revoked "
        "(Settings → Privacy and security → App passwords) (Bluesky answered 401 "
        "Unauthorized: AuthenticationRequired — Invalid identifier or password "
        f"({SESSION_URL}))",
    )
    assert [e for e in ran.talk.errors if e.request == "session"] == [login_error]
    for slug, tag in (("velo", "VéloSûr"), ("velo-ecole", "VéloSûr")):
        part = ran.part(slug)
        assert part.hashtags == [] and part.partial is False
        assert error_of(part, "session") == login_error
        assert error_of(part, "hashtag-search") == RequestError(
            request="hashtag-search",
            target=tag,  # the run's first spelling
            message=f"not requested: Bluesky did not accept the login of {LOGIN}",
        )
    assert len(ran.part().profiles) == 2 and len(ran.part().lists) == 2


def test_a_login_that_gets_no_answer_leaves_the_hashtags_unanswered(api, tmp_path) -> None:
    replay_api(api, session=xrpc_error(503, "InternalServerError", "Internal Server Error"))
    ran = run(tmp_path, login=LOGIN_DETAILS, retries=1)
    assert calls(api)[-2:] == [SESSION_CALL, SESSION_CALL] and ran.clock.sleeps == [2.0]
    assert not [u for u in calls(api) if u.startswith(SEARCH_URL)]
    part = ran.part()
    assert error_of(part, "hashtag-search").message == (
        f"not requested: the login to Bluesky as {LOGIN} got no usable answer"
    )
    assert error_of(part, "session").status == 503
    assert part.hashtags == [] and part.partial is True


def test_without_credentials_no_login_nor_search_is_made(api, tmp_path) -> None:
    replay_api(api)
    ran = run(tmp_path)
    assert calls(api) == ANONYMOUS_CALLS
    assert not {"session", "hashtag-search"} & {kind for kind, _ in ran.made}
    assert not [c for c in api.calls if c.request.method == "POST"]
    assert ran.part().hashtags == []


# Secrets


def test_the_app_password_and_tokens_appear_nowhere(api, tmp_path, caplog) -> None:
    # A server that echoes them in its error bodies: they must still not be repeated.
    echo = xrpc_error(400, "InvalidRequest", f"bad token {FAKE_JWT} for {FAKE_APP_PASSWORD}")
    replay_api(api, search_1=[{"status": 503}, echo])
    caplog.set_level(logging.DEBUG)
    ran = run(tmp_path, login=LOGIN_DETAILS, retries=1)
    part = ran.part()
    error = error_of(part, "hashtag-search")
    assert error.status == 400 and "bad token [hidden] for [hidden]" in error.message
    # The tokens stay inside the client: its login answer gives the account only.
    assert ran.talk.api.create_session() == {"did": LOGIN_DID, "handle": LOGIN}
    with pytest.raises(ApiError) as raised:  # nothing left to answer: no connection
        ran.talk.api.search_posts("#VéloSûr", "a", "b", None)
    seen = [
        part.model_dump_json(),
        repr(ran.talk.errors),
        repr(ran.results),
        repr(ran.plan),
        repr(LOGIN_DETAILS),
        repr(ran.talk.api),
        *ran.said,
        *(m.request.describe() for m in ran.talk.made),
        *(r.getMessage() for r in caplog.records),
        caplog.text,
        str(raised.value),
    ]
    for secret in (FAKE_APP_PASSWORD, FAKE_JWT, FAKE_REFRESH_JWT):
        assert not [text for text in seen if secret in text], secret
    searches = [c for c in api.calls if c.request.url.startswith(SEARCH_URL)]
    assert len(searches) == 3  # the token did go where it belongs, and only there
    assert {c.request.headers["Authorization"] for c in searches} == {f"Bearer {FAKE_JWT}"}


def test_a_refused_login_that_echoes_the_password_does_not_repeat_it(api, tmp_path) -> None:
    echo = xrpc_error(401, "AuthenticationRequired", f"wrong password {FAKE_APP_PASSWORD}")
    replay_api(api, session=echo)
    ran = run(tmp_path, login=LOGIN_DETAILS)
    text = repr(ran.talk.errors) + ran.part().model_dump_json()
    assert FAKE_APP_PASSWORD not in text and "wrong password [hidden]" in text


# Links in a post's text


@pytest.mark.parametrize(
    ("text", "facets", "full"),
    [
        # Byte offsets: "é" and "→" take 2 and 3 bytes.
        ("Vélo → ex.org/a...", [(10, 21, "https://ex.org/abc")], "Vélo → https://ex.org/abc"),
        (
            "a b.org/x... c d.org/y...",
            [(15, 25, "https://d.org/y"), (2, 12, "https://b.org/x")],
            "a https://b.org/x c https://d.org/y",
        ),
        ("x.org/...", [(0, 30, "https://x.org/")], "x.org/..."),  # past the text
        ("ab cd", [(0, 4, "https://a/"), (3, 5, "https://c/")], "https://a/d"),  # overlap
        ("ab cd", [(3, 3, "https://c/")], "ab cd"),  # empty
    ],
    ids=["multibyte", "unordered", "out-of-range", "overlapping", "empty"],
)
def test_link_facets_give_their_whole_address(
    text: str, facets: list[tuple[int, int, str]], full: str
) -> None:
    raw = [
        {
            "index": {"byteStart": start, "byteEnd": end},
            "features": [{"$type": "app.bsky.richtext.facet#link", "uri": uri}],
        }
        for start, end, uri in facets
    ]
    assert full_links(text, raw) == full


def test_facets_other_than_links_and_odd_ones_leave_the_text_alone() -> None:
    mention = {
        "index": {"byteStart": 0, "byteEnd": 3},
        "features": [{"$type": "app.bsky.richtext.facet#mention", "did": "did:plc:x"}],
    }
    odd = [mention, {"index": "0-3"}, "facet", {"features": [{"uri": "https://x/"}]}]
    assert full_links("@ab cd", odd) == "@ab cd"
    assert full_links("@ab cd", None) == "@ab cd"


# The login in the environment


def test_credentials_come_from_the_environment(monkeypatch) -> None:
    monkeypatch.delenv("BLUESKY_SERVICE", raising=False)
    monkeypatch.setenv("BLUESKY_HANDLE", " @DemoLogin.bsky.social ")
    monkeypatch.setenv("BLUESKY_APP_PASSWORD", FAKE_APP_PASSWORD)
    login = bluesky_api.credentials_from_environment()
    assert login == bluesky_api.BlueskyLogin(LOGIN, FAKE_APP_PASSWORD, "https://bsky.social")
    assert FAKE_APP_PASSWORD not in repr(login)
    monkeypatch.setenv("BLUESKY_SERVICE", "https://pds.example.org/")
    login = bluesky_api.credentials_from_environment()
    assert login is not None and login.service == "https://pds.example.org"
    assert bluesky_api.HttpBluesky(login=login).service == "https://pds.example.org"


@pytest.mark.parametrize("unset", ["BLUESKY_HANDLE", "BLUESKY_APP_PASSWORD"])
def test_without_both_variables_there_is_no_login(monkeypatch, unset: str) -> None:
    monkeypatch.setenv("BLUESKY_HANDLE", LOGIN)
    monkeypatch.setenv("BLUESKY_APP_PASSWORD", FAKE_APP_PASSWORD)
    monkeypatch.setenv(unset, "  ")
    assert bluesky_api.credentials_from_environment() is None


def test_an_account_password_is_refused_without_being_quoted(monkeypatch) -> None:
    monkeypatch.setenv("BLUESKY_HANDLE", LOGIN)
    monkeypatch.setenv("BLUESKY_APP_PASSWORD", "MyRealPassword!2026")
    with pytest.raises(bluesky_api.BlueskyLoginError) as raised:
        bluesky_api.credentials_from_environment()
    assert "App passwords" in raised.value.message
    assert "MyRealPassword" not in raised.value.message


def test_a_plain_http_service_is_refused(monkeypatch) -> None:
    monkeypatch.setenv("BLUESKY_HANDLE", LOGIN)
    monkeypatch.setenv("BLUESKY_APP_PASSWORD", FAKE_APP_PASSWORD)
    monkeypatch.setenv("BLUESKY_SERVICE", "http://pds.example.org")
    with pytest.raises(bluesky_api.BlueskyLoginError, match="must be an https:// address"):
        bluesky_api.credentials_from_environment()


def test_appview_base_is_the_public_one() -> None:
    assert bluesky_api.APPVIEW == APPVIEW == "https://public.api.bsky.app/xrpc"
