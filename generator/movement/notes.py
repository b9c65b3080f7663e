"""The kit pages a movement has nothing to show on, which its site leaves out, and the notes
`check` prints about them for the people who keep the movement file."""

from __future__ import annotations

from dataclasses import dataclass

from generator.movement.load import LoadedMovement
from generator.movement.schema import Movement

# Each kit page that can be empty, and what brings it back.
_WHY_LEFT_OUT = {
    "kit/posts.md": "no `posts`; the Posts page is left out until you add ready-to-share posts under `posts`",
    "kit/targets.md": "no `targets`; the page that writes to decision-makers is left out until you add them under `targets`",
    "kit/conversations.md": "no `questions` and no `conversations`; the Conversations page is left out until you add either",
    "kit/accounts.md": "no `accounts`; the Accounts page is left out until you add accounts to follow under `accounts`",
    "kit/lists.md": "no `lists` and no `bluesky_lists`; the Lists page is left out until you add X Lists under `lists` or Bluesky lists and starter packs under `bluesky_lists`",
    "kit/activity.md": "no activity snapshot yet; the Activity page is left out until portevoix snapshot has run (README: Activity snapshots)",
}


@dataclass(frozen=True)
class LeftOut:
    """A kit page the site leaves out: its source path, and what would bring it back."""

    page: str
    why: str


def left_out_pages(spec: Movement, has_snapshot: bool) -> list[LeftOut]:
    """The kit pages of `spec`'s site that would be empty; `has_snapshot` when the movement
    has at least one activity snapshot. Hashtags are never empty: each language has one."""
    empty = {
        "kit/posts.md": not spec.shared_posts,
        "kit/targets.md": not spec.targets,
        "kit/conversations.md": not (spec.questions or spec.conversations),
        "kit/accounts.md": not spec.accounts,
        "kit/lists.md": not (spec.lists or spec.bluesky_lists),
        "kit/activity.md": not has_snapshot,
    }
    return [LeftOut(page, why) for page, why in _WHY_LEFT_OUT.items() if empty[page]]


def movement_notes(loaded: LoadedMovement, has_snapshot: bool) -> list[str]:
    """`file: note: …` for each page `loaded`'s site leaves out: information, not a warning
    (a new movement has no snapshot yet, and a campaign may have no lists)."""
    spec = loaded.spec
    return [f"{loaded.source}: note: {left.why}" for left in left_out_pages(spec, has_snapshot)]
