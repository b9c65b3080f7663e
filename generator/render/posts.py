"""The posts page's cards: one per post, its wordings as choices, each with what it shares.

A card shows a wording as the networks without X's fields carry it (text, hashtags, link):
that is what Copy copies, what the share sheet, Bluesky, Mastodon, WhatsApp, Telegram and
email receive. X's intent adds " via @handle" after it; the card says so beside X's length.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator.compose import x_post_length
from generator.layout import post_image_name
from generator.movement.schema import Post
from generator.render.post_image_layout import FORMATS
from generator.share import Shareable, ShareLink, share_links

TITLE_LENGTH = 60
"""At most this many characters of a post's text make its default heading."""

_SENTENCE_END = re.compile(r"(?<=[.!?…:])\s")
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class WordingView:
    shown: str
    """The text as the card shows it and Copy copies it: text, hashtags, link."""
    share_text: str
    """The text the phone's share sheet gets beside the link: text and hashtags."""
    url: str | None
    x_length: int
    x_via: str | None
    """The account X's intent names after the shown text (' via @handle'), if any."""
    links: list[ShareLink]
    image_alt: str
    """What its images show: the wording's own text."""
    square: str
    """The file names of its images, in the kit's files."""
    story: str

    @property
    def left_out(self) -> list[ShareLink]:
        return [link for link in self.links if not link.is_offered]


@dataclass(frozen=True)
class PostView:
    id: str
    title: str
    url: str | None
    hashtags: list[str]
    wordings: list[WordingView]

    @property
    def has_variants(self) -> bool:
        return len(self.wordings) > 1


def default_title(text: str, limit: int = TITLE_LENGTH) -> str:
    """A heading from the start of a post: its first sentence if short enough, else its first
    words within `limit` characters and an ellipsis; never a word cut in two."""
    first_line = _SPACE.sub(" ", text.strip().split("\n", 1)[0]).strip()
    sentence = _SENTENCE_END.split(first_line, maxsplit=1)[0].rstrip(":").rstrip()
    if len(sentence) <= limit:
        return sentence
    words, kept = sentence.split(" "), ""
    for word in words:
        candidate = f"{kept} {word}" if kept else word
        if len(candidate) > limit - 1:
            break
        kept = candidate
    return f"{(kept or words[0][: limit - 1]).rstrip(',;')}…"


def post_view(
    post: Post, tags: list[str], language: str, via: str | None, subject: str, slug: str
) -> PostView:
    """The card of `post` in `language`, with the hashtags `tags` added to every wording;
    `slug`, the movement's, names its images."""
    texts = [post.text[language], *(variant[language] for variant in post.variants)]
    title = post.title[language] if post.title else default_title(texts[0])
    return PostView(
        id=post.id,
        title=title,
        url=post.url,
        hashtags=tags,
        wordings=[
            wording_view(
                Shareable(text, tuple(tags), post.url, via, f"{title} · {subject}"),
                *(post_image_name(slug, post.id, index, language, shape) for shape in FORMATS),
            )
            for index, text in enumerate(texts)
        ],
    )


def wording_view(item: Shareable, square: str, story: str) -> WordingView:
    """One wording: what the card shows, what each network gets, X's length, its images."""
    return WordingView(
        shown=item.full_text(),
        share_text=item.words(),
        url=item.url,
        x_length=x_post_length(item.text, item.hashtags, item.url, item.via),
        x_via=item.via,
        links=share_links(item),
        image_alt=item.text,
        square=square,
        story=story,
    )
