"""What the accounts and lists pages show from the latest snapshot, for every visitor.

X's embedded list timeline shows nothing to visitors who are not logged in, and loading it
hands their data to X: the lists page renders the list's latest posts here instead, from
the snapshot, as static HTML built at build time.
"""

from __future__ import annotations

import datetime as dt
import html
from dataclasses import dataclass

from babel.dates import format_time, get_timezone_name
from markupsafe import Markup

from generator.i18n import format_day
from generator.intents import x_follow_intent, x_hashtag_url, x_list_url, x_profile_url
from generator.movement.schema import Movement
from generator.render.escape import escape_markdown
from generator.snapshot.format import (
    Account,
    BlueskyList,
    BlueskyPost,
    ListRecord,
    Post,
    Snapshot,
    UserRef,
)


@dataclass(frozen=True)
class Profile:
    """An account as the latest snapshot saw it."""

    user_id: str
    name: str
    description: str
    followers: int | None


@dataclass(frozen=True)
class PostCard:
    """A post of a list, ready to show: author, text with its links, date, figures."""

    author_name: str
    author_username: str
    text: Markup
    created: str
    created_iso: str
    likes: int
    reposts: int
    replies: int
    quotes: int
    url: str


@dataclass(frozen=True)
class ListSnapshot:
    """What the snapshot knows of one X List."""

    name: str
    description: str
    owner: UserRef | None
    member_count: int | None
    follower_count: int | None
    members: list[UserRef]
    posts: list[PostCard]
    follow_url: str


def latest(snapshots: tuple[Snapshot, ...]) -> Snapshot | None:
    """The newest snapshot, if any."""
    return snapshots[-1] if snapshots else None


def profiles(snapshot: Snapshot | None) -> dict[str, Profile]:
    """Profiles by lower-cased username."""
    if snapshot is None or snapshot.x is None:
        return {}
    return {account.username.casefold(): _profile(account) for account in snapshot.x.accounts}


def _profile(account: Account) -> Profile:
    return Profile(
        account.id, account.name, account.description, account.public_metrics.followers_count
    )


def initials(name: str) -> str:
    """One or two letters for a badge in place of a picture (no image loads from X)."""
    letters = [word[0] for word in name.split() if word[:1].isalnum()]
    return "".join(letters[:2]).upper() or "@"


def follow_url(handle: str, profile: Profile | None) -> str:
    """Follow by user id when the snapshot knows it (usernames change), else by username."""
    return x_follow_intent(handle, profile.user_id if profile else None)


def list_snapshots(
    snapshot: Snapshot | None, locale: str, zone: dt.tzinfo
) -> dict[str, ListSnapshot]:
    """The lists of the snapshot by id, their posts rendered."""
    if snapshot is None or snapshot.x is None:
        return {}
    return {record.id: _list_snapshot(record, locale, zone) for record in snapshot.x.lists}


def _list_snapshot(record: ListRecord, locale: str, zone: dt.tzinfo) -> ListSnapshot:
    authors = {author.id: author for author in record.authors}
    return ListSnapshot(
        name=record.name,
        description=record.description,
        owner=record.owner,
        member_count=record.member_count,
        follower_count=record.follower_count,
        members=sorted(record.members, key=lambda m: m.username.casefold()),
        posts=[post_card(post, authors.get(post.author_id), locale, zone) for post in record.posts],
        follow_url=x_list_url(record.id),
    )


def post_card(post: Post, author: UserRef | None, locale: str, zone: dt.tzinfo) -> PostCard:
    """A post with its hashtags, mentions and links made into links, everything escaped."""
    username = author.username if author else "i"
    metrics = post.public_metrics
    return PostCard(
        author_name=author.name if author else "",
        author_username=username,
        text=linked_text(post),
        created=posted_at(post.created_at, locale, zone),
        created_iso=post.created_at.astimezone(zone).isoformat(timespec="minutes"),
        likes=metrics.like_count or 0,
        reposts=metrics.retweet_count or 0,
        replies=metrics.reply_count or 0,
        quotes=metrics.quote_count or 0,
        url=f"https://x.com/{username}/status/{post.id}",
    )


def posted_at(moment: dt.datetime, locale: str, zone: dt.tzinfo) -> str:
    """In the movement's time zone: `23 nov. 2026, 16 h 07 HNE` in fr_CA, `Nov 23, 2026,
    4:07 p.m. EST` in en_CA, for 21:07 UTC in Toronto."""
    local = moment.astimezone(zone)
    day = format_day(local.date(), "medium", locale)
    time = format_time(local, "short", tzinfo=zone, locale=locale)
    return f"{day}, {time} {get_timezone_name(local, 'short', locale=locale)}"


def _link(href: str, text: str) -> str:
    attributes = 'target="_blank" rel="noopener noreferrer nofollow"'
    return f'<a href="{html.escape(href, quote=True)}" {attributes}>{escape_markdown(text)}</a>'


def linked_text(post: Post) -> Markup:
    """The post's text as safe markup: its entities (by code point offsets) become links."""
    text = post.text
    spans: list[tuple[int, int, str]] = []
    for tag in post.entities.hashtags:
        spans.append((tag.start, tag.end, _link(x_hashtag_url(tag.tag), text[tag.start : tag.end])))
    for mention in post.entities.mentions:
        spans.append(
            (
                mention.start,
                mention.end,
                _link(x_profile_url(mention.username), text[mention.start : mention.end]),
            )
        )
    for url in post.entities.urls:
        if url.expanded_url and url.expanded_url.startswith(("http://", "https://")):
            shown = url.display_url or url.expanded_url
            spans.append((url.start, url.end, _link(url.expanded_url, shown)))
    pieces: list[str] = []
    position = 0
    for start, end, link in sorted(spans):
        if start < position or end > len(text):
            continue  # overlapping or out-of-range entity: keep the plain text
        pieces.append(escape_markdown(text[position:start]))
        pieces.append(link)
        position = end
    pieces.append(escape_markdown(text[position:]))
    return Markup("".join(pieces))


@dataclass(frozen=True)
class BlueskyListView:
    """A Bluesky list or starter pack of the movement, with what the snapshot read of it."""

    kind: str
    name: str
    description: str | None
    url: str
    record: BlueskyList | None
    posts: list[PostCard]
    """A list's latest posts, ready to show (none for a starter pack)."""


def bluesky_post_card(
    post: BlueskyPost, names: dict[str, str], locale: str, zone: dt.tzinfo
) -> PostCard:
    """A Bluesky post as the lists page shows it: its text escaped, its figures, its link."""
    return PostCard(
        author_name=names.get(post.author_did, ""),
        author_username=post.author_handle,
        text=Markup(escape_markdown(post.text)),
        created=posted_at(post.created_at, locale, zone),
        created_iso=post.created_at.astimezone(zone).isoformat(timespec="minutes"),
        likes=post.like_count,
        reposts=post.repost_count,
        replies=post.reply_count,
        quotes=post.quote_count,
        url=post.url,
    )


def bluesky_list_views(
    spec: Movement, language: str, snapshot: Snapshot | None
) -> list[BlueskyListView]:
    """The movement's Bluesky lists and starter packs in the file's order."""
    read = snapshot.bluesky.lists if snapshot and snapshot.bluesky else []
    by_key = {(r.kind, r.uri.rsplit("/", 1)[-1]): r for r in read}
    views = []
    for x in spec.bluesky_lists:
        record = by_key.get((x.address.kind, x.address.rkey))
        names = {m.did: m.display_name for m in record.members} if record else {}
        views.append(
            BlueskyListView(
                kind=x.address.kind,
                name=x.name[language],
                description=x.description[language] if x.description else None,
                url=x.url,
                record=record,
                posts=[
                    bluesky_post_card(p, names, spec.locales[language], spec.zone)
                    for p in (record.posts if record else [])
                ],
            )
        )
    return views
