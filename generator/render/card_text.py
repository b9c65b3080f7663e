"""Text for the images Porte-voix draws: what its faces can draw, and lines of it set to fit
a box, at the largest size where it fits (`generator.render.fonts` draws and measures it).

Characters no face draws (CJK, scripts that need shaping…) are left out rather than shown as
boxes; `fonts.missing_characters` names them for `check`.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from typing import Literal

from generator.render import fonts
from generator.render.fonts import BOLD, REGULAR

__all__ = ["BOLD", "REGULAR", "Box", "TextBlock", "drawable_text", "fit_text"]

_ELLIPSIS = "…"
_TRAILING = " \u00a0,;:.-\u2013\u2014"  # dropped before an ellipsis, with en and em dashes
_NO_BREAK_SPACE = "\u00a0"
_NO_BREAK_SPACES = frozenset("\u00a0\u2007\u202f")  # Roboto has only the first: it stands in
_TRAILING_SPACES = " \u00a0"
_SPACES = re.compile(" +")
_LINE_ENDS = re.compile(" *\n[ \n]*")

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
    cut: bool = False
    """Whether some of the text was left out (after an ellipsis) or a word broken."""


def fit_text(
    text: str,
    area: Box,
    sizes: tuple[int, ...],
    weight: int,
    max_lines: int,
    leading: float = 1.15,
    align: Align = "middle",
) -> TextBlock:
    """`text` wrapped in `area` at the first of `sizes` where it fits in `max_lines`, its
    line breaks ("\\n") kept.

    At the last size, what does not fit is cut after a word and ends with an ellipsis; the
    block then says it is `cut`.
    """
    if not text:
        return _empty_block(area, sizes[-1], weight)

    def whole_at(size: int) -> TextBlock | None:
        lines, broken = wrap(text, size, weight, area.width)
        if len(lines) > max_lines or broken:
            return None
        return _set_lines(lines, size, weight, area, leading, align)

    # Text that fits at a size fits at any smaller one: search the sizes by halves.
    low, high, found = 0, len(sizes) - 1, None
    while low <= high:
        middle = (low + high) // 2
        block = whole_at(sizes[middle])
        if block is not None:
            found, high = block, middle - 1
        else:
            low = middle + 1
    if found is not None:
        return found
    size = sizes[-1]
    lines, _ = wrap(text, size, weight, area.width)
    for count in range(min(max_lines, len(lines)), 0, -1):
        last = ellipsize(" ".join(lines[count - 1 :]), size, weight, area.width)
        kept = [*lines[: count - 1], last]
        block = _set_lines(kept, size, weight, area, leading, align, cut=True)
        if block is not None:
            return block
    return _empty_block(area, size, weight, cut=True)


def wrap(text: str, size: int, weight: int, width: int) -> tuple[list[str], bool]:
    """Greedy line breaking at spaces (not no-break ones) and at `text`'s own line breaks;
    a word too wide is cut where it must, and the second value says so.

    Lines are measured by their words' advances, each word measured once; the ink of the
    lines is measured when they are set (`_set_lines` refuses a line whose ink would leave
    its box), so a line that only seemed to fit never overflows.
    """
    lines: list[str] = []
    broken = False
    space = _advance(" ", size, weight)
    for paragraph in text.split("\n"):
        line, length = "", 0.0
        for word in filter(None, paragraph.split(" ")):
            advance = _advance(word, size, weight)
            if line and length + space + advance <= width:
                line, length = f"{line} {word}", length + space + advance
                continue
            if line:
                lines.append(line)
            if advance <= width and _fits(word, size, weight, width):
                line, length = word, advance
                continue
            *full, line = _break_word(word, size, weight, width)
            length = _advance(line, size, weight)
            broken = broken or bool(full)
            lines.extend(full)
        if line:
            lines.append(line)
    return lines, broken


@functools.lru_cache(maxsize=65_536)
def _advance(word: str, size: int, weight: int) -> float:
    return fonts.text_length(word, size, weight)


def ellipsize(text: str, size: int, weight: int, width: int) -> str:
    """`text`, or its first words that fit in `width` followed by an ellipsis (its first
    characters when not even one word fits)."""
    if _fits(text, size, weight, width):
        return text
    spaces = [index for index, char in enumerate(text) if char == " "]
    first_word = len(text.split(" ", 1)[0])
    # After whole words first; inside the first word only when not even it fits.
    for end in [*reversed(spaces), *range(first_word - 1, 0, -1)]:
        candidate = text[:end].rstrip(_TRAILING) + _ELLIPSIS
        if _fits(candidate, size, weight, width):
            return candidate
    return _ELLIPSIS


def drawable_text(text: str, keep_lines: bool = False) -> str:
    """`text` without the characters no face draws (CJK…), on one line unless `keep_lines`.

    No-break spaces stay, so that French `«`, `»`, `:` or `?` never start or end a line alone.
    """
    kept = []
    for char in unicodedata.normalize("NFC", text):
        if char in _NO_BREAK_SPACES:
            kept.append(_NO_BREAK_SPACE)
        elif char == "\n" and keep_lines:
            kept.append(char)
        elif char.isspace() or unicodedata.category(char) == "Cc":
            kept.append(" ")
        elif (
            unicodedata.category(char) != "Cs"
            and not fonts.is_silent(char)
            and fonts.face_of(char) is not None
        ):
            kept.append(char)
    one_line = _SPACES.sub(" ", "".join(kept))
    return _LINE_ENDS.sub("\n", one_line).strip(_TRAILING_SPACES + "\n")


def _set_lines(
    lines: list[str],
    size: int,
    weight: int,
    area: Box,
    leading: float,
    align: Align,
    cut: bool = False,
) -> TextBlock | None:
    """Lines at their baselines inside `area`, or None where some ink would leave it."""
    ascent, descent = fonts.metrics(size, weight)
    pitch = round(size * leading)
    height = ascent + pitch * (len(lines) - 1) + descent
    slack = area.height - height
    top = area.top + {"top": 0, "middle": slack // 2, "bottom": slack}[align]
    origins: list[tuple[int, int]] = []
    box = Box(area.left, top, area.left, top + height)
    for index, line in enumerate(lines):
        left, ink_top, right, ink_bottom = fonts.text_bounds(line, size, weight)
        x, y = area.left - min(0, left), top + ascent + pitch * index
        origins.append((x, y))
        box = _union(box, Box(x + left, y + ink_top, x + right, y + ink_bottom))
    if not area.contains(box):
        return None
    return TextBlock(tuple(lines), size, weight, tuple(origins), box, cut)


def _empty_block(area: Box, size: int, weight: int, cut: bool = False) -> TextBlock:
    """No text: a block without lines, at the foot of `area`."""
    return TextBlock((), size, weight, (), Box(area.left, area.bottom, area.left, area.bottom), cut)


def _break_word(word: str, size: int, weight: int, width: int) -> list[str]:
    pieces = [""]
    for char in word:
        if pieces[-1] and not _fits(pieces[-1] + char, size, weight, width):
            pieces.append("")
        pieces[-1] += char
    return pieces


def _fits(text: str, size: int, weight: int, width: int) -> bool:
    left, _, right, _ = fonts.text_bounds(text, size, weight)
    return right - min(left, 0) <= width


def _union(first: Box, second: Box) -> Box:
    return Box(
        min(first.left, second.left),
        min(first.top, second.top),
        max(first.right, second.right),
        max(first.bottom, second.bottom),
    )
