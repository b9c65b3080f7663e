"""The guide is true for each example site: every kit page it sends readers to exists and
does what the sentence promises, and no page shows another movement's examples or the
source guide's own (nursing) examples."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from generator.movement import discover_movements, load_movements
from generator.render.activity import History
from generator.render.pages import render_movement
from generator.snapshot.store import read_history
from tests.support import REPO

EXAMPLES = {m.slug: m for m in load_movements(discover_movements(REPO / "movements"))}
NOW = dt.datetime(2026, 11, 25, 12, tzinfo=dt.UTC)
CASES = [(slug, lang) for slug, m in EXAMPLES.items() for lang in m.spec.languages]
# What the source guide (a nurses' association's) used as examples: no site shows them.
SOURCE_EXAMPLES = (
    "patient care",
    "soins aux patients",
    "health care",
    "HealthForAll",
    "SantéPourTous",
)
# What each kit page must hold for the guide's sentences about it to be true: the markup
# that does what they promise (a composer opened, a list's posts copied, a follow button…).
PROMISES = {
    "conversations": ("https://x.com/intent/tweet?",),
    "lists": ("pv-xpost", "https://x.com/i/lists/"),
    "activity": ("pv-chart", "/status/"),  # charts, and its most engaging posts linked
    "accounts": ("pv-follow", "https://x.com/explore"),
    "hashtags": ("https://x.com/hashtag/",),
    "posts": ("https://x.com/intent/tweet?text=",),
}


def evidence(slug: str, page: str) -> tuple[str, ...]:
    """PROMISES, and for conversations the reply and quote links the guide speaks of."""
    spec = EXAMPLES[slug].spec
    found = PROMISES[page]
    if page == "conversations":
        actions = {c.action for c in spec.conversations}
        found += ("in_reply_to=",) if "reply" in actions else ()
        found += ("url=https%3A%2F%2Fx.com%2F",) if "quote" in actions else ()
    return found


KIT_LINK = re.compile(r"\]\(\.\./kit/(?P<page>[a-z]+)\.md\)")


def pages(slug: str, language: str) -> dict[str, str]:
    loaded = EXAMPLES[slug]
    return render_movement(
        loaded, language, REPO / "docs", None, History(read_history(loaded.folder), NOW)
    )


@pytest.mark.parametrize(("slug", "language"), CASES, ids=[f"{s}-{lang}" for s, lang in CASES])
def test_every_kit_page_the_guide_sends_readers_to_exists_and_does_what_it_says(
    slug: str, language: str
) -> None:
    site = pages(slug, language)
    linked = {
        (path, match["page"])
        for path, text in site.items()
        if path.startswith("guide/")
        for match in KIT_LINK.finditer(text)
    }
    assert linked, "the guide links to no kit page"
    for path, page in sorted(linked):
        target = f"kit/{page}.md"
        assert target in site, f"{path} sends readers to {target}, which this site leaves out"
        for markup in evidence(slug, page):
            assert markup in site[target], f"{path}'s promise about {target}: no {markup!r}"


@pytest.mark.parametrize(("slug", "language"), CASES, ids=[f"{s}-{lang}" for s, lang in CASES])
def test_no_page_shows_another_movements_examples(slug: str, language: str) -> None:
    others = [m.spec for other, m in EXAMPLES.items() if other != slug]
    foreign = [*SOURCE_EXAMPLES]
    for spec in others:
        foreign += [spec.name[lang] for lang in spec.languages]
        foreign += [spec.tagline[lang] for lang in spec.languages]
        foreign += [f"#{h.tag}" for h in spec.hashtags] + [f"&#35;{h.tag}" for h in spec.hashtags]
        foreign += [post.text[lang][:40] for post in spec.posts for lang in spec.languages]
    for path, text in pages(slug, language).items():
        shown = [phrase for phrase in foreign if phrase in text]
        assert shown == [], f"{slug} {language} {path} shows {shown}"
