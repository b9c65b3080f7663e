"""QR codes for a movement's addresses: inline SVG for its pages, module matrices for print.

Codes are made by segno (pure Python), always as full QR codes (never Micro QR, which many
phone cameras do not read) at error correction level M at least: segno raises it to Q when
that costs no extra modules. The SVG is written here from the module matrix rather than by
segno's SVG writer, which has no way to add the accessibility attributes a page needs
(`role`, `aria-label`) nor `data-url`; it is one `<path>` of dark runs on a white `<rect>`,
with a quiet zone of four modules and no fixed size (CSS sizes it through `.pv-qr`). The
same input always gives the same string. For print, `printed_qr` sizes a code so that no
module is under half a millimetre, which phone cameras read from arm's length.
"""

from __future__ import annotations

import html
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

import segno

QUIET_ZONE = 4
"""Light modules around the code on every side, as the QR standard asks."""
MIN_MODULE = 0.5
"""The smallest module of a printed code, in millimetres."""

Modules = tuple[tuple[bool, ...], ...]


def qr_code(url: str) -> segno.QRCode:
    """The full QR code of `url`, error correction M (or Q when it comes free)."""
    return segno.make(url, error="m", micro=False, boost_error=True)


@lru_cache(maxsize=256)
def qr_modules(url: str) -> Modules:
    """The code of `url` as rows of modules, without quiet zone: True is dark (kept for the
    page and the PDF, which draw the same codes: segno takes about 13 ms a code)."""
    return tuple(
        tuple(bool(module) for module in row) for row in qr_code(url).matrix_iter(scale=1, border=0)
    )


@dataclass(frozen=True)
class PrintedQr:
    """A code as printed: (x, y) is the top left corner of its quiet zone, in millimetres."""

    x: float
    y: float
    module: float
    modules: Modules
    url: str

    @property
    def size(self) -> float:
        """The side of the code with its quiet zone."""
        return self.module * (len(self.modules) + 2 * QUIET_ZONE)


def printed_qr(url: str, nominal: float, limit: float) -> PrintedQr | None:
    """The code of `url` `nominal` millimetres wide, larger if its modules would be under
    `MIN_MODULE`, or None if that would pass `limit` (the address is then only text)."""
    modules = qr_modules(url)
    count = len(modules) + 2 * QUIET_ZONE
    module = max(nominal / count, MIN_MODULE)
    return None if module * count > limit else PrintedQr(0.0, 0.0, module, modules, url)


def dark_runs(modules: Modules) -> Iterator[tuple[int, int, int]]:
    """Each horizontal run of dark modules as (row, first column, length), row by row."""
    for row, line in enumerate(modules):
        start: int | None = None
        for column, dark in enumerate((*line, False)):
            if dark and start is None:
                start = column
            elif not dark and start is not None:
                yield row, start, column - start
                start = None


def qr_svg(url: str, label: str) -> str:
    """An inline `<svg>` of the code of `url`, announced to screen readers as `label`."""
    modules = qr_modules(url)
    side = len(modules) + 2 * QUIET_ZONE
    path = "".join(
        f"M{QUIET_ZONE + column} {QUIET_ZONE + row}h{length}v1h-{length}z"
        for row, column, length in dark_runs(modules)
    )
    name = html.escape(label, quote=True)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="pv-qr" viewBox="0 0 {side} {side}"'
        f' role="img" aria-label="{name}" data-url="{html.escape(url, quote=True)}"'
        f' shape-rendering="crispEdges"><title>{name}</title>'
        f'<rect width="{side}" height="{side}" fill="#fff"/>'
        f'<path fill="#000" d="{path}"/></svg>'
    )
