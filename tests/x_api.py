"""X API v2 answers as X documents them, replayed at the HTTP level with `responses`.

tweepy's real request and parsing code runs against these; nothing reaches the network.
"""

from __future__ import annotations

from typing import Any

import responses

API = "https://api.twitter.com/2"
FAKE_TOKEN = "AAAAAAAAAAAAAAAAAAAAAFakeBearerTokenForTests0123456789"

ORG_ID = "1700000000000000001"
ALLY_ID = "1700000000000000002"
LIST_ID = "1790000000000000101"


def user(
    user_id: str, username: str, name: str, followers: int, renamed: bool = False
) -> dict[str, Any]:
    posts_key = "post_count" if renamed else "tweet_count"
    return {
        "id": user_id,
        "username": username,
        "name": name,
        "description": f"Le compte de {name} — démo",
        "verified": False,
        "public_metrics": {
            "followers_count": followers,
            "following_count": 310,
            posts_key: 4520,
            "listed_count": 12,
            "like_count": 870,
        },
    }


def post(post_id: str, author_id: str, likes: int, renamed: bool = False) -> dict[str, Any]:
    reposts_key = "repost_count" if renamed else "retweet_count"
    return {
        "id": post_id,
        "text": "Des pistes protégées jusqu'à l'école! #VéloSûr @DemoMairie https://t.co/abc",
        "created_at": "2026-11-20T14:03:00.000Z",
        "author_id": author_id,
        "edit_history_tweet_ids": [post_id],
        "public_metrics": {
            reposts_key: 4,
            "reply_count": 2,
            "like_count": likes,
            "quote_count": 1,
            "bookmark_count": 3,
            "impression_count": 1500,
        },
        "entities": {
            "hashtags": [{"start": 38, "end": 46, "tag": "VéloSûr"}],
            "mentions": [{"start": 47, "end": 58, "username": "DemoMairie", "id": "17"}],
            "urls": [
                {
                    "start": 59,
                    "end": 82,
                    "url": "https://t.co/abc",
                    "expanded_url": "https://example.org/petition/",
                    "display_url": "example.org/petition/",
                }
            ],
        },
    }


NOT_FOUND_USER = {
    "value": "DemoGhost",
    "detail": "Could not find user with usernames: [DemoGhost].",
    "title": "Not Found Error",
    "resource_type": "user",
    "parameter": "usernames",
    "resource_id": "DemoGhost",
    "type": "https://api.twitter.com/2/problems/resource-not-found",
}

USERS = {
    "data": [
        user(ORG_ID, "DemoVeloSur", "Coalition Vélo Sûr", 1234, renamed=True),
        user(ALLY_ID, "DemoParents", "Parents à vélo", 345),
    ],
    "errors": [NOT_FOUND_USER],
}
ORG_POSTS = {
    "data": [
        post("1790000000000000202", ORG_ID, 20, renamed=True),
        post("1790000000000000201", ORG_ID, 7),
    ],
    "meta": {"result_count": 2, "newest_id": "1790000000000000202"},
}
COUNTS = {
    "data": [
        {"start": "2026-11-18T17:10:00.000Z", "end": "2026-11-19T00:00:00.000Z", "tweet_count": 3},
        {"start": "2026-11-19T00:00:00.000Z", "end": "2026-11-20T00:00:00.000Z", "tweet_count": 14},
        {"start": "2026-11-20T00:00:00.000Z", "end": "2026-11-20T17:10:00.000Z", "post_count": 6},
    ],
    "meta": {"total_tweet_count": 23},
}
LIST = {
    "data": {
        "id": LIST_ID,
        "name": "Alliés du vélo",
        "description": "Parents, écoles et commerçants",
        "owner_id": ORG_ID,
        "member_count": 2,
        "follower_count": 31,
    },
}
"""No `includes`: the run asks for no owner expansion (it holds the owner by `owner_id`)."""
LIST_POSTS = {
    "data": [post("1790000000000000301", ALLY_ID, 5)],
    "meta": {"result_count": 1},
}
"""No `includes`: the run asks for no author expansion (the list's members name them)."""
LIST_MEMBERS = {
    "data": [
        {"id": ALLY_ID, "username": "DemoParents", "name": "Parents à vélo"},
        {"id": ORG_ID, "username": "DemoVeloSur", "name": "Coalition Vélo Sûr"},
    ],
    "meta": {"result_count": 2},
}

ENDPOINTS = {
    "users": f"{API}/users/by",
    "users-by-id": f"{API}/users",
    "posts": f"{API}/users/{ORG_ID}/tweets",
    "counts": f"{API}/tweets/counts/recent",
    "list": f"{API}/lists/{LIST_ID}",
    "list-posts": f"{API}/lists/{LIST_ID}/tweets",
    "list-members": f"{API}/lists/{LIST_ID}/members",
}
USERS_BY_ID: dict[str, Any] = {"data": []}
"""`GET /2/users?ids=`: a test that needs an author X must look up replaces it."""
ANSWERS = {
    "users": USERS,
    "users-by-id": USERS_BY_ID,
    "posts": ORG_POSTS,
    "counts": COUNTS,
    "list": LIST,
    "list-posts": LIST_POSTS,
    "list-members": LIST_MEMBERS,
}


def replay_api(mock: responses.RequestsMock, **replaced: Any) -> None:
    """Every endpoint answers as documented; `replaced[name]` (a response kwargs dict, or a
    list of them for successive answers) stands in for one endpoint."""
    for name, url in ENDPOINTS.items():
        answers = replaced.get(name.replace("-", "_"), {"json": ANSWERS[name]})
        for answer in answers if isinstance(answers, list) else [answers]:
            mock.add(responses.GET, url, **answer)


def error_body(status: int, title: str, detail: str) -> dict[str, Any]:
    """X's problem document for a failed request."""
    return {"title": title, "detail": detail, "type": "about:blank", "status": status}
