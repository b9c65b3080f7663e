"""The icons of the share controls: one SVG sprite per page, each icon a `<use>` of it.

The icons are files of the package (`generator/icons/`, sources and licences in its
LICENSE.md); a page carries each drawing once, however many buttons show it.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

from markupsafe import Markup

ICONS_DIR = Path(__file__).resolve().parent.parent / "icons"
_SVG = re.compile(r'<svg xmlns="http://www.w3.org/2000/svg" viewBox="([0-9. -]+)">(.*)</svg>', re.S)


@functools.cache
def icon_names() -> tuple[str, ...]:
    """Every icon the package ships, by file name without `.svg`, sorted."""
    return tuple(sorted(path.stem for path in ICONS_DIR.glob("*.svg")))


def _symbol(name: str) -> str:
    match = _SVG.fullmatch((ICONS_DIR / f"{name}.svg").read_text(encoding="utf-8").strip())
    if match is None:
        raise ValueError(f"{ICONS_DIR / name}.svg: not a single <svg> with a viewBox")
    view_box, drawing = match.groups()
    return f'<symbol id="pv-icon-{name}" viewBox="{view_box}">{drawing}</symbol>'


@functools.cache
def icon_sprite() -> Markup:
    """The drawings, defined once in a block of their own that shows nothing by itself."""
    symbols = "".join(_symbol(name) for name in icon_names())
    return Markup(
        f'<div class="pv-sprite" hidden><svg xmlns="http://www.w3.org/2000/svg">{symbols}</svg></div>'
    )


def icon(name: str) -> Markup:
    """An icon for a button or link that names itself in text: hidden from screen readers."""
    if name not in icon_names():
        raise ValueError(f"no icon {name!r} in {ICONS_DIR} (there are: {', '.join(icon_names())})")
    return Markup(
        f'<svg class="pv-icon" aria-hidden="true" focusable="false">'
        f'<use href="#pv-icon-{name}"></use></svg>'
    )
