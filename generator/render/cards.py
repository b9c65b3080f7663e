"""A movement's social card: the 1200x630 PNG that X and others show beside a link to its site.

Drawn offline at build time from the movement's name, hashtag, tagline, colours and logo: its
colours come from `colors`, where its parts go from `card_layout`, its text and font from
`card_text`. Same inputs, same bytes: the PNG carries no metadata.
"""

from __future__ import annotations

from io import BytesIO

from PIL import Image, ImageDraw, ImageOps, PngImagePlugin

from generator.movement.logo import MAX_LOGO_PIXELS, RASTER_FORMATS, logo_kind
from generator.render.card_layout import HEIGHT, LOGO_PADDING, WIDTH, layout_card
from generator.render.card_text import Box, TextBlock
from generator.render.colors import (
    DEFAULT_PRIMARY,
    RGB,
    WHITE,
    palette_rgb,
    rule_color,
    text_color,
)
from generator.render.fonts import draw_line

_LOGO_RADIUS = 16


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
    colours a short rule. `logo` is a checked logo file's bytes (see `open_logo`); an SVG
    logo is left out, since Pillow does not draw SVG.
    """
    background = palette_rgb(primary or DEFAULT_PRIMARY)
    foreground = text_color(background)
    logo_image = open_logo(logo) if logo is not None else None
    layout = layout_card(name, hashtag, tagline, logo_image.size if logo_image else None)
    card = Image.new("RGB", (WIDTH, HEIGHT), background)
    draw = ImageDraw.Draw(card)
    for block in (layout.hashtag, layout.name, layout.tagline):
        if block is not None:
            draw_block(draw, block, foreground)
    draw.rectangle(corners(layout.rule), fill=rule_color(background, foreground, accent))
    if logo_image is not None and layout.logo is not None:
        draw_logo(card, logo_image, layout.logo)
    return png_bytes(card)


def open_logo(data: bytes) -> Image.Image | None:
    """The logo as an upright RGBA image (a GIF's first frame); None for an SVG logo, which
    Pillow does not draw: the card is then drawn without it.

    `data` passed the movement check (`generator.movement.files`): a logo that does not open
    here is a bug, and raises, rather than a card quietly drawn without it.
    """
    kind = logo_kind(data)
    if kind == "SVG":
        return None
    if kind not in RASTER_FORMATS:
        raise ValueError("the logo is no PNG, JPEG, WebP or GIF image: the check let it through")
    with Image.open(BytesIO(data), formats=(kind,)) as image:
        if image.width * image.height > MAX_LOGO_PIXELS:
            raise ValueError(f"the check let a {image.width}x{image.height} pixels logo through")
        return ImageOps.exif_transpose(image).convert("RGBA")


def draw_block(draw: ImageDraw.ImageDraw, block: TextBlock, color: RGB | int) -> None:
    for line, origin in zip(block.lines, block.origins, strict=True):
        draw_line(draw, origin, line, block.size, block.weight, color)


def draw_logo(card: Image.Image, logo: Image.Image, plate: Box) -> None:
    ImageDraw.Draw(card).rounded_rectangle(corners(plate), radius=_LOGO_RADIUS, fill=WHITE)
    inner = Box(
        plate.left + LOGO_PADDING,
        plate.top + LOGO_PADDING,
        plate.right - LOGO_PADDING,
        plate.bottom - LOGO_PADDING,
    )
    scaled = logo.resize((inner.width, inner.height), Image.Resampling.LANCZOS)
    card.paste(scaled, (inner.left, inner.top), scaled)


def png_bytes(
    card: Image.Image, text: dict[str, str] | None = None, compress_level: int = 9
) -> bytes:
    """`card` as PNG, with no metadata but the `text` chunks given (no time, no software)."""
    info = PngImagePlugin.PngInfo()
    for key, value in (text or {}).items():
        info.add_text(key, value)
    buffer = BytesIO()
    card.save(buffer, format="PNG", optimize=False, compress_level=compress_level, pnginfo=info)
    return buffer.getvalue()


def corners(box: Box) -> tuple[int, int, int, int]:
    """`box` as ImageDraw's shape corners, whose right and bottom are inclusive."""
    return (box.left, box.top, box.right - 1, box.bottom - 1)
