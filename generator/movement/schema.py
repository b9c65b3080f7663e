"""The movement file, format v1: one typed model per mapping of `movement.yml`.

Keys are a contract with every organization's files: extend the format, never rename a key.
Each field's docstring becomes its description in `movement.schema.json`.
"""

from __future__ import annotations

import datetime as dt
from functools import cached_property
from typing import Any, Literal

from pydantic import ConfigDict, Field, field_validator

from generator.movement.dates import DEFAULT_TIMEZONE, EventDate, TimeZoneName, zone
from generator.movement.fields import Language, LocalizedText, check_language_keys
from generator.movement.names import Hashtag, Slug
from generator.movement.schema_accounts import (
    Account,
    BlueskyList,
    Network,
    Organization,
    Stats,
    XList,
)
from generator.movement.strict import Strict as _Strict
from generator.movement.targets import TargetGroup
from generator.movement.urls import STATUS_URL_PATTERN, StatusUrl, WebUrl

FORMAT_VERSION = 1
MAX_VARIANTS = 9
PRINTED_POSTS = 3
"""Wordings a post may add to its text: the card offers each as a choice (the CSS has room
for ten)."""

PaletteColor = Literal[
    "red", "pink", "purple", "deep purple", "indigo", "blue", "light blue", "cyan", "teal",
    "green", "light green", "lime", "yellow", "amber", "orange", "deep orange", "brown",
    "grey", "blue grey", "black", "white",
]  # fmt: skip
AccentColor = Literal[
    "red", "pink", "purple", "deep purple", "indigo", "blue", "light blue", "cyan", "teal",
    "green", "light green", "lime", "yellow", "amber", "orange", "deep orange",
]  # fmt: skip

DEFAULT_LOCALES = {"fr": "fr_CA", "en": "en_CA"}


class HashtagEntry(_Strict):
    """A hashtag of the movement."""

    tag: Hashtag
    """The tag without '#', in CamelCase so screen readers read each word: NursingWeek."""
    lang: Language | None = None
    """Show it only on the pages of this language (fr or en)."""
    primary: bool = False
    """A primary hashtag is the movement's identity: it heads its pages and is measured."""
    note: LocalizedText | None = None
    """When and why to use it."""


class Post(_Strict):
    """A ready-to-share post."""

    id: Slug
    """A short name, unique in the file (lower-case letters, digits, '-')."""
    title: LocalizedText | None = None
    """What the post is about, as the heading of its card (a few words); without it, the
    heading is the start of the text."""
    text: LocalizedText
    """The text of the post, without the hashtags and link listed below."""
    url: WebUrl | None = None
    """A link added at the end of the post (X counts it as 23 characters)."""
    hashtags: list[Hashtag] = Field(default_factory=list)
    """Tags added at the end of the post, without '#'; one declared in `hashtags` with a `lang`
    is added only to the post in that language."""
    variants: list[LocalizedText] = Field(default_factory=list, max_length=MAX_VARIANTS)
    """Other wordings of the same post, so supporters do not all post identical copy (at
    most 9: the card offers each as a choice)."""
    image: str | None = None
    """A photo drawn at the top of the post's images (PNG, JPEG or WebP), relative to the
    movement folder."""
    print: bool = False
    """Put this post on the printable one-pager (at most 3; without any, the first three)."""
    targets: list[Slug] = Field(default_factory=list)
    """The groups of `targets` this post is addressed to, by their `id`: its text says
    `{target}` where each person's handle goes (their name, by email). It is shared from the
    page that writes to them, not from the Posts page, and has no images."""

    @property
    def is_addressed(self) -> bool:
        """Whether it is written to decision-makers (`{target}` filled in per person)."""
        return bool(self.targets)


class Conversation(_Strict):
    """A post on X that supporters are invited to quote or reply to."""

    post: StatusUrl
    """The address of the post: https://x.com/username/status/1234567890."""
    action: Literal["quote", "reply"]
    """quote (your post above theirs) or reply (yours in their thread)."""
    prompt: LocalizedText
    """What to say, as a suggestion to supporters."""

    @property
    def status_id(self) -> str:
        """The numeric id of the post, taken from its address."""
        match = STATUS_URL_PATTERN.fullmatch(self.post)
        assert match is not None  # validated at load
        return match["id"]

    @property
    def author(self) -> str:
        """The username in the post's address."""
        match = STATUS_URL_PATTERN.fullmatch(self.post)
        assert match is not None  # validated at load
        return match["author"]


class Ask(_Strict):
    """The one thing the home page asks supporters to do, as a big button at its top."""

    label: LocalizedText
    """The button's words, a verb first: Sign the petition, Come to the rally."""
    url: WebUrl
    """Where the button leads: the petition, the event's page."""


class KeyDate(_Strict):
    """A date of the campaign, shown on the home page until it has passed."""

    label: LocalizedText
    """What happens then: Council vote on the bike lane budget."""
    date: EventDate
    """The day, YYYY-MM-DD, and optionally its time HH:MM in the movement's `timezone`:
    2027-02-16 or 2027-02-16 19:00."""
    url: WebUrl | None = None
    """A page about it: the event, the agenda."""


class PrintOptions(_Strict):
    """The printable one-pager."""

    paper: Literal["letter", "a4"] = "letter"
    """The PDF's paper size: letter (US Letter, the default) or a4."""


class Theme(_Strict):
    """The look of the movement's site."""

    primary: PaletteColor | None = None
    """Material palette name of the main colour, like 'indigo' or 'deep orange'."""
    accent: AccentColor | None = None
    """Material palette name of the accent colour."""
    logo: str | None = None
    """Path of a logo image (SVG, PNG, JPEG, WebP or GIF), relative to the movement folder."""


class Movement(_Strict):
    """A social movement's campaign: what Porte-voix turns into a bilingual toolkit site."""

    model_config = ConfigDict(title="Porte-voix movement (format v1)")

    languages: list[Language] = Field(default_factory=lambda: ["fr", "en"], min_length=1)
    """Languages of the site, the first is the default one: [fr, en], [en, fr], [fr] or [en]."""
    name: LocalizedText
    """The movement's name."""
    tagline: LocalizedText
    """One sentence that says what the movement wants."""
    description: LocalizedText | None = None
    """A paragraph for the home page."""
    ask: Ask | None = None
    """The home page's main button; without it, the button leads to the posts to share."""
    dates: list[KeyDate] = Field(default_factory=list)
    """Key dates of the campaign; the home page shows the next ones."""
    timezone: TimeZoneName = DEFAULT_TIMEZONE
    """The IANA time zone of the campaign's dates and of the times its pages show, like
    America/Toronto (the default) or Europe/Paris."""
    organization: Organization
    site_url: WebUrl | None = None
    """The absolute address where the site is published (social cards need it)."""
    hashtags: list[HashtagEntry] = Field(min_length=1)
    """The movement's hashtags; at least one for each language."""
    posts: list[Post] = Field(default_factory=list)
    """Ready-to-share posts."""
    questions: list[LocalizedText] = Field(default_factory=list)
    """Questions supporters can ask their followers."""
    conversations: list[Conversation] = Field(default_factory=list)
    """Posts to quote or reply to."""
    accounts: list[Account] = Field(default_factory=list)
    """Recommended accounts to follow."""
    lists: list[XList] = Field(default_factory=list)
    """X Lists readable by everyone."""
    bluesky_lists: list[BlueskyList] = Field(default_factory=list)
    """Bluesky lists and starter packs readable by everyone."""
    targets: list[TargetGroup] = Field(default_factory=list)
    """Decision-makers supporters are asked to write to, in groups: a council, a cabinet."""
    stats: Stats = Field(default_factory=Stats)
    """What the activity dashboard measures."""
    theme: Theme = Field(default_factory=Theme)
    """Colours and logo."""
    print: PrintOptions = Field(default_factory=PrintOptions)
    """The printable one-pager's paper size."""
    locales: dict[Language, str] = Field(default_factory=lambda: dict(DEFAULT_LOCALES))
    """Babel locale per language for numbers and dates, like {fr: fr_CA, en: en_CA}."""

    @field_validator("locales", mode="before")
    @classmethod
    def _check_locale_languages(cls, value: Any) -> Any:
        return check_language_keys(value)

    @field_validator("locales")
    @classmethod
    def _fill_default_locales(cls, value: dict[str, str]) -> dict[str, str]:
        return {**DEFAULT_LOCALES, **value}

    @property
    def zone(self) -> dt.tzinfo:
        """The time zone of `timezone`."""
        return zone(self.timezone)

    @property
    def default_language(self) -> str:
        """The language served at the root of the site."""
        return self.languages[0]

    def hashtags_for(self, language: str) -> list[HashtagEntry]:
        """The hashtags shown on pages of `language`, primary ones first."""
        shown = [h for h in self.hashtags if h.lang in (None, language)]
        return sorted(shown, key=lambda h: not h.primary)

    def primary_hashtag(self, language: str) -> HashtagEntry:
        """The hashtag that stands for the movement in `language`."""
        return self.hashtags_for(language)[0]

    @cached_property
    def _tag_languages(self) -> dict[str, str | None]:
        """Each declared tag, case-folded, and its language: built once, not once per post."""
        return {h.tag.casefold(): h.lang for h in self.hashtags}

    @property
    def shared_posts(self) -> list[Post]:
        """The posts of the Posts page: those addressed to no one."""
        return [post for post in self.posts if not post.is_addressed]

    def addressed_posts(self, group: str) -> list[Post]:
        """The posts addressed to the group of `targets` whose id is `group`."""
        return [post for post in self.posts if group in post.targets]

    @property
    def printed_posts(self) -> list[Post]:
        """The one-pager's posts: those with `print: true`, else the first three shared."""
        chosen = [post for post in self.shared_posts if post.print]
        return (chosen or self.shared_posts)[:PRINTED_POSTS]

    def post_hashtags(self, post: Post, language: str) -> list[str]:
        """The tags added to `post` in `language`: those not declared for another language."""
        declared = self._tag_languages
        return [tag for tag in post.hashtags if declared.get(tag.casefold()) in (None, language)]

    def stats_accounts(self) -> list[str]:
        """X usernames the snapshot follows."""
        return list(self.stats.accounts or [self.organization.handle])

    def identities(self, network: Network) -> list[str]:
        """Every identity of the file on `network`: the organization's first, each once."""
        org = self.organization
        found = [{"x": org.handle, "bluesky": org.bluesky, "mastodon": org.mastodon}[network]]
        found += [a.identities().get(network) for a in self.accounts]
        unique: dict[str, str] = {}
        for value in found:
            if value:
                unique.setdefault(value.casefold(), value)
        return list(unique.values())

    def profiled(self, network: Network) -> list[str]:
        """The identities whose profiles the snapshot reads on `network`: every identity of
        the file, and with `stats.targets` (not on X, whose reads are paid) the targets'."""
        found = self.identities(network)
        if self.stats.targets and network != "x":
            seen = {value.casefold() for value in found}
            for group in self.targets:
                for person in group.people:
                    value = {"bluesky": person.bluesky, "mastodon": person.mastodon}[network]
                    if value and value.casefold() not in seen:
                        seen.add(value.casefold())
                        found.append(value)
        return found

    def networks(self) -> list[Network]:
        """The networks the snapshot reads, in a fixed order."""
        if self.stats.networks is not None:
            return [n for n in ("x", "bluesky", "mastodon") if n in self.stats.networks]
        named: list[Network] = ["x"]
        if self.profiled("bluesky") or self.bluesky_lists:
            named.append("bluesky")
        if self.profiled("mastodon"):
            named.append("mastodon")
        return named

    def stats_bluesky_accounts(self) -> list[str]:
        """Bluesky handles whose posts the snapshot reads."""
        if self.stats.bluesky.accounts is not None:
            return list(self.stats.bluesky.accounts)
        return [self.organization.bluesky] if self.organization.bluesky else []

    def stats_mastodon_accounts(self) -> list[str]:
        """Mastodon addresses whose posts the snapshot reads."""
        if self.stats.mastodon.accounts is not None:
            return list(self.stats.mastodon.accounts)
        return [self.organization.mastodon] if self.organization.mastodon else []

    def stats_mastodon_server(self) -> str | None:
        """The server whose hashtag figures the snapshot reads."""
        if self.stats.mastodon.server:
            return self.stats.mastodon.server.lower()
        address = self.organization.mastodon
        return address.rsplit("@", 1)[-1] if address else None

    def stats_hashtags(self) -> list[str]:
        """Tags whose volume the snapshot counts."""
        if self.stats.hashtags is not None:
            return list(self.stats.hashtags)
        primaries = [h.tag for h in self.hashtags if h.primary] or [self.hashtags[0].tag]
        return list(dict.fromkeys(primaries))
