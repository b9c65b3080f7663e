"""Text and QR codes set in boxes of the one-pager, in millimetres, before anything is drawn.

Text is measured from the advance widths of the faces fpdf2 draws with (Roboto, then the
fallback faces in fpdf2's order), without kerning or shaping, which fpdf2 applies neither
without HarfBuzz: the widths are exact, so a line set here never runs past its box. Lines
break at spaces, never at no-break spaces (French `:`, `?`, `»` stay with their word); a
word wider than its box is cut where it must, addresses after `/`, `?`, `&`, `=` or `#`.
A text cut short ends with "…" after its last whole word.
Everything is placed in `Block`s of items that `onepager_pdf` draws: plain values.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

from generator.render.fonts import is_silent
from generator.render.qr import PrintedQr

MM_PER_PT = 25.4 / 72

_ELLIPSIS = "…"
_TRAILING = " \u00a0,;:.-\u2013\u2014"  # dropped before an ellipsis
_NO_BREAK_SPACES = frozenset("\u00a0\u2007\u202f")  # Roboto has only the first: it stands in
_INVISIBLE = frozenset(("Cc", "Cf", "Cs", "Co", "Cn"))
_URL_PIECES = re.compile(r"[^/?&=#]*[/?&=#]*")
_TEXT_GAP = 1.0
"""Between an entry's title and its text, in millimetres."""


@dataclass(frozen=True)
class Style:
    """A size in points, a weight, and the distance between baselines as a factor of size."""

    size: float
    bold: bool = False
    leading: float = 1.25

    @property
    def pitch(self) -> float:
        """The height of one line, in millimetres."""
        return self.size * MM_PER_PT * self.leading


@dataclass(frozen=True)
class Metrics:
    """Advance widths, in thousandths of an em by code point, of the faces text is drawn in."""

    regular: Mapping[int, float]
    bold: Mapping[int, float]
    fallbacks: tuple[Mapping[int, float], ...]

    def covers(self, char: str) -> bool:
        """Whether some face draws `char`."""
        code = ord(char)
        return code in self.regular or any(code in face for face in self.fallbacks)

    def width(self, text: str, style: Style) -> float:
        """How wide `text` is on one line, in millimetres."""
        primary = self.bold if style.bold else self.regular
        total = 0.0
        for char in text:
            advance = primary.get(ord(char))
            if advance is None:
                advance = next((face[ord(char)] for face in self.fallbacks if ord(char) in face), 0)
            total += advance
        return total * style.size / 1000 * MM_PER_PT


@dataclass(frozen=True)
class TextLine:
    """One line of text; (x, y) is the top left of its line box, `width` its exact width."""

    x: float
    y: float
    text: str
    style: Style
    width: float
    link: str | None = None


@dataclass(frozen=True)
class Rule:
    """A thin horizontal line from (x, y), `width` long."""

    x: float
    y: float
    width: float


Item = TextLine | PrintedQr | Rule


@dataclass(frozen=True)
class Block:
    """Items placed from the block's top left corner, and the height they take."""

    height: float
    items: tuple[Item, ...] = ()

    def moved(self, dx: float, dy: float) -> tuple[Item, ...]:
        """The items, `dx` to the right and `dy` down."""
        return tuple(replace(item, x=item.x + dx, y=item.y + dy) for item in self.items)


EMPTY = Block(0.0)


def stack(blocks: Iterable[Block], gap: float, rule: float | None = None) -> Block:
    """`blocks` one under the other, `gap` apart (empty ones take no room), with a rule
    `rule` wide across the middle of each gap if given."""
    items: list[Item] = []
    y = 0.0
    for block in blocks:
        if not block.items:
            continue
        if items:
            if rule is not None:
                items.append(Rule(0.0, y + gap / 2, rule))
            y += gap
        items.extend(block.moved(0.0, y))
        y += block.height
    return Block(y, tuple(items))


def beside(left: Block, right: Block, right_x: float) -> Block:
    """`left` and `right` side by side, tops aligned, `right` starting at `right_x`."""
    return Block(max(left.height, right.height), (*left.items, *right.moved(right_x, 0.0)))


def printable(text: str, metrics: Metrics, *, newlines: bool = False) -> str:
    """`text` as the faces can draw it. What no face draws (CJK…), controls, joiners and
    variation selectors are left out; spaces become plain spaces, or no-break spaces if
    they were; line breaks stay only with `newlines`."""
    kept: list[str] = []
    for char in unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n")):
        if char == "\n":
            kept.append("\n" if newlines else " ")
        elif char in _NO_BREAK_SPACES:
            kept.append("\u00a0")
        elif char.isspace():
            kept.append(" ")
        elif unicodedata.category(char) not in _INVISIBLE and not is_silent(char):
            kept.append(char if metrics.covers(char) else "")
    return "".join(kept)


def text_lines(text: str, style: Style, width: float, metrics: Metrics) -> list[str]:
    """`text` wrapped to `width`, paragraph by paragraph, with at most one blank line
    between paragraphs and none at either end."""
    lines: list[str] = []
    for paragraph in printable(text, metrics, newlines=True).split("\n"):
        words = [word for word in paragraph.split(" ") if word.strip("\u00a0")]
        if words:
            lines.extend(wrap(words, " ", style, width, metrics))
        elif lines and lines[-1]:
            lines.append("")
    while lines and not lines[-1]:
        lines.pop()
    return lines


def wrap(
    words: Sequence[str], joiner: str, style: Style, width: float, metrics: Metrics
) -> list[str]:
    """Greedy line breaking of `words` joined by `joiner`; a word too wide is cut."""
    lines: list[str] = []
    line, line_width = "", 0.0
    joiner_width = metrics.width(joiner, style)
    for word in words:
        word_width = metrics.width(word, style)
        if line and line_width + joiner_width + word_width <= width:
            line, line_width = line + joiner + word, line_width + joiner_width + word_width
            continue
        if line:
            lines.append(line)
        line, line_width = word, word_width
        if word_width > width:
            *full, line = _break_word(word, style, width, metrics)
            lines.extend(full)
            line_width = metrics.width(line, style)
    if line:
        lines.append(line)
    return lines


def cut(lines: Sequence[str], n: int, style: Style, width: float, metrics: Metrics) -> list[str]:
    """The first `n` of `lines`, the last one ending with "…" if some were left out."""
    if len(lines) <= n:
        return list(lines)
    return [*lines[: n - 1], ellipsize(lines[n - 1], style, width, metrics)] if n > 0 else []


def ellipsize(line: str, style: Style, width: float, metrics: Metrics) -> str:
    """`line` followed by "…", dropping whole words from its end until it fits `width`."""
    words = line.split(" ")
    while len(words) > 1:
        candidate = " ".join(words).rstrip(_TRAILING) + _ELLIPSIS
        if metrics.width(candidate, style) <= width:
            return candidate
        words.pop()
    for end in range(len(words[0]), 0, -1):
        candidate = words[0][:end].rstrip(_TRAILING) + _ELLIPSIS
        if metrics.width(candidate, style) <= width:
            return candidate
    return _ELLIPSIS


def lines_block(
    lines: Sequence[str], style: Style, metrics: Metrics, link: str | None = None, center: float = 0
) -> Block:
    """`lines` one under the other, each centred in a box `center` wide (if it is wider)."""
    items: list[Item] = []
    for index, line in enumerate(lines):
        if line:
            line_width = metrics.width(line, style)
            x = max(0.0, (center - line_width) / 2)
            items.append(TextLine(x, index * style.pitch, line, style, line_width, link))
    return Block(len(lines) * style.pitch, tuple(items))


def text_block(
    text: str, styles: Style | Sequence[Style], width: float, max_lines: int, metrics: Metrics
) -> Block:
    """`text` wrapped to `width` at the first of `styles` where it fits in `max_lines`,
    else cut after `max_lines` at the last."""
    for style in (styles,) if isinstance(styles, Style) else styles:
        lines = text_lines(text, style, width, metrics)
        if len(lines) <= max_lines:
            break
    return lines_block(cut(lines, max_lines, style, width, metrics), style, metrics)


def address_block(
    text: str, link: str, style: Style, width: float, max_lines: int, metrics: Metrics
) -> Block:
    """An address `text` wrapped to `width`, broken after `/`, `?`, `&`, `=` or `#` where
    it can, cut after `max_lines`, leading to `link`."""
    pieces = [piece for piece in _URL_PIECES.findall(printable(text, metrics)) if piece]
    lines = cut(wrap(pieces, "", style, width, metrics), max_lines, style, width, metrics)
    return lines_block(lines, style, metrics, link)


def one_line(text: str, style: Style, width: float, metrics: Metrics) -> str:
    """`text` on one line of `width`, cut with "…" if it does not fit."""
    lines = cut(text_lines(text, style, width, metrics), 1, style, width, metrics)
    return lines[0] if lines else ""


def qr_block(
    code: PrintedQr, caption: str, style: Style, max_lines: int, metrics: Metrics, width: float = 0
) -> Block:
    """A QR code with `caption` under it, both centred in a column at least `width` wide."""
    column = max(width, code.size)
    lines = cut(text_lines(caption, style, column, metrics), max_lines, style, column, metrics)
    below = lines_block(lines, style, metrics, center=column)
    placed = replace(code, x=(column - code.size) / 2)
    return Block(code.size + 1.0 + below.height, (placed, *below.moved(0.0, code.size + 1.0)))


@dataclass(frozen=True)
class Entry:
    """A titled text with a block at its right: a post and its QR code."""

    title: Block
    text: str
    text_width: float
    side: Block
    side_x: float

    def height(self, count: int, style: Style) -> float:
        """The entry's height with `count` lines of text in `style`."""
        text = count * style.pitch + (_TEXT_GAP if count and self.title.items else 0.0)
        return max(self.title.height + text, self.side.height)


Entries = Sequence[Entry]


def fit_entries(
    versions: Sequence[Entries], styles: Sequence[Style], room: float, gap: float, metrics: Metrics
) -> list[Block]:
    """The entries in `room`, `gap` apart, in the first of `versions` (the same entries,
    more and more compact) that keeps them all, else in the one that keeps the most."""
    best: list[Block] = []
    for entries in versions:
        blocks = _fitted(entries, styles, room, gap, metrics)
        if len(blocks) == len(entries):
            return blocks
        if len(blocks) > len(best):
            best = blocks
    return best


def _fitted(
    entries: Entries, styles: Sequence[Style], room: float, gap: float, metrics: Metrics
) -> list[Block]:
    """The entries at the first of `styles` where every text fits whole, else at the last
    with the longest texts cut, else without the last entries. Each text is wrapped once
    per style, so the time this takes is bounded."""
    for style in styles:
        lines = [text_lines(entry.text, style, entry.text_width, metrics) for entry in entries]
        counts = [len(entry_lines) for entry_lines in lines]
        if _total(entries, counts, style, gap) <= room:
            break
    else:
        counts = _shortened(entries, counts, style, gap, room)
    blocks = []
    for entry, entry_lines, count in zip(entries, lines, counts, strict=False):
        kept = cut(entry_lines, count, style, entry.text_width, metrics)
        text = lines_block(kept, style, metrics)
        blocks.append(beside(stack([entry.title, text], _TEXT_GAP), entry.side, entry.side_x))
    return blocks


def _total(entries: Entries, counts: Sequence[int], style: Style, gap: float) -> float:
    heights = [entry.height(count, style) for entry, count in zip(entries, counts, strict=False)]
    return sum(heights) + gap * max(0, len(heights) - 1)


def _shortened(
    entries: Entries, counts: Sequence[int], style: Style, gap: float, room: float
) -> list[int]:
    """Line counts that fit `room`: without the last entries while even one line of text
    each is too much, then the longest text losing a line at a time, which must end."""
    kept = len(counts)
    while kept and _total(entries, [min(count, 1) for count in counts[:kept]], style, gap) > room:
        kept -= 1
    shortened = list(counts[:kept])
    while _total(entries, shortened, style, gap) > room:
        longest = max(range(kept), key=lambda index: (shortened[index], index))
        shortened[longest] -= 1
    return shortened


def _break_word(word: str, style: Style, width: float, metrics: Metrics) -> list[str]:
    """`word` in pieces no wider than `width` (widths add up: there is no kerning)."""
    pieces = [""]
    piece_width = 0.0
    for char in word:
        char_width = metrics.width(char, style)
        if pieces[-1] and piece_width + char_width > width:
            pieces.append("")
            piece_width = 0.0
        pieces[-1] += char
        piece_width += char_width
    return pieces
