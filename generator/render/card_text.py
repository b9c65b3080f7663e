"""The social card's text: what its font can draw, and lines of it set to fit a box.

The font is Roboto, Material's own text font, read from the `fontpkg-roboto` package: Pillow's
embedded font (Aileron) has no accented letters, and a system font would make cards depend on
the machine. Characters Roboto cannot draw (emoji, CJK…) are left out rather than shown as
boxes. Text is laid out by Pillow's basic engine (Raqm, when present, depends on system
libraries), so the same text always lands on the same pixels.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources
from io import BytesIO
from typing import Literal

from PIL import Image, ImageDraw, ImageFont

BOLD, REGULAR = 700, 400

_FONT_PACKAGE, _FONT_FILE = "fontpkg_roboto", "files/Roboto[wdth,wght].ttf"
_ELLIPSIS = "…"
_TRAILING = " \u00a0,;:.-\u2013\u2014"  # dropped before an ellipsis, with en and em dashes
_NO_BREAK_SPACE = "\u00a0"
_NO_BREAK_SPACES = frozenset("\u00a0\u2007\u202f")  # Roboto has only the first: it stands in
_TRAILING_SPACES = " \u00a0"
_SPACES = re.compile(" +")
_MISSING = "\U0010fffd"  # private use, in no font: it draws the missing-glyph box

Align = Literal["top", "middle", "bottom"]


@dataclass(frozen=True)
class Box:
    """A rectangle of the card in pixels; `right` and `bottom` are exclusive."""

    left: int
    top: int
    right: int
    bottom: int

    @property
    def width(self) -> int:
        return self.right - self.left

    @property
    def height(self) -> int:
        return self.bottom - self.top

    def contains(self, other: Box) -> bool:
        """Whether `other` lies wholly inside this box."""
        return (
            self.left <= other.left
            and self.top <= other.top
            and other.right <= self.right
            and other.bottom <= self.bottom
        )


@dataclass(frozen=True)
class TextBlock:
    """Lines of text set in one font; `box` holds every pixel they may touch."""

    lines: tuple[str, ...]
    size: int
    weight: int
    origins: tuple[tuple[int, int], ...]
    """Left end of each line's baseline."""
    box: Box


def fit_text(
    text: str,
    area: Box,
    sizes: tuple[int, ...],
    weight: int,
    max_lines: int,
    leading: float = 1.15,
    align: Align = "middle",
) -> TextBlock:
    """`text` wrapped in `area` at the first of `sizes` where it fits in `max_lines`.

    At the last size, what does not fit is cut and ends with an ellipsis.
    """
    if not text:
        return _empty_block(area, sizes[-1], weight)
    for size in sizes:
        font = font_at(size, weight)
        lines = wrap(text, font, area.width)
        if len(lines) <= max_lines:
            block = _set_lines(lines, size, weight, area, leading, align)
            if block is not None:
                return block
    size = sizes[-1]
    font = font_at(size, weight)
    lines = wrap(text, font, area.width)
    for count in range(min(max_lines, len(lines)), 0, -1):
        kept = [*lines[: count - 1], ellipsize(" ".join(lines[count - 1 :]), font, area.width)]
        block = _set_lines(kept, size, weight, area, leading, align)
        if block is not None:
            return block
    return _empty_block(area, size, weight)


def wrap(text: str, font: ImageFont.FreeTypeFont, width: int) -> list[str]:
    """Greedy line breaking at spaces (not no-break ones); a word too wide is cut where it must."""
    lines: list[str] = []
    line = ""
    for word in filter(None, text.split(" ")):
        candidate = f"{line} {word}" if line else word
        if _fits(candidate, font, width):
            line = candidate
            continue
        if line:
            lines.append(line)
        *full, line = _break_word(word, font, width)
        lines.extend(full)
    if line:
        lines.append(line)
    return lines


def ellipsize(text: str, font: ImageFont.FreeTypeFont, width: int) -> str:
    """`text`, or as much of it as fits in `width` followed by an ellipsis."""
    if _fits(text, font, width):
        return text
    for end in range(len(text) - 1, 0, -1):
        candidate = text[:end].rstrip(_TRAILING) + _ELLIPSIS
        if _fits(candidate, font, width):
            return candidate
    return _ELLIPSIS


def drawable_text(text: str) -> str:
    """`text` on one line, without the characters the font cannot draw (emoji, CJK…).

    No-break spaces stay, so that French `«`, `»`, `:` or `?` never start or end a line alone.
    """
    kept = []
    for char in unicodedata.normalize("NFC", text):
        if char in _NO_BREAK_SPACES:
            kept.append(_NO_BREAK_SPACE)
        elif char.isspace() or unicodedata.category(char) == "Cc":
            kept.append(" ")
        elif unicodedata.category(char) != "Cs" and has_glyph(char):
            kept.append(char)
    return _SPACES.sub(" ", "".join(kept)).strip(_TRAILING_SPACES)


@cache
def has_glyph(char: str) -> bool:
    """Whether the font draws `char` as itself rather than as its missing-glyph box."""
    return _glyph_print(char) != _glyph_print(_MISSING)


def _set_lines(
    lines: list[str], size: int, weight: int, area: Box, leading: float, align: Align
) -> TextBlock | None:
    """Lines at their baselines inside `area`, or None where some ink would leave it."""
    font = font_at(size, weight)
    ascent, descent = font.getmetrics()
    pitch = round(size * leading)
    height = ascent + pitch * (len(lines) - 1) + descent
    slack = area.height - height
    top = area.top + {"top": 0, "middle": slack // 2, "bottom": slack}[align]
    origins: list[tuple[int, int]] = []
    box = Box(area.left, top, area.left, top + height)
    for index, line in enumerate(lines):
        left, ink_top, right, ink_bottom = font.getbbox(line, anchor="ls")
        x, y = area.left - min(0, math.floor(left)), top + ascent + pitch * index
        origins.append((x, y))
        ink = Box(
            x + math.floor(left),
            y + math.floor(ink_top),
            x + math.ceil(right),
            y + math.ceil(ink_bottom),
        )
        box = _union(box, ink)
    if not area.contains(box):
        return None
    return TextBlock(tuple(lines), size, weight, tuple(origins), box)


def _empty_block(area: Box, size: int, weight: int) -> TextBlock:
    """No text: a block without lines, at the foot of `area`."""
    return TextBlock((), size, weight, (), Box(area.left, area.bottom, area.left, area.bottom))


def _break_word(word: str, font: ImageFont.FreeTypeFont, width: int) -> list[str]:
    pieces = [""]
    for char in word:
        if pieces[-1] and not _fits(pieces[-1] + char, font, width):
            pieces.append("")
        pieces[-1] += char
    return pieces


def _fits(text: str, font: ImageFont.FreeTypeFont, width: int) -> bool:
    left, _, right, _ = font.getbbox(text, anchor="ls")
    return max(right, font.getlength(text)) - min(left, 0) <= width


def _union(first: Box, second: Box) -> Box:
    return Box(
        min(first.left, second.left),
        min(first.top, second.top),
        max(first.right, second.right),
        max(first.bottom, second.bottom),
    )


@cache
def _glyph_print(char: str) -> tuple[object, ...]:
    """What the font draws for `char`: its ink box, advance and pixels."""
    font = font_at(32, REGULAR)
    image = Image.new("L", (96, 96))
    ImageDraw.Draw(image).text((32, 64), char, font=font, fill=255, anchor="ls")
    return (font.getbbox(char, anchor="ls"), font.getlength(char), image.tobytes())


@cache
def font_at(size: int, weight: int) -> ImageFont.FreeTypeFont:
    """Roboto at `size` pixels and `weight` (400 regular, 700 bold)."""
    font = ImageFont.truetype(BytesIO(_font_bytes()), size, layout_engine=ImageFont.Layout.BASIC)
    font.set_variation_by_axes(list(_axis_values(font, weight)))
    return font


def _axis_values(font: ImageFont.FreeTypeFont, weight: int) -> Iterator[float]:
    for axis in font.get_variation_axes():
        if axis.get("name") == b"Weight":
            yield weight
        elif axis["default"] is not None:
            yield axis["default"]
        else:
            raise ValueError(f"{_FONT_FILE} has an axis without a default value: {axis}")


@cache
def _font_bytes() -> bytes:
    return resources.files(_FONT_PACKAGE).joinpath(_FONT_FILE).read_bytes()
