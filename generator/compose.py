"""How a ready-to-share post is assembled before a network counts it."""

from __future__ import annotations

from collections.abc import Sequence

from generator.text import weighted_length


def x_post_text(text: str, hashtags: Sequence[str], url: str | None, via: str | None) -> str:
    """The post as X composes it from an intent: text, hashtags, link, then ' via @user'.

    X may place the parts in another order; the weighted length does not depend on it.
    """
    parts = [text.strip(), *(f"#{tag}" for tag in hashtags)]
    if url:
        parts.append(url)
    assembled = " ".join(parts)
    return f"{assembled} via @{via}" if via else assembled


def x_post_length(text: str, hashtags: Sequence[str], url: str | None, via: str | None) -> int:
    """X's weighted length of the assembled post (every link counts 23)."""
    return weighted_length(x_post_text(text, hashtags, url, via))
