"""Where each part of a post's image goes, in its two formats: a photo band (when the post has
one), the hashtag and the logo, the post's text as large as fits, a rule, and the address.

Square images (1080x1080) are for feeds; story images (1080x1920) keep their text out of the
top and bottom 250 pixels, which Instagram and Facebook cover with their own buttons.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from generator.render.card_text import BOLD, REGULAR, Box, TextBlock, drawable_text, fit_text

Format = Literal["square", "story"]
FORMATS: tuple[Format, ...] = ("square", "story")


@dataclass(frozen=True)
class Frame:
    """A format's size, the margins its text keeps, and the height of its photo band."""

    width: int
    height: int
    margin_x: int
    margin_top: int
    margin_bottom: int
    photo_height: int

    @property
    def safe_area(self) -> Box:
        return Box(
            self.margin_x,
            self.margin_top,
            self.width - self.margin_x,
            self.height - self.margin_bottom,
        )


FRAMES: dict[Format, Frame] = {
    "square": Frame(1080, 1080, 88, 88, 88, 432),
    "story": Frame(1080, 1920, 96, 250, 250, 760),
}
LOGO_PADDING = 12

_GAP = 40
_HEADER_HEIGHT = 112
_RULE_WIDTH, _RULE_HEIGHT = 120, 10
_FOOTER_HEIGHT = 56
_HASHTAG_SIZES = tuple(range(56, 31, -2))
_TEXT_SIZES = tuple(range(84, 27, -2))
_TEXT_WEIGHT = 500
_FOOTER_SIZES = tuple(range(36, 23, -2))
_LOGO_MAX_WIDTH = 300


@dataclass(frozen=True)
class PostLayout:
    """Where each part of one image goes."""

    photo: Box | None
    hashtag: TextBlock
    text: TextBlock
    rule: Box
    footer: TextBlock
    logo: Box | None
    """The white plate the logo sits on."""


def layout_post_image(
    image_format: Format,
    text: str,
    hashtag: str,
    footer: str,
    logo_size: tuple[int, int] | None = None,
    with_photo: bool = False,
) -> PostLayout:
    """Place the parts of a post's image; its text at the largest size where it fits whole,
    else cut after a word (the block says `cut`)."""
    frame = FRAMES[image_format]
    safe = frame.safe_area
    photo = Box(0, 0, frame.width, frame.photo_height) if with_photo else None
    top = max(safe.top, photo.bottom + _GAP) if photo is not None else safe.top
    logo = _logo_plate(logo_size, safe.right, top) if logo_size is not None else None
    header = Box(safe.left, top, logo.left - _GAP if logo else safe.right, top + _HEADER_HEIGHT)
    hashtag_block = fit_text(drawable_text(f"#{hashtag}"), header, _HASHTAG_SIZES, BOLD, 1)
    footer_area = Box(safe.left, safe.bottom - _FOOTER_HEIGHT, safe.right, safe.bottom)
    footer_block = fit_text(drawable_text(footer), footer_area, _FOOTER_SIZES, REGULAR, 1)
    rule_top = footer_area.top - _GAP // 2 - _RULE_HEIGHT
    rule = Box(safe.left, rule_top, safe.left + _RULE_WIDTH, rule_top + _RULE_HEIGHT)
    body = Box(safe.left, header.bottom + _GAP, safe.right, rule.top - _GAP)
    text_block = fit_text(
        drawable_text(text, keep_lines=True),
        body,
        _TEXT_SIZES,
        _TEXT_WEIGHT,
        max_lines=64,
        leading=1.25,
        align="middle",
    )
    return PostLayout(photo, hashtag_block, text_block, rule, footer_block, logo)


def _logo_plate(size: tuple[int, int], right: int, top: int) -> Box:
    """The logo's plate at the right of the header, the logo scaled down to fit it."""
    width, height = size
    room_width = _LOGO_MAX_WIDTH - 2 * LOGO_PADDING
    room_height = _HEADER_HEIGHT - 2 * LOGO_PADDING
    scale = min(1.0, room_width / width, room_height / height)
    inner_width, inner_height = max(1, round(width * scale)), max(1, round(height * scale))
    plate_width, plate_height = inner_width + 2 * LOGO_PADDING, inner_height + 2 * LOGO_PADDING
    plate_top = top + (_HEADER_HEIGHT - plate_height) // 2
    return Box(right - plate_width, plate_top, right, plate_top + plate_height)
