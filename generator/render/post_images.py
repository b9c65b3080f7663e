"""A post's images: a square one for feeds and a tall one for stories, drawn at build time.

Each shows the post's wording in the movement's colours, with its logo, primary hashtag and
the site's address (its name when the address is unknown), under the post's own photo when
it has one. Same inputs, same bytes: the PNG's only metadata is `KEY_CHUNK`, a digest of
everything it is drawn from, so that a build can take an image from the previous output
instead of drawing it again (`reusable`).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass
from functools import cache, cached_property
from importlib import metadata
from io import BytesIO
from pathlib import Path

from PIL import Image, ImageDraw, ImageOps

from generator.render.cards import corners, draw_block, draw_logo, open_logo, png_bytes
from generator.render.colors import DEFAULT_PRIMARY, RGB, palette_rgb, rule_color, text_color
from generator.render.post_image_layout import FRAMES, Format, PostLayout, layout_post_image

KEY_CHUNK = "porte-voix-inputs"
"""The PNG text chunk that holds the digest of an image's inputs."""
CUT_CHUNK = "porte-voix-cut"
"""The PNG text chunk that says whether the image's text had to be cut ("yes" or "no")."""
_DRAWING_MODULES = ("post_images.py", "post_image_layout.py", "card_text.py", "fonts.py")
_FONT_PACKAGES = ("fontpkg-roboto", "manimgx-fonts", "pillow")


@dataclass(frozen=True)
class PostImage:
    """What one image of a post is drawn from."""

    image_format: Format
    text: str
    hashtag: str
    footer: str
    """The site's address without its scheme, or the movement's name."""
    primary: str | None = None
    accent: str | None = None
    logo: bytes | None = None
    photo: bytes | None = None

    @cached_property
    def key(self) -> str:
        """A digest of the inputs and of the code and fonts that draw them (the logo and
        photo hashed once, though `reusable` and the drawing both ask)."""
        fields = asdict(self)
        for name in ("logo", "photo"):
            data = fields[name]
            fields[name] = hashlib.sha256(data).hexdigest() if data is not None else None
        return hashlib.sha256(
            json.dumps([fields, _drawing_version()], sort_keys=True).encode("utf-8")
        ).hexdigest()


@dataclass(frozen=True)
class DrawnImage:
    png: bytes
    cut: bool
    """Whether its text had to be cut to fit (after a word, with an ellipsis)."""


def draw_post_image(spec: PostImage) -> DrawnImage:
    """The image as PNG bytes, its inputs' digest in its `KEY_CHUNK`."""
    frame = FRAMES[spec.image_format]
    background = palette_rgb(spec.primary or DEFAULT_PRIMARY)
    foreground = text_color(background)
    logo = open_logo(spec.logo) if spec.logo is not None else None
    layout = layout_post_image(
        spec.image_format,
        spec.text,
        spec.hashtag,
        spec.footer,
        logo.size if logo is not None else None,
        with_photo=spec.photo is not None,
    )
    rule = rule_color(background, foreground, spec.accent)
    if logo is None and spec.photo is None:
        image = _draw_flat(layout, (frame.width, frame.height), background, foreground, rule)
    else:
        image = Image.new("RGB", (frame.width, frame.height), background)
        if spec.photo is not None and layout.photo is not None:
            _draw_photo(image, spec.photo, layout)
        draw = ImageDraw.Draw(image)
        for block in (layout.hashtag, layout.text, layout.footer):
            draw_block(draw, block, foreground)
        draw.rectangle(corners(layout.rule), fill=rule)
        if logo is not None and layout.logo is not None:
            draw_logo(image, logo, layout.logo)
    chunks = {KEY_CHUNK: spec.key, CUT_CHUNK: "yes" if layout.text.cut else "no"}
    png = png_bytes(image, chunks, compress_level=6)
    return DrawnImage(png, layout.text.cut)


def _draw_flat(
    layout: PostLayout, size: tuple[int, int], background: RGB, foreground: RGB, rule: RGB
) -> Image.Image:
    """An image of three colours as a palette PNG, a third of the bytes to encode: the text
    is drawn as levels of one band, each level the background blended with the text colour
    as Pillow blends them in RGB, and the rule takes the last entry."""
    levels = Image.new("L", size, 0)
    draw = ImageDraw.Draw(levels)
    for block in (layout.hashtag, layout.text, layout.footer):
        draw_block(draw, block, 255)
    image = Image.frombytes("P", size, levels.point(_LEVELS).tobytes())
    ImageDraw.Draw(image).rectangle(corners(layout.rule), fill=_RULE_INDEX)
    palette = [
        round(back + (fore - back) * index / (_RULE_INDEX - 1))
        for index in range(_RULE_INDEX)
        for back, fore in zip(background, foreground, strict=True)
    ]
    image.putpalette([*palette, *rule])
    return image


_RULE_INDEX = 255
_LEVELS = [round(level * (_RULE_INDEX - 1) / 255) for level in range(256)]
"""A drawn level (0 background … 255 text) as a palette index (0 … 254)."""


def reusable(previous: Path, spec: PostImage) -> DrawnImage | None:
    """`previous`, an image an earlier build wrote, when it was drawn from the same inputs as
    `spec`; None when it is missing, unreadable or drawn from others."""
    try:
        data = previous.read_bytes()
        with Image.open(BytesIO(data), formats=("PNG",)) as image:
            chunks = getattr(image, "text", {})
    except (OSError, ValueError, SyntaxError):
        return None
    if not isinstance(chunks, dict) or chunks.get(KEY_CHUNK) != spec.key:
        return None
    return DrawnImage(data, chunks.get(CUT_CHUNK) == "yes")


def _draw_photo(image: Image.Image, photo: bytes, layout: PostLayout) -> None:
    """The photo, cropped to fill its band (a transparent one over the background)."""
    band = layout.photo
    assert band is not None
    opened = open_logo(photo)
    if opened is None:  # the check refuses SVG photos
        raise ValueError("a post's photo is an SVG picture: the check let it through")
    fitted = ImageOps.fit(opened, (band.width, band.height), Image.Resampling.LANCZOS)
    image.paste(fitted, (band.left, band.top), fitted)


@cache
def _drawing_version() -> list[str]:
    """What else decides the pixels: the drawing code and the fonts' and Pillow's versions."""
    here = Path(__file__).parent
    sources = [hashlib.sha256((here / name).read_bytes()).hexdigest() for name in _DRAWING_MODULES]
    return sources + [f"{name} {metadata.version(name)}" for name in _FONT_PACKAGES]
