"""What a logo file really holds: its format, told by its first bytes, and a sound picture.

Raster images are opened by Pillow, with the plugin of the promised format only; SVG text
is read by `svg`.
"""

from __future__ import annotations

import warnings
from io import BytesIO
from pathlib import Path

from PIL import Image, UnidentifiedImageError

from generator.movement.svg import svg_problems

# What each logo file name ending promises, as Pillow names formats ("SVG" is ours).
LOGO_SUFFIXES = {
    ".svg": "SVG",
    ".png": "PNG",
    ".jpg": "JPEG",
    ".jpeg": "JPEG",
    ".webp": "WEBP",
    ".gif": "GIF",
}
RASTER_FORMATS = ("PNG", "JPEG", "WEBP", "GIF")
FORMAT_NAMES = {"SVG": "SVG", "PNG": "PNG", "JPEG": "JPEG", "WEBP": "WebP", "GIF": "GIF"}
FORMAT_SUFFIX = {"SVG": ".svg", "PNG": ".png", "JPEG": ".jpg", "WEBP": ".webp", "GIF": ".gif"}
KINDS_TEXT = "an SVG, PNG, JPEG, WebP or GIF image"
WITH_ARTICLE = {"logo": "a logo", "image": "an image"}
"""The keys whose files are checked here (`theme.logo`, a post's `image`), as words."""


# Bounds on what a logo may cost to check and to publish. A header logo is at most a few
# hundred pixels wide: 4096x4096 leaves room for any export, while a decoded image of that
# size is 64 MiB of RGBA, which a check of every movement can afford; larger files are
# mistakes (a print master) or decompression bombs.
MAX_LOGO_PIXELS = 4096 * 4096
MAX_RASTER_BYTES = 5 * 1024 * 1024


_PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
_UTF16_XML = (b"\xff\xfe<\x00", b"\xfe\xff\x00<")


def logo_kind(data: bytes) -> str | None:
    """The format `data` really holds, from its first bytes: PNG, JPEG, WEBP, GIF, SVG or None.

    SVG is any XML-looking text: whether it is an SVG picture is for `svg_problems` to say.
    """
    if data.startswith(_PNG_MAGIC):
        return "PNG"
    if data.startswith(b"\xff\xd8\xff"):
        return "JPEG"
    if data.startswith((b"GIF87a", b"GIF89a")):
        return "GIF"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "WEBP"
    text = data.removeprefix(b"\xef\xbb\xbf").lstrip(b" \t\r\n")
    if text.startswith(b"<") or data.startswith(_UTF16_XML):
        return "SVG"
    return None


def logo_data_problems(name: str, data: bytes, key: str = "logo") -> list[str]:
    """What is wrong with `data`, the content of the image file called `name` at the
    movement file's `key` (`logo`, or a post's `image`)."""
    promised = LOGO_SUFFIXES[Path(name).suffix.lower()]
    actual = logo_kind(data)
    if not data:
        return [f"'{name}' is empty; export the {key} again"]
    if actual == "SVG" != promised and svg_problems(data):
        actual = None  # XML or HTML text, but no clean SVG either: do not advise renaming
    if actual is None:
        what = "text" if _is_text(data) else "something else"
        return [
            f"'{name}' holds {what}, not {_an(promised)} image (its content, not its name, "
            f"decides); export the {key} again as {FORMAT_NAMES[promised]}"
        ]
    if actual != promised:
        renamed = Path(name).with_suffix(FORMAT_SUFFIX[actual]).as_posix()
        return [
            f"'{name}' is really {_an(actual)} image, named {Path(name).suffix}; "
            f"rename it {Path(renamed).name} and write {key}: {renamed}"
        ]
    if actual == "SVG":
        return [f"{name}:{line}: {reason}" for line, reason in svg_problems(data)]
    reason = raster_problem(data, actual, key)
    return [f"'{name}' {reason}"] if reason else []


def raster_problem(data: bytes, image_format: str, key: str = "logo") -> str | None:
    """Why `data` is not a sound `image_format` picture (PNG, JPEG, WEBP or GIF), or None."""
    name = FORMAT_NAMES[image_format]
    try:
        with _opened(data, image_format) as image:
            pixels = image.width * image.height
            if pixels > MAX_LOGO_PIXELS:
                side = int(MAX_LOGO_PIXELS**0.5)
                return (
                    f"is {image.width}x{image.height} pixels, over the {MAX_LOGO_PIXELS:,} "
                    f"({side}x{side}) {WITH_ARTICLE[key]} may have; export it smaller"
                )
            image.verify()  # checksums and structure, without decoding
        with _opened(data, image_format) as image:
            image.load()  # the pixels themselves: a truncated file fails here
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        return (
            f"claims more pixels than can be safely decoded, far over the {MAX_LOGO_PIXELS:,} "
            f"{WITH_ARTICLE[key]} may have; export the {name} again, smaller"
        )
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError) as error:
        return f"does not open as a {name} image ({error or type(error).__name__}); export it again"
    return None


def _opened(data: bytes, image_format: str) -> Image.Image:
    # Only the plugin of the promised format: no other decoder ever sees the bytes.
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        return Image.open(BytesIO(data), formats=(image_format,))


def _is_text(data: bytes) -> bool:
    try:
        text = data[:4096].decode("utf-8")
    except UnicodeDecodeError:
        return False
    return "\x00" not in text


def _an(image_format: str) -> str:
    return "an SVG" if image_format == "SVG" else f"a {FORMAT_NAMES[image_format]}"
