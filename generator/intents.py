"""Links that act on X in one click (web intents): no API key, nothing loads before the click."""

from __future__ import annotations

from collections.abc import Sequence
from urllib.parse import quote, urlencode

X = "https://x.com"


def query_string(params: dict[str, str]) -> str:
    """Percent-encoded parameters (spaces as %20), empty ones left out."""
    return urlencode({k: v for k, v in params.items() if v}, quote_via=quote)


def x_post_intent(
    text: str,
    *,
    hashtags: Sequence[str] = (),
    url: str | None = None,
    via: str | None = None,
    in_reply_to: str | None = None,
) -> str:
    """A link that opens X's composer with the post filled in (a reply with `in_reply_to`)."""
    query = query_string(
        {
            "text": text,
            "url": url or "",
            "hashtags": ",".join(hashtags),
            "via": via or "",
            "in_reply_to": in_reply_to or "",
        }
    )
    return f"{X}/intent/tweet?{query}"


def x_repost_intent(status_id: str) -> str:
    """A link to repost a post."""
    return f"{X}/intent/retweet?{query_string({'tweet_id': status_id})}"


def x_like_intent(status_id: str) -> str:
    """A link to like a post."""
    return f"{X}/intent/like?{query_string({'tweet_id': status_id})}"


def x_follow_intent(handle: str, user_id: str | None = None) -> str:
    """A link to follow an account; X prefers the stable `user_id` when it is known."""
    params = {"user_id": user_id} if user_id else {"screen_name": handle}
    return f"{X}/intent/follow?{query_string(params)}"


def x_profile_url(handle: str) -> str:
    """The account's page on X."""
    return f"{X}/{quote(handle)}"


def x_hashtag_url(tag: str) -> str:
    """The live conversation of a hashtag on X."""
    return f"{X}/hashtag/{quote(tag)}"


def x_search_url(query: str) -> str:
    """X's live search for `query`, latest posts first."""
    return f"{X}/search?{query_string({'q': query, 'f': 'live'})}"


def x_list_url(list_id: str) -> str:
    """A list's page on X."""
    return f"{X}/i/lists/{quote(list_id)}"
