"""Decision-makers a movement addresses: groups of people (a council, a cabinet), each with
a role, a district a supporter can find them by, and the ways to reach them (format v1,
extended).

A post whose `targets` names groups is written with `{target}` where each person's handle
goes (or their name, by email); `generator.address` fills it in.
Each field's docstring becomes its description in `movement.schema.json`.
"""

from __future__ import annotations

import re
from typing import Annotated, ClassVar

from pydantic import AfterValidator, BeforeValidator, Field, WithJsonSchema, model_validator

from generator.movement.fields import LocalizedText, field_error, refuse_invisible
from generator.movement.identities import DOMAIN_PATTERN, MastodonAddress, check_bluesky
from generator.movement.names import Handle, Slug, digits_to_text
from generator.movement.strict import Strict as _Strict

EMAIL_PATTERN = re.compile(r"[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@(?P<domain>[^@\s]+)")
PHONE_PATTERN = re.compile(r"\+?[0-9][0-9 .()-]*[0-9]")
CODE_PATTERN = re.compile(r"[A-Za-z0-9]{1,10}")
MAX_PEOPLE = 500
"""People in one group: a parliament is a few hundred; more would make a page no phone opens."""


def _check_mention_handle(value: str) -> str:
    """A Bluesky handle a post can mention: a DID cannot be written in a post."""
    if value.startswith("did:"):
        raise field_error(
            "bluesky_target_did",
            "'{value}' is a DID, which a post cannot mention; write the person's handle, "
            "like name.bsky.social",
            value=value,
        )
    return check_bluesky(value)


def _check_email(value: str) -> str:
    refuse_invisible(value)
    bare = value.removeprefix("mailto:")
    match = EMAIL_PATTERN.fullmatch(bare)
    if value.startswith("mailto:") and match:
        raise field_error(
            "email_mailto", "write the address without 'mailto:': '{bare}'", bare=bare
        )
    if not match or not DOMAIN_PATTERN.fullmatch(match["domain"]):
        raise field_error(
            "email_address",
            "'{value}' is not an email address: name@domain, like conseil@ville.example",
            value=value,
        )
    return value


def _check_phone(value: str) -> str:
    refuse_invisible(value)
    if not PHONE_PATTERN.fullmatch(value) or sum(c.isdigit() for c in value) < 3:
        raise field_error(
            "phone_number",
            "'{value}' is not a phone number: digits, with spaces, '-', '.', '(' or ')' and "
            "a '+' before the country code, like +1 555 010 0123",
            value=value,
        )
    return value


def _check_code(value: str) -> str:
    refuse_invisible(value)
    compact = value.replace(" ", "")
    if not CODE_PATTERN.fullmatch(compact):
        raise field_error(
            "district_code",
            "'{value}' is not a code to find a district by: up to 10 letters and digits, "
            "like a ward number (3) or the start of a postal code (H2X)",
            value=value,
        )
    return compact.upper()


MentionHandle = Annotated[str, AfterValidator(_check_mention_handle)]
"""A Bluesky handle in lower case (not a DID: posts mention handles)."""
EmailAddress = Annotated[str, AfterValidator(_check_email)]
PhoneNumber = Annotated[str, AfterValidator(_check_phone)]
DistrictCode = Annotated[
    str,
    BeforeValidator(digits_to_text),
    AfterValidator(_check_code),
    WithJsonSchema({"anyOf": [{"type": "string"}, {"type": "integer", "minimum": 0}]}),
]
"""A ward number or the start of a postal code, in capitals and without spaces."""


class District(_Strict):
    """The part of the territory a person represents."""

    name: LocalizedText
    """Its name as its residents know it: Ward 3, Riverside."""
    codes: list[DistrictCode] = Field(default_factory=list, max_length=200)
    """What a supporter may type to find it, besides its name: its ward number (3) or the
    first letters of its postal codes (H2X). A number must be typed whole; letters and
    digits match from the start of a postal code."""


class Target(_Strict):
    """A decision-maker supporters are asked to write to."""

    unknown_key_hint: ClassVar[str] = (
        "a person is reached by handle (X), bluesky, mastodon, email or phone"
    )

    name: LocalizedText
    """The person's name, or an office's (Mayor's office)."""
    role: LocalizedText
    """What they decide as: Councillor, Minister of Transport."""
    district: District | None = None
    """The district they represent; without it they are found by name only."""
    handle: Handle | None = None
    """Their X username, without '@'."""
    bluesky: MentionHandle | None = None
    """Their Bluesky handle, like name.bsky.social."""
    mastodon: MastodonAddress | None = None
    """Their Mastodon address, @user@server."""
    email: EmailAddress | None = None
    """Their public email address (an office's address is public; a private one is not
    for a public page)."""
    phone: PhoneNumber | None = None
    """Their office's public phone number."""

    @model_validator(mode="after")
    def _needs_a_way(self) -> Target:
        if not (self.handle or self.bluesky or self.mastodon or self.email or self.phone):
            raise field_error(
                "target_reach",
                "a target needs at least one way to be reached: handle (X), bluesky, "
                "mastodon, email or phone",
            )
        return self

    def mentions(self) -> dict[str, str]:
        """How a post names them on each network they are on: @handle, @user@server."""
        found = {"x": self.handle, "bluesky": self.bluesky, "mastodon": self.mastodon}
        return {network: f"@{value.lstrip('@')}" for network, value in found.items() if value}


class TargetGroup(_Strict):
    """Decision-makers addressed together: a council, a cabinet, a committee."""

    id: Slug
    """A short name, unique in the file, that posts name in their `targets`."""
    name: LocalizedText
    """The group's name as a heading: City council."""
    description: LocalizedText | None = None
    """What they decide, and when: The council votes the budget on 16 February."""
    people: list[Target] = Field(min_length=1, max_length=MAX_PEOPLE)
    """Its members."""
