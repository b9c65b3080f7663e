"""Where each part of the social card goes: the hashtag and the logo in the header, then the
name, the accent rule and the tagline, all inside the margins platforms may crop."""

from __future__ import annotations

from dataclasses import dataclass, replace

from generator.render.card_text import BOLD, REGULAR, Box, TextBlock, drawable_text, fit_text

WIDTH, HEIGHT = 1200, 630
MARGIN_X, MARGIN_Y = 80, 64  # platforms crop and round cards: nothing is drawn nearer the edges
SAFE_AREA = Box(MARGIN_X, MARGIN_Y, WIDTH - MARGIN_X, HEIGHT - MARGIN_Y)
LOGO_PADDING = 12
"""Room between the logo and the edges of its white plate."""

_HEADER_HEIGHT = 104
_GAP = 32
_RULE_WIDTH, _RULE_HEIGHT = 96, 8
_HASHTAG_SIZES = tuple(range(44, 23, -2))
_NAME_SIZES = tuple(range(96, 39, -2))
_TAGLINE_SIZES = (34,)
_LOGO_MAX_WIDTH = 320


@dataclass(frozen=True)
class CardLayout:
    """Where each part of a card goes."""

    hashtag: TextBlock
    name: TextBlock
    tagline: TextBlock | None
    rule: Box
    logo: Box | None
    """The white plate the logo sits on."""


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
    hashtag_block = fit_text(drawable_text(f"#{hashtag}"), header, _HASHTAG_SIZES, BOLD, 1)
    body = Box(SAFE_AREA.left, header.bottom + _GAP, SAFE_AREA.right, SAFE_AREA.bottom)
    tagline_block = None
    if tagline is not None and (tagline_text := drawable_text(tagline)):
        tagline_block = fit_text(
            tagline_text, body, _TAGLINE_SIZES, REGULAR, 2, leading=1.3, align="bottom"
        )
        body = Box(body.left, body.top, body.right, tagline_block.box.top - _GAP)
    rule = Box(body.left, body.bottom - _RULE_HEIGHT, body.left + _RULE_WIDTH, body.bottom)
    name_area = Box(body.left, body.top, body.right, rule.top - _GAP)
    name_block = fit_text(drawable_text(name), name_area, _NAME_SIZES, BOLD, 3, align="bottom")
    # Set at the bottom of the body, the group rises by half the room left above the name.
    rise = (name_block.box.top - name_area.top) // 2
    return CardLayout(
        hashtag_block,
        _moved(name_block, -rise),
        _moved(tagline_block, -rise) if tagline_block is not None else None,
        _shifted(rule, -rise),
        logo,
    )


def _logo_plate(size: tuple[int, int]) -> Box:
    """The logo's plate at the right of the header, the logo scaled down to fit it."""
    inner_width, inner_height = _logo_inner_size(size)
    plate_width, plate_height = inner_width + 2 * LOGO_PADDING, inner_height + 2 * LOGO_PADDING
    top = SAFE_AREA.top + (_HEADER_HEIGHT - plate_height) // 2
    return Box(SAFE_AREA.right - plate_width, top, SAFE_AREA.right, top + plate_height)


def _logo_inner_size(size: tuple[int, int]) -> tuple[int, int]:
    width, height = size
    room_width, room_height = (
        _LOGO_MAX_WIDTH - 2 * LOGO_PADDING,
        _HEADER_HEIGHT - 2 * LOGO_PADDING,
    )
    scale = min(1.0, room_width / width, room_height / height)
    return max(1, round(width * scale)), max(1, round(height * scale))


def _moved(block: TextBlock, dy: int) -> TextBlock:
    origins = tuple((x, y + dy) for x, y in block.origins)
    return replace(block, origins=origins, box=_shifted(block.box, dy))


def _shifted(box: Box, dy: int) -> Box:
    return Box(box.left, box.top + dy, box.right, box.bottom + dy)
