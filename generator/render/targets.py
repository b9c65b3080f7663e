"""The page that writes to decision-makers: each group, each person with the posts addressed
to them filled in for every network they are on, their follow links and contacts. Pure.

A supporter finds their representative in the page (its script filters on what each entry
carries in `find` and `codes`); nothing they type is sent anywhere.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

from generator.address import Wording, addressed, fill, shown_text
from generator.movement.schema import Movement, Post
from generator.movement.targets import Target
from generator.render.accounts import FollowLink, follow_links, seen_in
from generator.render.posts import default_title
from generator.share import (
    Shareable,
    ShareLink,
    bluesky_link,
    email_to_link,
    mailto,
    mastodon_link,
    x_link,
)
from generator.snapshot.format import Snapshot

_NOT_WORD = re.compile(r"[^\w]+|_+")


@dataclass(frozen=True)
class AddressedWording:
    shown: str
    """As the page shows it and Copy copies it: with the person's first mention."""
    links: list[ShareLink]


@dataclass(frozen=True)
class AddressedPost:
    id: str
    title: str
    wordings: list[AddressedWording]

    @property
    def has_variants(self) -> bool:
        return len(self.wordings) > 1


@dataclass(frozen=True)
class TargetView:
    anchor: str
    name: str
    role: str
    district: str | None
    codes: list[str]
    find: str
    """Its name, role and district folded as the page's script folds what is typed."""
    posts: list[AddressedPost]
    follow: list[FollowLink]
    email: str | None
    mailto: str | None
    """A `mailto:` address to write to them without a post."""
    phone: str | None
    tel: str | None
    """The `tel:` address of `phone`."""


@dataclass(frozen=True)
class TargetGroupView:
    id: str
    name: str
    description: str | None
    people: list[TargetView]


def fold(text: str) -> str:
    """Lower case, accents off, words apart by one space: 'Côte-des-Neiges' → 'cote des
    neiges'. The page's script folds what is typed the same way."""
    bare = "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))
    return " ".join(_NOT_WORD.sub(" ", bare.lower()).split())


def tel_address(phone: str) -> str:
    """`tel:` and the number's digits, with its '+' (RFC 3966)."""
    return "tel:" + ("+" if phone.startswith("+") else "") + "".join(filter(str.isdigit, phone))


_LINKS: dict[str, Callable[[Shareable], ShareLink]] = {
    "x": x_link,
    "bluesky": bluesky_link,
    "mastodon": mastodon_link,
}


def _links(items: dict[str, Shareable], email: str | None) -> list[ShareLink]:
    """A link per network of `items`; email's goes to `email`."""
    return [
        email_to_link(item, email) if network == "email" and email else _LINKS[network](item)
        for network, item in items.items()
    ]


def addressed_post(movement: Movement, post: Post, person: Target, language: str) -> AddressedPost:
    """`post` written to `person` in `language`: each wording with a link per network."""
    tags = tuple(movement.post_hashtags(post, language))
    texts = [post.text[language], *(variant[language] for variant in post.variants)]
    named = fill(texts[0], person.name[language])
    title = post.title[language] if post.title else default_title(named)
    wordings = []
    for text in texts:
        wording = Wording(text, tags, post.url, movement.organization.handle, title)
        items = addressed(wording, person, language)
        links = [link for link in _links(items, person.email) if link.is_offered]
        wordings.append(AddressedWording(shown_text(wording, person, language).full_text(), links))
    return AddressedPost(post.id, title, wordings)


def target_groups(
    movement: Movement, language: str, snapshot: Snapshot | None
) -> list[TargetGroupView]:
    """Every group of `targets` in the file's order, each person with the posts addressed
    to their group and what the latest snapshot read of them."""
    seen = seen_in(snapshot)
    groups = []
    for group in movement.targets:
        posts = movement.addressed_posts(group.id)
        people = []
        for number, person in enumerate(group.people, start=1):
            name, role = person.name[language], person.role[language]
            district = person.district.name[language] if person.district else None
            people.append(
                TargetView(
                    anchor=f"person-{group.id}-{number}",
                    name=name,
                    role=role,
                    district=district,
                    codes=list(person.district.codes) if person.district else [],
                    find=fold(" ".join(filter(None, (name, role, district)))),
                    posts=[addressed_post(movement, post, person, language) for post in posts],
                    follow=follow_links(person, seen),
                    email=person.email,
                    mailto=mailto(person.email) if person.email else None,
                    phone=person.phone,
                    tel=tel_address(person.phone) if person.phone else None,
                )
            )
        description = group.description[language] if group.description else None
        groups.append(TargetGroupView(group.id, group.name[language], description, people))
    return groups
