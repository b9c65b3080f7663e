"""What a page template sees: the movement's data resolved for one language, links made."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from generator.i18n import list_names
from generator.intents import (
    x_hashtag_url,
    x_like_intent,
    x_list_url,
    x_post_intent,
    x_profile_url,
    x_repost_intent,
    x_search_url,
)
from generator.layout import KIT_FILES_FROM_PAGE
from generator.movement.fields import LocalizedText
from generator.movement.load import LoadedMovement
from generator.movement.schema import Conversation, Movement
from generator.movement.schema_accounts import NETWORK_NAMES, XList
from generator.render.accounts import AccountView, account_views
from generator.render.follow import (
    ListSnapshot,
    bluesky_list_views,
    list_snapshots,
)
from generator.render.home import ask_view, next_dates
from generator.render.organization import sentence_names
from generator.render.posts import post_view
from generator.render.targets import target_groups
from generator.share import (
    Shareable,
    ShareLink,
    bluesky_hashtag_url,
    bluesky_link,
    mastodon_link,
    x_link,
)
from generator.snapshot.format import Snapshot, has_figures
from generator.text import MAX_WEIGHTED_LENGTH


@dataclass(frozen=True)
class HashtagView:
    tag: str
    primary: bool
    note: str | None
    x_url: str
    bluesky_url: str
    search_url: str
    links: list[ShareLink]


@dataclass(frozen=True)
class QuestionView:
    text: str
    links: list[ShareLink]


@dataclass(frozen=True)
class ConversationView:
    post: str
    action: str
    prompt: str
    author: str
    x_intent: str
    repost_intent: str
    like_intent: str


@dataclass(frozen=True)
class ListView:
    id: str
    name: str
    description: str | None
    owner: str | None
    x_url: str
    snapshot: ListSnapshot | None


@dataclass(frozen=True)
class MovementView:
    slug: str
    name: str
    tagline: str
    description: str | None


@dataclass(frozen=True)
class OrganizationView:
    name: str
    handle: str
    url: str
    profile_url: str
    called: str
    """As a sentence names it: la Coalition, l'AIIAO, the Coalition, RNAO."""
    subject: str
    """At the start of a sentence: La Coalition, The Coalition."""
    of: str
    """After de / of: de la Coalition, du Collectif, of RNAO."""
    plural: bool
    """Whether French verbs agree in the plural with it (les Amis … utilisent)."""


def _pick(text: LocalizedText | None, language: str) -> str | None:
    return None if text is None else text[language]


def page_context(
    loaded: LoadedMovement,
    language: str,
    snapshot: Snapshot | None = None,
    *,
    now: dt.datetime,
    pages: frozenset[str],
) -> dict[str, Any]:
    """The variables every page template of `loaded` in `language` may use; accounts and
    lists show what `snapshot` (the latest) saw of them, the home page the dates after
    `now`, and links lead only to `pages` (the source paths the site has)."""
    spec = loaded.spec
    lists_seen = list_snapshots(snapshot, spec.locales[language], spec.zone)
    via = spec.organization.handle
    subject = spec.name[language]
    hashtags = _hashtag_views(spec, language)
    accounts = account_views(spec, language, snapshot)
    return {
        "language": language,
        "locale": spec.locales[language],
        "max_x_length": MAX_WEIGHTED_LENGTH,
        "kit_files": KIT_FILES_FROM_PAGE,
        "movement": _movement_view(loaded, language),
        "organization": _organization_view(spec, language),
        "primary_hashtag": spec.primary_hashtag(language).tag,
        "hashtags": hashtags,
        "posts": [
            post_view(post, spec.post_hashtags(post, language), language, via, subject, loaded.slug)
            for post in spec.shared_posts
        ],
        "questions": [
            QuestionView(text=q[language], links=_question_links(q[language], subject))
            for q in spec.questions
        ],
        "conversations": [_conversation_view(c, language) for c in spec.conversations],
        "accounts": accounts,
        "account_groups": group_in_order(accounts),
        "lists": [_list_view(x, language, lists_seen.get(x.id)) for x in spec.lists],
        "bluesky_lists": bluesky_list_views(spec, language, snapshot),
        "target_groups": target_groups(spec, language, snapshot),
        "snapshot_source": snapshot.source if snapshot else None,
        "snapshot_networks": list_names(
            [NETWORK_NAMES[n] for n, part in snapshot.parts().items() if has_figures(part)]
            if snapshot
            else [],
            language,
        ),
        # The day where the movement is, not in UTC: a snapshot taken at 02:00 UTC was
        # taken the evening before in Toronto.
        "snapshot_day": snapshot.fetched_at.astimezone(spec.zone).date() if snapshot else None,
        "ask": ask_view(spec, language, pages),
        "next_dates": next_dates(spec, language, spec.locales[language], now),
        "kit_pages": kit_pages(pages),
        "stats_accounts": spec.stats_accounts(),
        "stats_hashtags": spec.stats_hashtags(),
        "stats_bluesky": spec.stats_bluesky_accounts(),
        "stats_mastodon": [a.lstrip("@") for a in spec.stats_mastodon_accounts()],
        "stats_networks": spec.networks(),
    }


def kit_pages(pages: frozenset[str]) -> frozenset[str]:
    """The kit pages among `pages`, by name: `kit/lists.md` → `lists`; templates link to a
    kit page only when its name is in it."""
    return frozenset(
        path.removeprefix("kit/").removesuffix(".md") for path in pages if path.startswith("kit/")
    )


def _movement_view(loaded: LoadedMovement, language: str) -> MovementView:
    spec = loaded.spec
    return MovementView(
        slug=loaded.slug,
        name=spec.name[language],
        tagline=spec.tagline[language],
        description=_pick(spec.description, language),
    )


def _organization_view(spec: Movement, language: str) -> OrganizationView:
    org = spec.organization
    names = sentence_names(org.name[language], _pick(org.short_name, language), language)
    return OrganizationView(
        name=org.name[language],
        handle=org.handle,
        url=org.url,
        profile_url=x_profile_url(org.handle),
        called=names.called,
        subject=names.subject,
        of=names.of,
        plural=names.plural,
    )


def _hashtag_views(spec: Movement, language: str) -> list[HashtagView]:
    return [
        HashtagView(
            tag=h.tag,
            primary=h.primary,
            note=_pick(h.note, language),
            x_url=x_hashtag_url(h.tag),
            bluesky_url=bluesky_hashtag_url(h.tag),
            search_url=x_search_url(f"#{h.tag}"),
            links=[x_link(Shareable("", (h.tag,))), bluesky_link(Shareable("", (h.tag,)))],
        )
        for h in spec.hashtags_for(language)
    ]


def _conversation_view(conversation: Conversation, language: str) -> ConversationView:
    c, prompt = conversation, conversation.prompt[language]
    return ConversationView(
        post=c.post,
        action=c.action,
        prompt=prompt,
        author=c.author,
        x_intent=(
            x_post_intent(prompt, url=c.post)
            if c.action == "quote"
            else x_post_intent(prompt, in_reply_to=c.status_id)
        ),
        repost_intent=x_repost_intent(c.status_id),
        like_intent=x_like_intent(c.status_id),
    )


def _list_view(x_list: XList, language: str, snapshot: ListSnapshot | None) -> ListView:
    return ListView(
        id=x_list.id,
        name=x_list.name[language],
        description=_pick(x_list.description, language),
        owner=x_list.owner,
        x_url=x_list_url(x_list.id),
        snapshot=snapshot,
    )


def group_in_order(accounts: list[AccountView]) -> list[tuple[str | None, list[AccountView]]]:
    """Accounts grouped by `group`, groups in the order the file first names them."""
    groups: dict[str | None, list[AccountView]] = {}
    for account in accounts:
        groups.setdefault(account.group, []).append(account)
    return list(groups.items())


def _question_links(text: str, subject: str) -> list[ShareLink]:
    item = Shareable(text, subject=subject)
    return [
        link for link in (x_link(item), bluesky_link(item), mastodon_link(item)) if link.is_offered
    ]
