"""What each list page of the kit would weigh, and a warning for one too heavy for a phone."""

from __future__ import annotations

from collections.abc import Iterator

from generator.movement.fields import LocalizedText
from generator.movement.findings import Finding
from generator.movement.schema import Movement, Post
from generator.movement.yamlpos import KeyPath

# What a page weighs, in bytes of HTML, as measured on built sites (Material 9.8, texts in
# French of 20 to 210 characters): the page without items (its share controls and icons
# included), then each item it lists. A post's wording (its text or a variant) shows the post
# as shared (text, hashtags, link), carries it for the share sheet and Copy, and has nine
# network links, seven of which repeat it percent-encoded, and its images' downloads and
# preview: it weighs a fixed part plus a part per character of the post as shared.
PAGE_BASE_BYTES = 34_000
BYTES_PER_POST_WORDING = 5_000
BYTES_PER_POST_CHARACTER = 16
BYTES_PER_CONVERSATION = 2_200
BYTES_PER_QUESTION = 1_600  # questions share the conversations page
BYTES_PER_ACCOUNT = 320
BYTES_PER_FOLLOW_LINK = 400
"""An account's entry, and each network's follow button and figure in it (measured on built
pages: about 720 bytes with one network, 400 more per other network)."""
BYTES_PER_LIST = 1_300
BYTES_PER_TARGET = 900
BYTES_PER_TARGET_LINK = 400
"""A person's disclosure (name, role, district, codes), and each follow or call button."""
BYTES_PER_ADDRESSED_WORDING = 1_000
BYTES_PER_ADDRESSED_CHARACTER = 2
"""A wording written to one person: its quote and buttons, then per character of the post
as shared, for each copy of it (shown, Copy, each network's link percent-encoded)."""
# Above this a page is slow to load and to scroll on a mid-range phone on a mobile network.
HEAVY_PAGE_BYTES = 500_000


def estimated_page_bytes(movement: Movement) -> dict[str, int]:
    """The HTML each list page of the kit would weigh (`kit/posts`…, the heaviest language
    for posts), from the constants above."""
    posts = max(
        sum(
            BYTES_PER_POST_WORDING
            + BYTES_PER_POST_CHARACTER * _shared_length(movement, post, text, language)
            for post in movement.shared_posts
            for text in (post.text, *post.variants)
        )
        for language in movement.languages
    )
    items = {
        "kit/posts": posts,
        "kit/accounts": sum(
            BYTES_PER_ACCOUNT + BYTES_PER_FOLLOW_LINK * len(a.identities())
            for a in movement.accounts
        ),
        "kit/conversations": BYTES_PER_CONVERSATION * len(movement.conversations)
        + BYTES_PER_QUESTION * len(movement.questions),
        "kit/lists": BYTES_PER_LIST * (len(movement.lists) + len(movement.bluesky_lists)),
        "kit/targets": max(_targets_bytes(movement, language) for language in movement.languages),
    }
    return {page: PAGE_BASE_BYTES + weight for page, weight in items.items()}


def _targets_bytes(movement: Movement, language: str) -> int:
    """The targets page's items in `language`: each person, and each wording written to them."""
    total = 0
    for group in movement.targets:
        posts = movement.addressed_posts(group.id)
        for person in group.people:
            ways = len(person.mentions()) + bool(person.email)
            total += BYTES_PER_TARGET + BYTES_PER_TARGET_LINK * (
                len(person.mentions()) + bool(person.phone)
            )
            total += sum(
                BYTES_PER_ADDRESSED_WORDING
                + BYTES_PER_ADDRESSED_CHARACTER
                * (2 + ways)
                * _shared_length(movement, post, text, language)
                for post in posts
                for text in (post.text, *post.variants)
            )
    return total


def _shared_length(movement: Movement, post: Post, text: LocalizedText, language: str) -> int:
    """The characters of `text` as the page shares it: with its hashtags and link."""
    tags = movement.post_hashtags(post, language)
    return len(text[language]) + sum(len(tag) + 2 for tag in tags) + len(post.url or "")


def page_weights(movement: Movement) -> Iterator[Finding]:
    """A warning for each page of the kit that its lists would make too heavy for a phone."""
    split = "or split the campaign into two movements"
    variants = sum(len(post.variants) for post in movement.posts)
    conversations, questions = len(movement.conversations), len(movement.questions)
    pages: dict[str, tuple[KeyPath, str, str]] = {
        "kit/posts": (("posts",),
            f"{len(movement.posts)} posts" + (f" and {variants} variants" if variants else ""),
            f"keep the best posts and fewer variants, {split}"),
        "kit/accounts": (("accounts",), f"{len(movement.accounts)} accounts",
            f"keep the accounts that matter most (an X List can gather the others), {split}"),
        "kit/conversations": (("conversations",) if conversations else ("questions",),
            f"{conversations} conversations, {questions} questions",
            f"keep the most timely conversations and questions, {split}"),
        "kit/targets": (("targets",),
            f"{sum(len(g.people) for g in movement.targets)} people, "
            f"{sum(1 for p in movement.posts if p.is_addressed)} addressed posts",
            f"keep fewer addressed posts and variants per group, {split}"),
        "kit/lists": (("lists",) if movement.lists else ("bluesky_lists",),
            f"{len(movement.lists) + len(movement.bluesky_lists)} lists",
            f"keep the most useful lists, {split}"),
    }  # fmt: skip
    for page, weight in estimated_page_bytes(movement).items():
        if weight > HEAVY_PAGE_BYTES:
            path, listed, fix = pages[page]
            yield Finding(
                path,
                f"the {page.removeprefix('kit/')} page ({listed}) would weigh about "
                f"{round(weight / 10_000) * 10} KB of HTML, more than the "
                f"{HEAVY_PAGE_BYTES // 1000} KB a phone loads comfortably; {fix}",
                severity="warning",
            )
