"""Mastodon's JSON answers, checked at the door and turned into the snapshot format.

Only the fields the format keeps are read; anything else a server adds is ignored. A body
that lacks what Mastodon documents raises `MalformedResponse`, so one odd answer is recorded,
never a crash. Mastodon writes posts and bios in HTML: they are kept as plain text.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from html.parser import HTMLParser
from typing import Any, TypeVar

from pydantic import ValidationError

from generator.snapshot.api import MalformedResponse, Payload
from generator.snapshot.format_social import (
    MastodonAccount,
    MastodonPost,
    MastodonTagCounts,
    TagDay,
)

T = TypeVar("T")

PARAGRAPHS = frozenset({"p", "blockquote", "pre", "ul", "ol", "h1", "h2", "h3", "h4", "h5"})
"""Tags whose start and end are a blank line in the text (what Mastodon's sanitizer keeps)."""
LINES = frozenset({"br", "li"})
"""Tags that start a new line."""
LINE, PARAGRAPH = "\x00", "\x01"
"""Marks of a line and paragraph break while the text is collected (never in a post)."""
HTML_SPACE = re.compile(r"[ \t\n\r\f]+")
BREAKS = re.compile(rf" *[{LINE}{PARAGRAPH}][ {LINE}{PARAGRAPH}]*")


def checked(parse: Callable[[], T]) -> T:
    """Run `parse`, turning any surprise in Mastodon's body into `MalformedResponse`."""
    try:
        return parse()
    except (ValidationError, KeyError, TypeError, AttributeError, ValueError) as error:
        detail = str(error).splitlines()[0]
        raise MalformedResponse(f"Mastodon's answer lacks a documented field ({detail})") from None


class _PlainText(HTMLParser):
    """The text of a post's or bio's HTML: every tag dropped, its breaks kept."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.pre = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in PARAGRAPHS:
            self.parts.append(PARAGRAPH)
        elif tag in LINES:
            self.parts.append(LINE)
        self.pre += tag == "pre"

    def handle_endtag(self, tag: str) -> None:
        if tag in PARAGRAPHS:
            self.parts.append(PARAGRAPH)
        if tag == "pre" and self.pre:
            self.pre -= 1

    def handle_data(self, data: str) -> None:
        data = data.replace(LINE, "").replace(PARAGRAPH, "")
        self.parts.append(data if self.pre else HTML_SPACE.sub(" ", data))


def _break(match: re.Match[str]) -> str:
    """A run of breaks: a blank line if a paragraph ends in it, else one newline per line."""
    marks = match.group().replace(" ", "")
    return "\n\n" if PARAGRAPH in marks else "\n" * len(marks)


def plain_text(html: str) -> str:
    """`html` as text: `<br>` a newline, paragraphs apart by a blank line, entities unescaped.

    Every text node is kept whole, so a link Mastodon shortens on screen (its "invisible"
    and "ellipsis" spans) reads as its full address.
    """
    parser = _PlainText()
    parser.feed(html)
    parser.close()
    return BREAKS.sub(_break, "".join(parser.parts)).strip()


def qualified(acct: str, server: str) -> str:
    """`user@server` from an `acct`, which Mastodon gives bare for the server's own accounts."""
    return acct if "@" in acct else f"{acct}@{server}"


def _count(raw: dict[str, Any], key: str) -> int:
    """A post's figure; `quotes_count` came with Mastodon 4.4, older servers leave it out."""
    value = raw.get(key)
    return 0 if value is None else int(value)


def _text(value: Any) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise TypeError(f"expected text, got {type(value).__name__}")
    return plain_text(value)


def parse_account(payload: Payload, server: str) -> MastodonAccount:
    """The Account of a `GET /api/v1/accounts/lookup` answer on `server`."""
    return checked(
        lambda: MastodonAccount(
            id=str(payload["id"]),
            acct=qualified(payload["acct"], server),
            url=payload["url"],
            display_name=payload.get("display_name") or "",
            note=_text(payload.get("note")),
            followers_count=payload.get("followers_count"),
            following_count=payload.get("following_count"),
            statuses_count=payload.get("statuses_count"),
        )
    )


def _post(raw: dict[str, Any], server: str) -> MastodonPost:
    return MastodonPost(
        id=str(raw["id"]),
        url=raw.get("url") or raw["uri"],
        account=qualified(raw["account"]["acct"], server),
        text=_text(raw["content"]),
        created_at=raw["created_at"],
        favourites_count=_count(raw, "favourites_count"),
        reblogs_count=_count(raw, "reblogs_count"),
        replies_count=_count(raw, "replies_count"),
        quotes_count=_count(raw, "quotes_count"),
    )


def parse_statuses(payload: Payload, server: str) -> list[MastodonPost]:
    """The posts of a `GET /api/v1/accounts/:id/statuses` answer (`items`), newest first.

    A boost (`reblog` set) is left out should a server send one despite `exclude_reblogs`.
    """
    items = payload.get("items")
    if not isinstance(items, list) or not all(isinstance(item, dict) for item in items):
        raise MalformedResponse("Mastodon's answer is not a list of statuses")
    posts = checked(lambda: [_post(raw, server) for raw in items if raw.get("reblog") is None])
    return newest_first(posts)


def newest_first(posts: list[MastodonPost]) -> list[MastodonPost]:
    """`posts` once each, the latest first (ids are not numbers on every server)."""
    unique = {post.id: post for post in posts}
    return sorted(unique.values(), key=lambda post: post.created_at, reverse=True)


def _day(raw: dict[str, Any]) -> TagDay:
    day = dt.datetime.fromtimestamp(int(raw["day"]), dt.UTC).date()
    accounts = raw.get("accounts")
    return TagDay(
        day=day, count=int(raw["uses"]), accounts=None if accounts is None else int(accounts)
    )


def parse_tag(payload: Payload, server: str, tag: str, now: float) -> MastodonTagCounts:
    """A `GET /api/v1/tags/:name` answer as posts per UTC day, oldest first.

    The history's strings become numbers; the run's own day (UTC, `now` in Unix seconds) is
    left out, as it is not over yet.
    """
    history = payload.get("history")
    if not isinstance(history, list) or not all(isinstance(day, dict) for day in history):
        raise MalformedResponse("Mastodon's answer has no 'history' list of days")
    today = dt.datetime.fromtimestamp(now, dt.UTC).date()
    days = checked(lambda: [_day(raw) for raw in history])
    kept = sorted((d for d in days if d.day < today), key=lambda d: d.day)
    return MastodonTagCounts(tag=tag, server=server, days=kept)
