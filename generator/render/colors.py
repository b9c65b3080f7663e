"""The social card's colours: Material palette names to RGB, and WCAG 2 contrast between them."""

from __future__ import annotations

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


def _linear(channel: int) -> float:
    value = channel / 255
    return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4
