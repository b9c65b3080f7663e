"""QR codes: the SVG for pages is accessible XML whose geometry is the code, and decodes."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest
import zxingcpp
from PIL import Image, ImageDraw

from generator.render.qr import (
    MIN_MODULE,
    QUIET_ZONE,
    dark_runs,
    printed_qr,
    qr_code,
    qr_modules,
    qr_svg,
)

SVG = "{http://www.w3.org/2000/svg}"
LONG = (
    "https://example.org/belvent-sur-lac/fr/publications/"
    + "/".join(f"segment-{index:02d}" for index in range(19))
    + "/?utm_source=affiche&utm_medium=print&lang=fr"
)
URLS = [
    "https://example.org/belvent/en/posts/#post-1",
    "https://example.org/search?q=v%C3%A9lo&lang=fr&page=2",
    "https://example.org/v\u00e9lo-s\u00fbr/?a=1&b=2",
    LONG,
]
_RUN = re.compile(r"M(\d+) (\d+)h(\d+)v1h-(\d+)z")


def _raster(modules: tuple[tuple[bool, ...], ...], scale: int = 8) -> Image.Image:
    """The code drawn from its modules, dark squares on white, with the quiet zone."""
    side = (len(modules) + 2 * QUIET_ZONE) * scale
    image = Image.new("L", (side, side), 255)
    draw = ImageDraw.Draw(image)
    for y, row in enumerate(modules):
        for x, dark in enumerate(row):
            if dark:
                left, top = (x + QUIET_ZONE) * scale, (y + QUIET_ZONE) * scale
                draw.rectangle((left, top, left + scale - 1, top + scale - 1), fill=0)
    return image


def _svg_matrix(svg: ET.Element) -> list[list[bool]]:
    """The modules the SVG's path draws, quiet zone included."""
    side = int(svg.attrib["viewBox"].split()[2])
    matrix = [[False] * side for _ in range(side)]
    path = svg.find(f"{SVG}path")
    assert path is not None and path.attrib["fill"] == "#000"
    data = path.attrib["d"]
    assert "".join(match[0] for match in _RUN.finditer(data)) == data
    for match in _RUN.finditer(data):
        x, y, length, back = (int(group) for group in match.groups())
        assert length == back
        for column in range(x, x + length):
            assert not matrix[y][column], "runs overlap"
            matrix[y][column] = True
    return matrix


def test_long_url_is_long() -> None:
    assert 280 <= len(LONG) <= 320


@pytest.mark.parametrize("url", URLS)
def test_svg_is_accessible_xml_without_fixed_size(url: str) -> None:
    text = qr_svg(url, "Scan for the toolkit")
    assert not text.startswith("<?xml")
    svg = ET.fromstring(text)
    assert svg.tag == f"{SVG}svg"
    assert svg.attrib["role"] == "img"
    assert svg.attrib["aria-label"] == "Scan for the toolkit"
    assert svg.attrib["class"] == "pv-qr"
    assert svg.attrib["data-url"] == url
    assert svg.attrib["shape-rendering"] == "crispEdges"
    assert "width" not in svg.attrib and "height" not in svg.attrib
    title = svg.find(f"{SVG}title")
    assert title is not None and title.text == "Scan for the toolkit"
    side = len(qr_modules(url)) + 2 * QUIET_ZONE
    assert svg.attrib["viewBox"] == f"0 0 {side} {side}"
    background = svg.find(f"{SVG}rect")
    assert background is not None
    assert (background.attrib["width"], background.attrib["height"]) == (str(side), str(side))
    assert background.attrib["fill"] == "#fff"


@pytest.mark.parametrize("url", URLS)
def test_svg_geometry_is_the_code(url: str) -> None:
    modules = qr_modules(url)
    matrix = _svg_matrix(ET.fromstring(qr_svg(url, "QR")))
    side = len(modules) + 2 * QUIET_ZONE
    expected = [[False] * side for _ in range(side)]
    for y, row in enumerate(modules):
        for x, dark in enumerate(row):
            expected[y + QUIET_ZONE][x + QUIET_ZONE] = dark
    assert matrix == expected


@pytest.mark.parametrize("url", URLS)
def test_code_decodes_to_the_exact_url(url: str) -> None:
    results = zxingcpp.read_barcodes(_raster(qr_modules(url)))
    assert [result.text for result in results] == [url]
    assert results[0].format == zxingcpp.BarcodeFormat.QRCode


def test_full_code_at_level_m_or_better() -> None:
    code = qr_code(URLS[0])
    assert not code.is_micro
    assert code.error in ("M", "Q")
    modules = qr_modules(URLS[0])
    assert len(modules) == code.symbol_size(border=0)[0]
    assert all(len(row) == len(modules) for row in modules)
    # Finder pattern: the top left corner is a dark 7-by-7 ring.
    assert all(modules[0][:7]) and all(modules[6][:7]) and not modules[1][1]


def test_runs_merge_each_row() -> None:
    modules = ((True, True, False, True), (False, False, False, False), (True, True, True, True))
    assert list(dark_runs(modules)) == [(0, 0, 2), (0, 3, 1), (2, 0, 4)]


def test_label_and_url_are_escaped() -> None:
    label = 'Scan <me> & "share"'
    url = 'https://example.org/?a=1&b="2"'
    text = qr_svg(url, label)
    assert 'aria-label="Scan &lt;me&gt; &amp; &quot;share&quot;"' in text
    assert "<title>Scan &lt;me&gt; &amp; &quot;share&quot;</title>" in text
    assert 'data-url="https://example.org/?a=1&amp;b=&quot;2&quot;"' in text
    svg = ET.fromstring(text)
    assert svg.attrib["aria-label"] == label
    assert svg.attrib["data-url"] == url


def test_same_url_same_svg() -> None:
    assert qr_svg(URLS[1], "QR") == qr_svg(URLS[1], "QR")
    assert qr_svg(URLS[1], "QR") != qr_svg(URLS[0], "QR")


def test_printed_modules_are_never_under_half_a_millimetre() -> None:
    short = printed_qr(URLS[0], 25.0, 45.0)
    assert short is not None and short.size == pytest.approx(25.0)
    assert short.module >= MIN_MODULE and short.modules == qr_modules(URLS[0])
    long = printed_qr(LONG, 25.0, 45.0)
    assert long is not None and long.module == MIN_MODULE and long.size > 25.0
    smallest = printed_qr(URLS[0], 0.0, 45.0)
    assert smallest is not None and smallest.module == MIN_MODULE
    assert printed_qr("https://example.org/" + "a" * 1000, 25.0, 45.0) is None
