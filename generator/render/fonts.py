"""The typeface of every image Porte-voix draws: Roboto, then fallbacks for what it lacks.

Roboto, Material's own text font, comes from `fontpkg-roboto`; Noto Emoji and Noto Sans
Symbols (OFL) from `manimgx-fonts`, which packages Noto's files as Noto publishes them. Each
character is drawn by the first face whose character map holds it, so emoji are drawn (in the
text's colour) instead of left out. What no face holds (CJK, scripts that need shaping) is
reported by `missing_characters`, for `check` to name; the images leave it out.

Text is laid out by Pillow's basic engine (Raqm, when present, depends on system libraries),
so the same text always lands on the same pixels on every machine.
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources
from io import BytesIO

from fontTools.ttLib import TTFont
from PIL import ImageDraw, ImageFont

BOLD, REGULAR = 700, 400


@dataclass(frozen=True)
class Face:
    """A font file of a Python package."""

    package: str
    file: str
    name: str


FACES = (
    Face("fontpkg_roboto", "files/Roboto[wdth,wght].ttf", "Roboto"),
    Face("manimgx_fonts", "NotoEmoji[wght].ttf", "Noto Emoji"),
    Face("manimgx_fonts", "NotoSansSymbols[wght].ttf", "Noto Sans Symbols"),
)

_SILENT = frozenset(
    [
        *(0x200D, 0xFE0E, 0xFE0F, 0x20E3),  # joiner, text and emoji presentation, keycap
        *range(0x1F3FB, 0x1F400),  # skin tones: the emoji is drawn in one colour anyway
        *range(0xE0020, 0xE0080),  # tag characters of flag sequences
    ]
)
"""Characters that modify the one before them: left out without a word."""

Bounds = tuple[int, int, int, int]
"""Left, top, right, bottom in pixels from a line's origin (left end of its baseline)."""


def face_of(char: str) -> int | None:
    """The index in `FACES` of the first face that draws `char`, or None."""
    code = ord(char)
    for index in range(len(FACES)):
        if code in _coverage(index):
            return index
    return None


@cache
def chosen_for(face: int) -> frozenset[int]:
    """The code points `FACES[face]` draws, when the faces before it do not."""
    earlier = [_coverage(index) for index in range(face)]
    return frozenset(code for code in _coverage(face) if not any(code in e for e in earlier))


def is_silent(char: str) -> bool:
    """Whether `char` only modifies its neighbour (a joiner, a variation selector…)."""
    return ord(char) in _SILENT


def missing_characters(text: str) -> list[str]:
    """The characters of `text` no face draws, each once, in order. Spaces and controls
    (drawn as spaces) and invisible format characters (bidi controls, zero-width spaces:
    `check` warns of them apart) are never missing."""
    seen: dict[str, None] = {}
    for char in unicodedata.normalize("NFC", text):
        if char.isspace() or unicodedata.category(char) in ("Cc", "Cf", "Cs") or is_silent(char):
            continue
        if face_of(char) is None:
            seen[char] = None
    return list(seen)


def runs(text: str) -> Iterator[tuple[int, str]]:
    """`text` cut where the face drawing it changes: (face index, characters). Characters no
    face draws belong to the first face (callers remove them first)."""
    start, current = 0, None
    for position, char in enumerate(text):
        face = 0 if char == " " else (face_of(char) or 0)
        if current is None:
            current = face
        elif face != current:
            yield current, text[start:position]
            start, current = position, face
    if current is not None:
        yield current, text[start:]


def text_length(text: str, size: int, weight: int) -> float:
    """How far the pen moves drawing `text` on one line."""
    return sum(font_at(size, weight, face).getlength(part) for face, part in runs(text))


def text_bounds(text: str, size: int, weight: int) -> Bounds:
    """Every pixel the ink of `text` may touch, from its origin."""
    left = top = right = bottom = 0
    pen = 0.0
    for face, part in runs(text):
        font = font_at(size, weight, face)
        ink_left, ink_top, ink_right, ink_bottom = font.getbbox(part, anchor="ls")
        left, top = min(left, math.floor(pen + ink_left)), min(top, math.floor(ink_top))
        right = max(right, math.ceil(pen + ink_right))
        bottom = max(bottom, math.ceil(ink_bottom))
        pen += font.getlength(part)
    return left, top, max(right, math.ceil(pen)), bottom


def draw_line(
    draw: ImageDraw.ImageDraw,
    origin: tuple[int, int],
    text: str,
    size: int,
    weight: int,
    fill: tuple[int, int, int] | int,
) -> None:
    """Draw `text` with its baseline starting at `origin`, each run in its own face (`fill`
    an RGB colour, or a level on a one-band image)."""
    x, y = origin
    pen = 0.0
    for face, part in runs(text):
        font = font_at(size, weight, face)
        draw.text((x + pen, y), part, font=font, fill=fill, anchor="ls")
        pen += font.getlength(part)


def metrics(size: int, weight: int) -> tuple[int, int]:
    """Roboto's ascent and descent at `size`: the lines' pitch follows the text face."""
    return font_at(size, weight, 0).getmetrics()


@cache
def font_at(size: int, weight: int, face: int = 0) -> ImageFont.FreeTypeFont:
    """Face `face` of `FACES` at `size` pixels and `weight` (400 regular, 700 bold)."""
    font = ImageFont.truetype(BytesIO(face_bytes(face)), size, layout_engine=ImageFont.Layout.BASIC)
    font.set_variation_by_axes(list(_axis_values(font, weight, FACES[face])))
    return font


def _axis_values(font: ImageFont.FreeTypeFont, weight: int, face: Face) -> Iterator[float]:
    for axis in font.get_variation_axes():
        low, high = axis.get("minimum"), axis.get("maximum")
        if axis.get("name") == b"Weight" and low is not None and high is not None:
            yield max(low, min(high, weight))
        elif axis["default"] is not None:
            yield axis["default"]
        else:
            raise ValueError(f"{face.file} has an axis without a default value: {axis}")


@cache
def face_bytes(face: int) -> bytes:
    """The font file of `FACES[face]`."""
    return resources.files(FACES[face].package).joinpath(FACES[face].file).read_bytes()


@cache
def _coverage(face: int) -> frozenset[int]:
    with TTFont(BytesIO(face_bytes(face)), lazy=True) as font:
        cmap = font.getBestCmap()
    # Noto Emoji maps digits, '#' and '*' for keycaps: they stay in the text face.
    return frozenset(cmap) if face == 0 else frozenset(c for c in cmap if c > 0x7F)
