"""Bluesky XRPC answers as the lexicons document them, replayed at the HTTP level.

`HttpBluesky` and `JsonHttp` run for real against these; nothing reaches the network. The
app password and the access token are fake but distinctive, so a test can look for them in
everything a run leaves behind.
"""

from __future__ import annotations

import json
from typing import Any

import responses
from responses import matchers

APPVIEW = "https://public.api.bsky.app/xrpc"
SERVICE = "https://bsky.social/xrpc"

ORG = "demovelosur.bsky.social"
ALLY = "demoparents.bsky.social"
GHOST = "demoghost.bsky.social"
ORG_DID = "did:plc:velosurorgabcdefghijklmn"
ALLY_DID = "did:plc:parentsabcdefghijklmnopq"
OTHER_DID = "did:plc:otherabcdefghijklmnopqrs"

LOGIN = "demologin.bsky.social"
LOGIN_DID = "did:plc:loginabcdefghijklmnopqrs"
FAKE_APP_PASSWORD = "zq7x-k2mw-p9vd-r4tn"
FAKE_JWT = "eyJhbGciOiJFUzI1NksifQ.FAKE-ACCESS-JWT-7c1e9b4d.c2lnbmF0dXJl"
FAKE_REFRESH_JWT = "eyJhbGciOiJFUzI1NksifQ.FAKE-REFRESH-JWT-3f0a.c2lnbmF0dXJl"

NOW = 1_795_000_000.0  # 2026-11-18T11:06:40Z
SINCE = "2026-11-11T00:00:00Z"
UNTIL = "2026-11-18T00:00:00Z"


def profile(did: str, handle: str, name: str, followers: int) -> dict[str, Any]:
    return {
        "did": did,
        "handle": handle,
        "displayName": name,
        "description": f"{name} — pour des pistes protégées.",
        "avatar": f"https://cdn.bsky.app/img/avatar/plain/{did}/bafkrei@jpeg",
        "associated": {"lists": 1, "feedgens": 0, "starterPacks": 1, "labeler": False},
        "indexedAt": "2024-02-01T10:00:00.000Z",
        "createdAt": "2023-08-01T10:00:00.000Z",
        "followersCount": followers,
        "followsCount": 210,
        "postsCount": 1320,
        "labels": [],
    }


ORG_PROFILE = profile(ORG_DID, ORG, "Coalition Vélo Sûr", 4321)
ALLY_PROFILE = profile(ALLY_DID, ALLY, "Parents à vélo", 321)


def author(did: str, handle: str, name: str) -> dict[str, Any]:
    return {"did": did, "handle": handle, "displayName": name, "labels": []}


SHOWN_LINK = "example.org/peti..."
TEXT = f"Des pistes jusqu'à l'école ! #VéloSûr\nSignez : {SHOWN_LINK}"


def _facets(text: str) -> list[dict[str, Any]]:
    """A link facet over the shortened link and a tag facet, in UTF-8 bytes as Bluesky counts."""
    data = text.encode("utf-8")
    link = data.index(SHOWN_LINK.encode("utf-8"))
    tag = data.index("#VéloSûr".encode())
    return [
        {
            "index": {"byteStart": tag, "byteEnd": tag + len("#VéloSûr".encode())},
            "features": [{"$type": "app.bsky.richtext.facet#tag", "tag": "VéloSûr"}],
        },
        {
            "index": {"byteStart": link, "byteEnd": link + len(SHOWN_LINK.encode("utf-8"))},
            "features": [
                {"$type": "app.bsky.richtext.facet#link", "uri": "https://example.org/petition/"}
            ],
        },
    ]


def post(
    rkey: str, by: dict[str, Any], text: str, created: str, likes: int, **record: Any
) -> dict[str, Any]:
    return {
        "uri": f"at://{by['did']}/app.bsky.feed.post/{rkey}",
        "cid": f"bafyreib{rkey}",
        "author": by,
        "record": {"$type": "app.bsky.feed.post", "text": text, "createdAt": created, **record},
        "replyCount": 2,
        "repostCount": 4,
        "likeCount": likes,
        "quoteCount": 1,
        "indexedAt": created,
        "labels": [],
    }


ORG_AUTHOR = author(ORG_DID, ORG, "Coalition Vélo Sûr")
OTHER_AUTHOR = author(OTHER_DID, "someone.example", "Quelqu'un")
NEWER = post("3lnewer2222", ORG_AUTHOR, TEXT, "2026-11-17T14:03:00.000Z", 20, facets=_facets(TEXT))
OLDER = post("3lolder1111", ORG_AUTHOR, "Vélo <3", "2026-11-16T09:30:00Z", 7)
REPOSTED = post("3lrepost333", OTHER_AUTHOR, "Reposté", "2026-11-17T16:00:00.000Z", 90)
SELF_REPOSTED = post("3lselfrep555", ORG_AUTHOR, "Déjà dit", "2026-10-01T08:00:00.000Z", 40)
STRANGER = post("3lstranger4", OTHER_AUTHOR, "Pas à elle", "2026-11-17T18:00:00.000Z", 3)
FEED = {
    "feed": [
        {
            "post": REPOSTED,
            "reason": {
                "$type": "app.bsky.feed.defs#reasonRepost",
                "by": ORG_AUTHOR,
                "indexedAt": "2026-11-17T16:05:00.000Z",
            },
        },
        {"post": OLDER},
        {
            "post": SELF_REPOSTED,  # its own older post, reposted: a repost all the same
            "reason": {
                "$type": "app.bsky.feed.defs#reasonRepost",
                "by": ORG_AUTHOR,
                "indexedAt": "2026-11-16T20:00:00.000Z",
            },
        },
        {"post": STRANGER},
        {"post": NEWER},
        {"post": NEWER},  # the same post twice, as a feed across pages can give it
    ],
    "cursor": "2026-11-16T09:30:00Z",
}

LIST_URI = f"at://{ORG_DID}/app.bsky.graph.list/3kabc"
PACK_URI = f"at://{ORG_DID}/app.bsky.graph.starterpack/3kpack"


def item(did: str, handle: str, name: str) -> dict[str, Any]:
    return {
        "uri": f"at://{ORG_DID}/app.bsky.graph.listitem/{handle[:4]}",
        "subject": author(did, handle, name),
    }


LIST = {
    "list": {
        "uri": LIST_URI,
        "cid": "bafyreilist",
        "name": "Alliés du vélo",
        "purpose": "app.bsky.graph.defs#curatelist",
        "description": "Les comptes qui roulent avec nous.",
        "listItemCount": 42,
        "creator": author(ORG_DID, ORG, "Coalition Vélo Sûr"),
        "indexedAt": "2025-01-01T00:00:00.000Z",
    },
    "items": [
        item(OTHER_DID, "someone.example", "Quelqu'un"),
        item(ALLY_DID, ALLY, "Parents à vélo"),
    ],
    "cursor": "3kitems",
}
PACK = {
    "starterPack": {
        "uri": PACK_URI,
        "cid": "bafyreipack",
        "record": {
            "$type": "app.bsky.graph.starterpack",
            "name": "Vélo au quotidien",
            "description": "Pour bien démarrer.",
            "list": f"at://{ORG_DID}/app.bsky.graph.list/3kpacklist",
            "createdAt": "2025-02-01T00:00:00.000Z",
        },
        "creator": author(ORG_DID, ORG, "Coalition Vélo Sûr"),
        "list": {"uri": f"at://{ORG_DID}/app.bsky.graph.list/3kpacklist", "listItemCount": 12},
        "listItemsSample": [item(ALLY_DID, ALLY, "Parents à vélo")],
        "joinedWeekCount": 3,
        "joinedAllTimeCount": 57,
        "indexedAt": "2025-02-01T00:00:00.000Z",
    }
}
ALLY_AUTHOR = author(ALLY_DID, ALLY, "Parents à vélo")
LIST_POST = post("3llistpost7", ALLY_AUTHOR, "Vélobus mercredi !", "2026-11-17T07:45:00.000Z", 12)
LIST_FEED = {
    "feed": [
        {"post": LIST_POST},
        {
            "post": REPOSTED,  # a member's repost: not a post of the list's
            "reason": {
                "$type": "app.bsky.feed.defs#reasonRepost",
                "by": ALLY_AUTHOR,
                "indexedAt": "2026-11-17T16:10:00.000Z",
            },
        },
        {"post": OLDER},
    ],
    "cursor": "3kfeed",
}
SESSION = {
    "did": LOGIN_DID,
    "handle": LOGIN,
    "email": "login@example.org",
    "accessJwt": FAKE_JWT,
    "refreshJwt": FAKE_REFRESH_JWT,
    "active": True,
}


def found(uri: str, created: str, indexed: str | None = None) -> dict[str, Any]:
    """A post as `searchPosts` returns it (only what counting reads, and some more)."""
    return {
        "uri": uri,
        "cid": "bafyreisearch",
        "author": OTHER_AUTHOR,
        "record": {"$type": "app.bsky.feed.post", "text": "#VéloSûr", "createdAt": created},
        "indexedAt": indexed or created,
        "likeCount": 0,
    }


# Page 1 (latest first) and page 2 of the #VéloSûr search: per UTC day, 11-17: 2, 11-16: 1,
# 11-15: 1 (a post dated in the future, sorted by when it was indexed), 11-11: 1; a post
# seen on both pages counts once, one back-dated past the window is left out.
SEARCH_PAGE_1 = {
    "posts": [
        found("at://did:plc:a/app.bsky.feed.post/1", "2026-11-17T23:59:59.999Z"),
        found("at://did:plc:a/app.bsky.feed.post/2", "2026-11-17T00:00:00Z"),
        found("at://did:plc:a/app.bsky.feed.post/3", "2026-11-16T12:00:00+02:00"),
    ],
    "cursor": "page2",
    "hitsTotal": 6,
}
SEARCH_PAGE_2 = {
    "posts": [
        found("at://did:plc:a/app.bsky.feed.post/3", "2026-11-16T12:00:00+02:00"),
        found(
            "at://did:plc:a/app.bsky.feed.post/4", "2027-01-01T00:00:00Z", "2026-11-15T08:00:00Z"
        ),
        found("at://did:plc:a/app.bsky.feed.post/5", "2026-11-11T00:00:00Z"),
        found("at://did:plc:a/app.bsky.feed.post/6", "2026-11-10T23:59:59Z"),
    ],
    "hitsTotal": 6,
}
SEARCH_QUERY = {"q": "#VéloSûr", "since": SINCE, "until": UNTIL, "sort": "latest", "limit": "100"}

PROFILES = f"{APPVIEW}/app.bsky.actor.getProfiles"
FEED_URL = f"{APPVIEW}/app.bsky.feed.getAuthorFeed"
LIST_URL = f"{APPVIEW}/app.bsky.graph.getList"
LIST_FEED_URL = f"{APPVIEW}/app.bsky.feed.getListFeed"
PACK_URL = f"{APPVIEW}/app.bsky.graph.getStarterPack"
RESOLVE_URL = f"{APPVIEW}/com.atproto.identity.resolveHandle"
SESSION_URL = f"{SERVICE}/com.atproto.server.createSession"
SEARCH_URL = f"{SERVICE}/app.bsky.feed.searchPosts"

ENDPOINTS: dict[str, tuple[str, str, dict[str, Any] | None]] = {
    "profiles": ("GET", PROFILES, None),
    "feed": (
        "GET",
        FEED_URL,
        {"actor": ORG, "limit": "10", "filter": "posts_no_replies"},
    ),
    "resolve": ("GET", RESOLVE_URL, {"handle": ORG}),
    "list": ("GET", LIST_URL, {"list": LIST_URI, "limit": "100"}),
    "list_feed": ("GET", LIST_FEED_URL, {"list": LIST_URI, "limit": "10"}),
    "pack": ("GET", PACK_URL, {"starterPack": PACK_URI}),
    "session": ("POST", SESSION_URL, None),
    "search_1": ("GET", SEARCH_URL, SEARCH_QUERY),
    "search_2": ("GET", SEARCH_URL, {**SEARCH_QUERY, "cursor": "page2"}),
}
ANSWERS: dict[str, dict[str, Any]] = {
    "profiles": {"json": {"profiles": [ORG_PROFILE, ALLY_PROFILE]}},
    "feed": {"json": FEED},
    "resolve": {"json": {"did": ORG_DID}},
    "list": {"json": LIST},
    "list_feed": {"json": LIST_FEED},
    "pack": {"json": PACK},
    "session": {"json": SESSION},
    "search_1": {"json": SEARCH_PAGE_1},
    "search_2": {"json": SEARCH_PAGE_2},
}


def replay_api(mock: responses.RequestsMock, **replaced: Any) -> None:
    """Every endpoint answers as documented (the ghost has no account, so is not among the
    profiles; the organization's handle resolves, though a run that has its profile does not
    ask); `replaced[name]` (response kwargs, or a list of them for successive answers)
    stands in for one endpoint."""
    for name, (method, url, query) in ENDPOINTS.items():
        answers = replaced.get(name, ANSWERS[name])
        match = [matchers.query_param_matcher(query)] if query else []
        for answer in answers if isinstance(answers, list) else [answers]:
            mock.add(method, url, match=match, **answer)


def xrpc_error(status: int, error: str, message: str, **extra: Any) -> dict[str, Any]:
    """A refused or failed request, with XRPC's error body."""
    return {"status": status, "json": {"error": error, "message": message}, **extra}


def body_of(call: Any) -> dict[str, Any]:
    """The JSON body a replayed request sent."""
    body = call.request.body
    return dict(json.loads(body.decode("utf-8") if isinstance(body, bytes) else body))
