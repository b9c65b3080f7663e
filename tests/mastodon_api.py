"""Mastodon REST API answers as Mastodon documents them, replayed at the HTTP level.

`HttpMastodon` and `JsonHttp` run for real against these; nothing reaches the network. Local
accounts' `acct` is bare (`velosur`), as a server gives its own accounts.
"""

from __future__ import annotations

from typing import Any

import responses
from responses import matchers

ORG_SERVER = "mastodon.example"
ALLY_SERVER = "piaille.example"
ORG_ID = "109000000000000001"
ALLY_ID = "110000000000000002"

NOW = 1_795_000_000.0  # 2026-11-18T11:06:40Z
TODAY = 1_794_960_000  # 2026-11-18T00:00:00Z, the run's own UTC day
DAY = 86_400


def account(account_id: str, username: str, server: str, name: str, followers: int) -> dict:
    return {
        "id": account_id,
        "username": username,
        "acct": username,
        "display_name": name,
        "locked": False,
        "bot": False,
        "created_at": "2022-11-03T00:00:00.000Z",
        "note": f"<p>{name} &amp; amis.</p><p>Pistes protégées<br />pour tous&nbsp;!</p>",
        "url": f"https://{server}/@{username}",
        "uri": f"https://{server}/users/{username}",
        "avatar": f"https://{server}/avatars/original/missing.png",
        "followers_count": followers,
        "following_count": 31,
        "statuses_count": 452,
        "last_status_at": "2026-11-17",
        "emojis": [],
        "fields": [],
    }


ORG = account(ORG_ID, "velosur", ORG_SERVER, "Coalition Vélo Sûr", 1234)
ALLY = account(ALLY_ID, "parents", ALLY_SERVER, "Parents à vélo", 345)

LINK = (
    '<a href="https://example.org/petition/" rel="nofollow noopener" target="_blank">'
    '<span class="invisible">https://</span><span class="ellipsis">example.org/peti</span>'
    '<span class="invisible">tion/</span></a>'
)
HASHTAG = (
    f'<a href="https://{ORG_SERVER}/tags/V%C3%A9loS%C3%BBr" class="mention hashtag" '
    'rel="tag">#<span>VéloSûr</span></a>'
)
MENTION = (
    f'<span class="h-card" translate="no"><a href="https://{ALLY_SERVER}/@parents" '
    'class="u-url mention">@<span>parents</span></a></span>'
)


def status(status_id: str, created_at: str, content: str, favourites: int, **extra: Any) -> dict:
    return {
        "id": status_id,
        "created_at": created_at,
        "in_reply_to_id": None,
        "sensitive": False,
        "spoiler_text": "",
        "visibility": "public",
        "language": "fr",
        "uri": f"https://{ORG_SERVER}/users/velosur/statuses/{status_id}",
        "url": f"https://{ORG_SERVER}/@velosur/{status_id}",
        "replies_count": 2,
        "reblogs_count": 4,
        "favourites_count": favourites,
        "content": content,
        "reblog": None,
        "account": {"id": ORG_ID, "username": "velosur", "acct": "velosur"},
        "media_attachments": [],
        "mentions": [],
        "tags": [],
        **extra,
    }


NEWER = status(
    "113500000000000202",
    "2026-11-17T14:03:00.000Z",
    f"<p>Des pistes protégées jusqu&#39;à l&#39;école&nbsp;! {HASHTAG} {MENTION}</p>"
    f"<p>Signez&nbsp;:<br />{LINK}</p>",
    20,
    quotes_count=1,
)
OLDER = status("113400000000000201", "2026-11-16T09:30:00.000Z", "<p>Vélo &lt;3</p>", 7)
"""From a server older than 4.4: no `quotes_count`."""
STATUSES = [NEWER, OLDER]


def tag(name: str, uses: list[int]) -> dict:
    """A Tag whose history runs from the run's own day back, newest first, as Mastodon sends."""
    history = [
        {"day": str(TODAY - i * DAY), "uses": str(n), "accounts": str(max(1, n // 2))}
        for i, n in enumerate(uses)
    ]
    return {
        "name": name.lower(),
        "url": f"https://{ORG_SERVER}/tags/{name.lower()}",
        "history": history,
        "following": False,
    }


VELOSUR_TAG_ANSWER = tag("VéloSûr", [9, 14, 3, 0, 5, 8, 2])
SAFE_TAG_ANSWER = tag("SafeCycling", [1, 6, 4, 2, 0, 0, 3])

LOOKUP = f"https://{ORG_SERVER}/api/v1/accounts/lookup"
ALLY_LOOKUP = f"https://{ALLY_SERVER}/api/v1/accounts/lookup"
ENDPOINTS: dict[str, tuple[str, dict[str, str] | None]] = {
    "org": (LOOKUP, {"acct": "velosur"}),
    "ally": (ALLY_LOOKUP, {"acct": "parents"}),
    "ghost": (LOOKUP, {"acct": "ghost"}),
    "statuses": (f"https://{ORG_SERVER}/api/v1/accounts/{ORG_ID}/statuses", None),
    "velosur_tag": (f"https://{ORG_SERVER}/api/v1/tags/V%C3%A9loS%C3%BBr", None),
    "safe_tag": (f"https://{ORG_SERVER}/api/v1/tags/SafeCycling", None),
}
NOT_FOUND = {"status": 404, "json": {"error": "Record not found"}}
ANSWERS: dict[str, dict[str, Any]] = {
    "org": {"json": ORG},
    "ally": {"json": ALLY},
    "ghost": NOT_FOUND,
    "statuses": {"json": STATUSES},
    "velosur_tag": {"json": VELOSUR_TAG_ANSWER},
    "safe_tag": {"json": SAFE_TAG_ANSWER},
}


def replay_api(mock: responses.RequestsMock, **replaced: Any) -> None:
    """Every endpoint answers as documented (the ghost account is unknown: 404);
    `replaced[name]` (response kwargs, or a list of them for successive answers) stands in
    for one endpoint."""
    for name, (url, query) in ENDPOINTS.items():
        answers = replaced.get(name, ANSWERS[name])
        match = [matchers.query_param_matcher(query)] if query else []
        for answer in answers if isinstance(answers, list) else [answers]:
            mock.add(responses.GET, url, match=match, **answer)


def refusal(status: int, message: str) -> dict[str, Any]:
    """A refused request, with Mastodon's error body."""
    return {"status": status, "json": {"error": message}}
