"""A movement's social card: the 1200x630 PNG that X and others show beside a link to its site.

Drawn offline at build time. The font is Roboto, Material's own text font, read from the
`fontpkg-roboto` package: Pillow's embedded font (Aileron) has no accented letters, and a
system font would make cards depend on the machine. Characters Roboto cannot draw (emoji,
CJK…) are left out rather than shown as boxes. Same inputs, same bytes: text is laid out by
Pillow's basic engine (Raqm, when present, depends on system libraries) and the PNG carries
no metadata.
"""

from __future__ import annotations

import logging
import math
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, replace
from functools import cache
from importlib import resources
from io import BytesIO
from typing import Literal

from PIL import Image, ImageDraw, ImageFont, ImageOps, UnidentifiedImageError

logger = logging.getLogger(__name__)

WIDTH, HEIGHT = 1200, 630
MARGIN_X, MARGIN_Y = 80, 64  # platforms crop and round cards: nothing is drawn nearer the edges

# Material Design's 500 shades, under the palette names of `generator.movement.schema`.
MATERIAL_500: dict[str, str] = {
    "red": "#f44336",
    "pink": "#e91e63",
    "purple": "#9c27b0",
    "deep purple": "#673ab7",
    "indigo": "#3f51b5",
    "blue": "#2196f3",
    "light blue": "#03a9f4",
    "cyan": "#00bcd4",
    "teal": "#009688",
    "green": "#4caf50",
    "light green": "#8bc34a",
    "lime": "#cddc39",
    "yellow": "#ffeb3b",
    "amber": "#ffc107",
    "orange": "#ff9800",
    "deep orange": "#ff5722",
    "brown": "#795548",
    "grey": "#9e9e9e",
    "blue grey": "#607d8b",
    "black": "#000000",
    "white": "#ffffff",
}
DEFAULT_PRIMARY = "indigo"

RGB = tuple[int, int, int]
WHITE: RGB = (255, 255, 255)
BLACK: RGB = (0, 0, 0)
MIN_TEXT_CONTRAST = 4.5  # WCAG 2 AA for text
MIN_SHAPE_CONTRAST = 3.0  # WCAG 2 AA for graphics

_FONT_PACKAGE, _FONT_FILE = "fontpkg_roboto", "files/Roboto[wdth,wght].ttf"
_BOLD, _REGULAR = 700, 400
_ELLIPSIS = "…"
_TRAILING = " \u00a0,;:.-\u2013\u2014"  # dropped before an ellipsis, with en and em dashes
_NO_BREAK_SPACE = "\u00a0"
_NO_BREAK_SPACES = frozenset("\u00a0\u2007\u202f")  # Roboto has only the first: it stands in
_TRAILING_SPACES = " \u00a0"
_SPACES = re.compile(" +")
_MISSING = "\U0010fffd"  # private use, in no font: it draws the missing-glyph box

_HEADER_HEIGHT = 104
_GAP = 32
_RULE_WIDTH, _RULE_HEIGHT = 96, 8
_HASHTAG_SIZES = tuple(range(44, 23, -2))
_NAME_SIZES = tuple(range(96, 39, -2))
_TAGLINE_SIZES = (34,)
_LOGO_MAX_WIDTH, _LOGO_PADDING, _LOGO_RADIUS = 320, 12, 16
_LOGO_MAX_PIXELS = 40_000_000
_LOGO_FORMATS = ("PNG", "JPEG", "WEBP")

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


SAFE_AREA = Box(MARGIN_X, MARGIN_Y, WIDTH - MARGIN_X, HEIGHT - MARGIN_Y)


@dataclass(frozen=True)
class TextBlock:
    """Lines of text set in one font; `box` holds every pixel they may touch."""

    lines: tuple[str, ...]
    size: int
    weight: int
    origins: tuple[tuple[int, int], ...]
    """Left end of each line's baseline."""
    box: Box


@dataclass(frozen=True)
class CardLayout:
    """Where each part of a card goes."""

    hashtag: TextBlock
    name: TextBlock
    tagline: TextBlock | None
    rule: Box
    logo: Box | None
    """The white plate the logo sits on."""


def social_card(
    name: str,
    hashtag: str,
    tagline: str | None = None,
    primary: str | None = None,
    accent: str | None = None,
    logo: bytes | None = None,
) -> bytes:
    """The card as PNG bytes: `#hashtag` at the top, `name` large, `tagline` below it.

    `primary` and `accent` are Material palette names (`indigo`, `deep orange`…); the accent
    colours a short rule. `logo` is an image file's bytes, PNG, JPEG or WebP. An SVG logo is
    left out, since Pillow does not draw SVG; so is, with a warning, one that does not open.
    """
    background = palette_rgb(primary or DEFAULT_PRIMARY)
    foreground = text_color(background)
    logo_image = open_logo(logo) if logo is not None else None
    layout = layout_card(name, hashtag, tagline, logo_image.size if logo_image else None)
    card = Image.new("RGB", (WIDTH, HEIGHT), background)
    draw = ImageDraw.Draw(card)
    for block in (layout.hashtag, layout.name, layout.tagline):
        if block is not None:
            _draw_text(draw, block, foreground)
    draw.rectangle(_corners(layout.rule), fill=rule_color(background, foreground, accent))
    if logo_image is not None and layout.logo is not None:
        _draw_logo(card, logo_image, layout.logo)
    return _png_bytes(card)


def layout_card(
    name: str, hashtag: str, tagline: str | None, logo_size: tuple[int, int] | None = None
) -> CardLayout:
    """Place the card's parts, the text first reduced to what the font can draw."""
    logo = _logo_plate(logo_size) if logo_size is not None else None
    header = Box(
        SAFE_AREA.left,
        SAFE_AREA.top,
        logo.left - _GAP if logo is not None else SAFE_AREA.right,
        SAFE_AREA.top + _HEADER_HEIGHT,
    )
    hashtag_block = fit_text(drawable_text(f"#{hashtag}"), header, _HASHTAG_SIZES, _BOLD, 1)
    body = Box(SAFE_AREA.left, header.bottom + _GAP, SAFE_AREA.right, SAFE_AREA.bottom)
    tagline_block = None
    if tagline is not None and (tagline_text := drawable_text(tagline)):
        tagline_block = fit_text(
            tagline_text, body, _TAGLINE_SIZES, _REGULAR, 2, leading=1.3, align="bottom"
        )
        body = Box(body.left, body.top, body.right, tagline_block.box.top - _GAP)
    rule = Box(body.left, body.bottom - _RULE_HEIGHT, body.left + _RULE_WIDTH, body.bottom)
    name_area = Box(body.left, body.top, body.right, rule.top - _GAP)
    name_block = fit_text(drawable_text(name), name_area, _NAME_SIZES, _BOLD, 3, align="bottom")
    # Set at the bottom of the body, the group rises by half the room left above the name.
    rise = (name_block.box.top - name_area.top) // 2
    return CardLayout(
        hashtag_block,
        _moved(name_block, -rise),
        _moved(tagline_block, -rise) if tagline_block is not None else None,
        _shifted(rule, -rise),
        logo,
    )


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
        font = _font(size, weight)
        lines = wrap(text, font, area.width)
        if len(lines) <= max_lines:
            block = _set_lines(lines, size, weight, area, leading, align)
            if block is not None:
                return block
    size = sizes[-1]
    font = _font(size, weight)
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


def palette_rgb(color: str) -> RGB:
    """A Material palette name's 500 shade: `deep orange` → (255, 87, 34)."""
    try:
        code = MATERIAL_500[color]
    except KeyError:
        known = ", ".join(sorted(MATERIAL_500))
        raise ValueError(
            f"'{color}' is not a Material palette colour; use one of: {known}"
        ) from None
    return (int(code[1:3], 16), int(code[3:5], 16), int(code[5:7], 16))


def contrast_ratio(first: RGB, second: RGB) -> float:
    """The WCAG 2 contrast ratio of two colours, from 1 (the same) to 21 (black and white)."""
    dark, light = sorted((relative_luminance(first), relative_luminance(second)))
    return (light + 0.05) / (dark + 0.05)


def relative_luminance(color: RGB) -> float:
    """The WCAG 2 relative luminance of an sRGB colour, from 0 (black) to 1 (white)."""
    red, green, blue = (_linear(channel) for channel in color)
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def text_color(background: RGB) -> RGB:
    """White or black, whichever contrasts more with `background`: never less than 4.58:1."""
    return max((WHITE, BLACK), key=lambda color: contrast_ratio(color, background))


def rule_color(background: RGB, foreground: RGB, accent: str | None) -> RGB:
    """The accent colour where it stands out from the background, else the text colour."""
    if accent is None:
        return foreground
    color = palette_rgb(accent)
    return color if contrast_ratio(color, background) >= MIN_SHAPE_CONTRAST else foreground


def open_logo(data: bytes) -> Image.Image | None:
    """The logo as an upright RGBA image; None for SVG or what Pillow cannot read."""
    if data.lstrip()[:1] == b"<":
        logger.debug("SVG logo left out of the social card: Pillow does not draw SVG")
        return None
    try:
        with Image.open(BytesIO(data), formats=_LOGO_FORMATS) as image:
            if image.width * image.height > _LOGO_MAX_PIXELS:
                raise ValueError(f"{image.width}x{image.height} pixels is too large for a logo")
            return ImageOps.exif_transpose(image).convert("RGBA")
    except UnidentifiedImageError:
        reason = "it is not a PNG, JPEG or WebP image"
    except (OSError, SyntaxError, ValueError, EOFError, Image.DecompressionBombError) as error:
        reason = f"it does not open ({error})"
    logger.warning("Logo left out of the social card: %s", reason)
    return None


def _set_lines(
    lines: list[str], size: int, weight: int, area: Box, leading: float, align: Align
) -> TextBlock | None:
    """Lines at their baselines inside `area`, or None where some ink would leave it."""
    font = _font(size, weight)
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


def _logo_plate(size: tuple[int, int]) -> Box:
    """The logo's plate at the right of the header, the logo scaled down to fit it."""
    inner_width, inner_height = _logo_inner_size(size)
    plate_width, plate_height = inner_width + 2 * _LOGO_PADDING, inner_height + 2 * _LOGO_PADDING
    top = SAFE_AREA.top + (_HEADER_HEIGHT - plate_height) // 2
    return Box(SAFE_AREA.right - plate_width, top, SAFE_AREA.right, top + plate_height)


def _logo_inner_size(size: tuple[int, int]) -> tuple[int, int]:
    width, height = size
    room_width, room_height = (
        _LOGO_MAX_WIDTH - 2 * _LOGO_PADDING,
        _HEADER_HEIGHT - 2 * _LOGO_PADDING,
    )
    scale = min(1.0, room_width / width, room_height / height)
    return max(1, round(width * scale)), max(1, round(height * scale))


def _draw_text(draw: ImageDraw.ImageDraw, block: TextBlock, color: RGB) -> None:
    font = _font(block.size, block.weight)
    for line, origin in zip(block.lines, block.origins, strict=True):
        draw.text(origin, line, font=font, fill=color, anchor="ls")


def _draw_logo(card: Image.Image, logo: Image.Image, plate: Box) -> None:
    ImageDraw.Draw(card).rounded_rectangle(_corners(plate), radius=_LOGO_RADIUS, fill=WHITE)
    inner = Box(
        plate.left + _LOGO_PADDING,
        plate.top + _LOGO_PADDING,
        plate.right - _LOGO_PADDING,
        plate.bottom - _LOGO_PADDING,
    )
    scaled = logo.resize((inner.width, inner.height), Image.Resampling.LANCZOS)
    card.paste(scaled, (inner.left, inner.top), scaled)


def _png_bytes(card: Image.Image) -> bytes:
    buffer = BytesIO()
    card.save(buffer, format="PNG", optimize=False, compress_level=9)
    return buffer.getvalue()


def _corners(box: Box) -> tuple[int, int, int, int]:
    """`box` as ImageDraw's shape corners, whose right and bottom are inclusive."""
    return (box.left, box.top, box.right - 1, box.bottom - 1)


def _moved(block: TextBlock, dy: int) -> TextBlock:
    origins = tuple((x, y + dy) for x, y in block.origins)
    return replace(block, origins=origins, box=_shifted(block.box, dy))


def _shifted(box: Box, dy: int) -> Box:
    return Box(box.left, box.top + dy, box.right, box.bottom + dy)


def _union(first: Box, second: Box) -> Box:
    return Box(
        min(first.left, second.left),
        min(first.top, second.top),
        max(first.right, second.right),
        max(first.bottom, second.bottom),
    )


def _linear(channel: int) -> float:
    value = channel / 255
    return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4


@cache
def _glyph_print(char: str) -> tuple[object, ...]:
    """What the font draws for `char`: its ink box, advance and pixels."""
    font = _font(32, _REGULAR)
    image = Image.new("L", (96, 96))
    ImageDraw.Draw(image).text((32, 64), char, font=font, fill=255, anchor="ls")
    return (font.getbbox(char, anchor="ls"), font.getlength(char), image.tobytes())


@cache
def _font(size: int, weight: int) -> ImageFont.FreeTypeFont:
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
