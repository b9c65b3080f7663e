"""Escaping text from movement files into Markdown that may hold raw HTML.

Every character that Markdown or HTML could read as syntax becomes a numeric character
reference, which both Markdown and HTML (text and attribute values) show as the character
itself. Line breaks become `<br>` so that a value can never open a new Markdown block.
"""

from __future__ import annotations

import html
import re
from urllib.parse import quote

from markupsafe import Markup

_ALWAYS = frozenset("\\`*_[]<>&\"'#!|{}~:^=$+\t")
_LINE_START = re.compile(r"^(\s*)([-.)0-9])", re.MULTILINE)
_NEWLINES = re.compile(r"\r\n|\r|\n")


def escape_markdown(text: str) -> str:
    """`text` as inert Markdown and HTML: it shows as typed and never becomes markup."""
    escaped = "".join(f"&#{ord(char)};" if char in _ALWAYS else char for char in text)
    escaped = _LINE_START.sub(lambda m: f"{m[1]}&#{ord(m[2])};", escaped)
    return _NEWLINES.sub("<br>", escaped)


def finalize(value: object) -> object:
    """Jinja `finalize`: escape every printed value unless a filter marked it safe."""
    if isinstance(value, Markup):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)  # digits alone never form Markdown syntax
    return escape_markdown(str(value))


def hashtag(tag: str) -> Markup:
    """`OVPE` → `#OVPE`, safe to print anywhere in a page."""
    return Markup(escape_markdown(f"#{tag}"))


def x_profile(handle: str) -> Markup:
    """A Markdown link `@handle` to the account on X (handles are validated word characters)."""
    return Markup(f"[@{escape_markdown(handle)}](https://x.com/{quote(handle)})")


def attribute(text: str) -> Markup:
    """`text` as the value of a double-quoted HTML attribute, line breaks kept."""
    escaped = html.escape(text, quote=True)
    # Python-Markdown expands tabs even inside raw HTML: keep them as references too.
    return Markup(escaped.replace("\r", "&#13;").replace("\n", "&#10;").replace("\t", "&#9;"))


def url(address: str) -> Markup:
    """An address, HTML-escaped for an `href` of a raw HTML tag (addresses from movement
    files were checked at the door: no quote, bracket, space or control character)."""
    return Markup(html.escape(address, quote=True))
