"""A logo is checked for what it holds, not for its name, when its movement file is loaded.

Raster logos must open and decode with Pillow, within bounds, as the format their name
promises; SVG logos must be pictures only: nothing that runs, embeds or fetches. Each refusal
is reported at the `theme.logo` key of the movement file, with the reason and the fix.
"""

from __future__ import annotations

import struct
import zlib
from io import BytesIO
from pathlib import Path

import pytest
from click.testing import CliRunner
from PIL import Image, ImageDraw

from generator.cli import main
from generator.errors import MovementError
from generator.movement import load_movement
from generator.movement.logo import FORMAT_SUFFIX, MAX_LOGO_PIXELS, MAX_RASTER_BYTES
from generator.movement.svg import MAX_SVG_BYTES
from tests.support import REPO, make_project

MOVEMENT = """\
name: Semaine des soins
tagline: Plus de soignantes.
organization: {{name: Syndicat, handle: CareUnion, url: https://example.org/}}
site_url: https://example.org/soins/
hashtags: [{{tag: NursingWeek, primary: true}}]
theme:
  logo: {logo}
"""
LOGO_LINE = "movements/soins/movement.yml:7:3: theme.logo: "
SVG_OPEN = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">'


def image_bytes(image_format: str, size: tuple[int, int] = (40, 20)) -> bytes:
    logo = Image.new("RGBA", size, (0, 0, 0, 0))
    ImageDraw.Draw(logo).ellipse((0, 0, size[0] - 1, size[1] - 1), fill=(200, 30, 60, 255))
    buffer = BytesIO()
    (logo.convert("RGB") if image_format == "JPEG" else logo).save(buffer, format=image_format)
    return buffer.getvalue()


def png_claiming(width: int, height: int) -> bytes:
    """A small PNG whose header (with a valid checksum) claims `width`x`height` pixels."""
    data = bytearray(image_bytes("PNG"))
    header = struct.pack(">II", width, height) + data[24:29]
    data[16:29] = header
    data[29:33] = struct.pack(">I", zlib.crc32(b"IHDR" + header))
    return bytes(data)


def padded(data: bytes, size: int) -> bytes:
    """`data` followed by zeros, `size` bytes in all (Pillow ignores what follows a PNG)."""
    return data + b"\0" * (size - len(data))


def svg_of_size(size: int) -> bytes:
    """A clean SVG of exactly `size` bytes, most of it a comment."""
    shell = f"{SVG_OPEN}<!---->\n</svg>\n".encode()
    return shell.replace(b"<!---->", b"<!--" + b"x" * (size - len(shell)) + b"-->")


def logo_messages(
    root: Path, monkeypatch: pytest.MonkeyPatch, name: str, data: bytes | None
) -> list[str]:
    """The problems `load_movement` reports for a movement whose logo is `name` = `data`."""
    folder = root / "movements" / "soins"
    folder.mkdir(parents=True)
    (folder / "movement.yml").write_text(MOVEMENT.format(logo=name), encoding="utf-8")
    if data is not None:
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(data)
    monkeypatch.chdir(root)
    try:
        loaded = load_movement(Path("movements", "soins", "movement.yml"))
    except MovementError as error:
        return [str(problem) for problem in error.problems]
    return [str(warning) for warning in loaded.warnings]


@pytest.mark.parametrize(
    ("name", "image_format"),
    [
        ("logo.png", "PNG"),
        ("logo.jpg", "JPEG"),
        ("logo.JPEG", "JPEG"),
        ("logo.webp", "WEBP"),
        ("logo.gif", "GIF"),
        ("images/logo.png", "PNG"),
    ],
)
def test_sound_raster_logos_pass(
    name: str, image_format: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert logo_messages(tmp_path, monkeypatch, name, image_bytes(image_format)) == []


def test_the_demo_svg_logo_passes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    demo = (REPO / "movements" / "demo" / "logo.svg").read_bytes()
    assert logo_messages(tmp_path, monkeypatch, "logo.svg", demo) == []


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("logo.png", image_bytes("PNG", (4096, 4096))),
        ("logo.png", padded(image_bytes("PNG"), MAX_RASTER_BYTES)),
        ("logo.svg", svg_of_size(MAX_SVG_BYTES)),
    ],
    ids=["most-pixels", "heaviest-png", "heaviest-svg"],
)
def test_a_logo_at_the_bounds_passes(
    name: str, data: bytes, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert logo_messages(tmp_path, monkeypatch, name, data) == []


@pytest.mark.parametrize(
    ("name", "data", "expected"),
    [
        (
            "logo.png",
            b"This is our logo, in words.\n",
            "'logo.png' holds text, not a PNG image (its content, not its name, decides); "
            "export the logo again as PNG",
        ),
        (
            "logo.png",
            b"\x00\x01\x02 binary junk",
            "'logo.png' holds something else, not a PNG image (its content, not its name, "
            "decides); export the logo again as PNG",
        ),
        (
            "logo.png",
            b"<html><body>Not found</body></html>",
            "'logo.png' holds text, not a PNG image (its content, not its name, decides); "
            "export the logo again as PNG",
        ),
        ("logo.webp", b"", "'logo.webp' is empty; export the logo again"),
        (
            "logo.png",
            image_bytes("JPEG"),
            "'logo.png' is really a JPEG image, named .png; rename it logo.jpg and write "
            "logo: logo.jpg",
        ),
        (
            "img/logo.jpg",
            image_bytes("PNG"),
            "'img/logo.jpg' is really a PNG image, named .jpg; rename it logo.png and write "
            "logo: img/logo.png",
        ),
        (
            "logo.png",
            f"{SVG_OPEN}</svg>".encode(),
            "'logo.png' is really an SVG image, named .png; rename it logo.svg and write "
            "logo: logo.svg",
        ),
        (
            "logo.svg",
            image_bytes("GIF"),
            "'logo.svg' is really a GIF image, named .svg; rename it logo.gif and write "
            "logo: logo.gif",
        ),
        (
            "logo.png",
            png_claiming(5000, 5000),
            "'logo.png' is 5000x5000 pixels, over the 16,777,216 (4096x4096) a logo may have; "
            "export it smaller",
        ),
        (
            "logo.png",
            png_claiming(100_000, 100_000),
            "'logo.png' claims more pixels than can be safely decoded, far over the 16,777,216 "
            "a logo may have; export the PNG again, smaller",
        ),
        (
            "logo.png",
            padded(image_bytes("PNG"), MAX_RASTER_BYTES + 1),
            "'logo.png' weighs 5,242,881 bytes, over the 5 MiB (5,242,880 bytes) a logo may "
            "weigh; export it smaller (it is shown at most 320 pixels wide)",
        ),
        (
            "logo.svg",
            svg_of_size(MAX_SVG_BYTES + 1),
            "'logo.svg' weighs 1,048,577 bytes, over the 1 MiB (1,048,576 bytes) a logo may "
            "weigh; export it smaller (it is shown at most 320 pixels wide)",
        ),
    ],
    ids=[
        "text-named-png",
        "binary-named-png",
        "html-named-png",
        "empty",
        "jpeg-named-png",
        "png-named-jpg",
        "svg-named-png",
        "gif-named-svg",
        "too-many-pixels",
        "decompression-bomb",
        "too-heavy-raster",
        "too-heavy-svg",
    ],
)
def test_a_logo_is_refused_for_what_it_holds(
    name: str, data: bytes, expected: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert logo_messages(tmp_path, monkeypatch, name, data) == [LOGO_LINE + expected]


@pytest.mark.parametrize("image_format", ["PNG", "JPEG", "WEBP", "GIF"])
@pytest.mark.parametrize("cut", [30, 200])
def test_a_truncated_raster_logo_is_refused(
    image_format: str, cut: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Pillow's reason (its wording varies by version) between ours."""
    name = f"logo{FORMAT_SUFFIX[image_format]}"
    data = image_bytes(image_format, (300, 200))
    (message,) = logo_messages(tmp_path, monkeypatch, name, data[:-cut])
    shown = "WebP" if image_format == "WEBP" else image_format
    assert message.startswith(f"{LOGO_LINE}'{name}' does not open as a {shown} image (")
    assert message.endswith("); export it again")


def test_the_pixel_bound_is_4096_squared() -> None:
    assert MAX_LOGO_PIXELS == 4096 * 4096


def test_check_refuses_a_text_file_named_logo_png(tmp_path: Path) -> None:
    """As observed: such a logo passed `check`, and the build published it."""
    project = make_project(tmp_path, {"soins": MOVEMENT.format(logo="logo.png")})
    (project / "movements" / "soins" / "logo.png").write_text("our logo\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--project", str(project)])
    assert result.exit_code == 2
    assert (
        f"{project}/{LOGO_LINE}'logo.png' holds text, not a PNG image (its content, not its "
        "name, decides); export the logo again as PNG"
    ) in result.stderr


# --- SVG ---------------------------------------------------------------------------------------

PICTURES_ONLY = "remove it (logos are pictures only)"
EXTERNAL = (
    "reaches another site whenever the logo is shown or opened (which can track visitors, "
    "and change); embed what it shows in the file, or remove the reference"
)
LOCAL_FILE = (
    "points at a file on the computer the logo was made on; embed what it shows in the file, "
    "or remove the reference"
)


def svg(*body: str) -> bytes:
    """An SVG logo: line 1 opens <svg>, line 2 draws a circle, `body` lines follow."""
    return "\n".join([SVG_OPEN, '  <circle cx="5" cy="5" r="4"/>', *body, "</svg>", ""]).encode()


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (
            svg("  <g>", "    <script>alert(document.cookie)</script>", "  </g>"),
            [f"logo.svg:4: <script> runs code when the logo is opened; {PICTURES_ONLY}"],
        ),
        (
            svg("  <rect width='1' height='1'", "        onclick='steal()'/>"),
            [
                "logo.svg:4: onclick= runs code when the logo is opened (an event handler); "
                + PICTURES_ONLY
            ],
        ),
        (
            svg('  <a href="javascript:alert(1)"><text>x</text></a>'),
            [
                'logo.svg:3: href="javascript:alert(1)" runs code when the logo is opened; '
                + PICTURES_ONLY
            ],
        ),
        (
            svg(
                '  <a xmlns:xlink="http://www.w3.org/1999/xlink"',
                '     xlink:href="JaVa&#9;Script:x()"/>',
            ),
            [
                'logo.svg:4: xlink:href="JaVa Script:x()" runs code when the logo is opened; '
                + PICTURES_ONLY
            ],
        ),
        (
            svg('  <iframe src="data:text/html,&lt;script&gt;alert(1)&lt;/script&gt;"/>'),
            [
                "logo.svg:3: <iframe> puts another document inside the logo; " + PICTURES_ONLY,
                'logo.svg:3: src="data:text/html,<script>alert(1)</script>" runs code when the '
                "logo is opened; " + PICTURES_ONLY,
            ],
        ),
        (
            svg('  <image href="https://tracker.example/pixel.png" width="1" height="1"/>'),
            [f'logo.svg:3: href="https://tracker.example/pixel.png" {EXTERNAL}'],
        ),
        (
            svg('  <use href="//cdn.example/shapes.svg#star"/>'),
            [f'logo.svg:3: href="//cdn.example/shapes.svg#star" {EXTERNAL}'],
        ),
        (
            svg('  <image href="file:///home/me/photo.png"/>'),
            [f'logo.svg:3: href="file:///home/me/photo.png" {LOCAL_FILE}'],
        ),
        (
            svg('  <rect style="fill: url(&quot;http://x.example/p.svg#g&quot;)"/>'),
            [f'logo.svg:3: style="…url(http://x.example/p.svg#g)…" {EXTERNAL}'],
        ),
        (
            svg(
                "  <style>",
                "    .a { fill: red }",
                "    .b { fill: url(h\\74tps://x.example/g) }",
                "  </style>",
            ),
            [f"logo.svg:5: url(https://x.example/g) in <style> {EXTERNAL}"],
        ),
        (
            svg("  <style>", "    @import 'https://fonts.example/css';", "  </style>"),
            [
                "logo.svg:4: @import in <style> loads a style sheet from elsewhere; put those "
                "styles in the file"
            ],
        ),
        (
            svg("  <foreignObject><p xmlns='http://www.w3.org/1999/xhtml'>hi</p></foreignObject>"),
            [
                "logo.svg:3: <foreignObject> puts a web page (HTML, which may run code) inside "
                "the logo; " + PICTURES_ONLY
            ],
        ),
        (
            svg("  <embed src='#a'/>", "  <object data='#b'/>"),
            [
                "logo.svg:3: <embed> puts another document or plug-in inside the logo; "
                + PICTURES_ONLY,
                "logo.svg:4: <object> puts another document or plug-in inside the logo; "
                + PICTURES_ONLY,
            ],
        ),
        (
            svg('  <a><set attributeName="href" to="https://x.example/"/></a>'),
            [f'logo.svg:3: <set attributeName="href"> can turn a link into code; {PICTURES_ONLY}'],
        ),
    ],
    ids=[
        "script",
        "event-handler-on-its-own-line",
        "javascript-link",
        "javascript-link-hidden-by-a-tab",
        "iframe-with-html-data",
        "external-image",
        "protocol-relative-use",
        "file-image",
        "external-url-in-style-attribute",
        "escaped-external-url-in-style-element",
        "import-in-style-element",
        "foreign-object",
        "embed-and-object",
        "animated-href",
    ],
)
def test_an_svg_logo_that_does_more_than_draw_is_refused(
    data: bytes, expected: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    messages = logo_messages(tmp_path, monkeypatch, "logo.svg", data)
    assert messages == [LOGO_LINE + message for message in expected]


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE svg [
  <!ENTITY lol "lol">
  <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
  <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<svg xmlns="http://www.w3.org/2000/svg"><text>&lol3;</text></svg>
"""
DOCTYPE = (
    "logo.svg:2: <!DOCTYPE> can declare entities that expand without end (the 'billion "
    "laughs') and an SVG needs none; delete the <!DOCTYPE …> declaration"
)


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (BILLION_LAUGHS, [DOCTYPE]),
        (
            b'<?xml version="1.0"?>\n<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN"'
            b' "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">\n' + svg(),
            [DOCTYPE],
        ),
        (
            svg("  <g>", "  <rect/>"),
            ["logo.svg:5: is not well-formed XML (mismatched tag); export the logo again as SVG"],
        ),
        (
            b"<html>\n<body><svg/></body></html>",
            [
                "logo.svg:1: the file's root element is <html>, not <svg>; export the logo again as SVG"
            ],
        ),
        (
            b'<svg viewBox="0 0 1 1"><rect/></svg>',
            [
                'logo.svg:1: <svg> lacks xmlns="http://www.w3.org/2000/svg", so browsers do not '
                "draw it; add it"
            ],
        ),
        (
            b'<?xml-stylesheet type="text/css" href="https://x.example/a.css"?>\n' + svg(),
            [
                "logo.svg:1: <?xml-stylesheet?> loads a style sheet from elsewhere; delete it "
                "and put the styles in the file"
            ],
        ),
        (
            svg('  <image href="photo.png"/>'),
            [
                'logo.svg:3: href="photo.png" points at another file, which the site does not '
                "publish (the logo is copied alone); embed what it shows in the file, or remove "
                "the reference"
            ],
        ),
        (
            svg('  <image href="data:image/svg+xml;base64,PHN2Zz4="/>'),
            [
                'logo.svg:3: href="data:image/svg+xml;base64,PHN2Zz4=" embeds image/svg+xml '
                "that is no picture and that this check cannot look into; embed a PNG instead, "
                "or remove it"
            ],
        ),
        (
            svg(
                *[
                    f'  <rect onclick="a()" id="r{n}"/><a href="https://x{n}.example/"/>'
                    for n in range(12)
                ]
            ),
            [
                f'logo.svg:3: href="https://x0.example/" {EXTERNAL}',
                "logo.svg:3: onclick= runs code when the logo is opened (an event handler); "
                + PICTURES_ONLY,
                *[
                    f'logo.svg:{3 + n}: href="https://x{n}.example/" {EXTERNAL}'
                    for n in range(1, 9)
                ],
                "logo.svg:11: 3 more like these; fix those first",
            ],
        ),
        (
            svg("  <svg style=\"background: image-set('https://t.example/p.png' 1x)\"/>"),
            [f'logo.svg:3: style="…"https://t.example/p.png"…" {EXTERNAL}'],
        ),
        (
            svg(
                "  <style>",
                '    svg { background: -webkit-image-set("//t.example/p" 1x) }',
                "  </style>",
            ),
            [f'logo.svg:4: "//t.example/p" in <style> {EXTERNAL}'],
        ),
        (
            svg('  <g xml:base="https://x.example/"><use href="#a"/></g>'),
            [f'logo.svg:3: xml:base="https://x.example/" {EXTERNAL}'],
        ),
    ],
    ids=[
        "billion-laughs",
        "doctype",
        "not-well-formed",
        "root-not-svg",
        "no-svg-namespace",
        "xml-stylesheet",
        "relative-file",
        "embedded-svg-document",
        "many-problems",
        "image-set-string-in-style-attribute",
        "image-set-string-in-style-element",
        "xml-base",
    ],
)
def test_an_svg_logo_that_is_no_plain_svg_picture_is_refused(
    data: bytes, expected: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    messages = logo_messages(tmp_path, monkeypatch, "logo.svg", data)
    assert messages == [LOGO_LINE + message for message in expected]


def test_what_a_picture_may_hold_passes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """References inside the file, embedded pictures, styles, titles, links within."""
    data = svg(
        '  <defs><linearGradient id="g"><stop offset="0" stop-color="#fff"/></linearGradient>',
        '    <clipPath id="c"><rect width="5" height="5"/></clipPath></defs>',
        "  <style>.a { fill: url(#g); font-family: 'Open Sans' }</style>",
        '  <title>Union des soins</title><desc>onload="x" javascript is only text here</desc>',
        '  <rect class="a" fill="url(#g)" clip-path="url( #c )" width="9" height="9"/>',
        '  <use href="#c" xmlns:xlink="http://www.w3.org/1999/xlink" xlink:href="#c"/>',
        '  <image href="data:image/png;base64,iVBORw0KGgo=" width="1" height="1"/>',
        '  <a href="#g"><text opacity="0.5">Soins</text></a>',
    )
    assert logo_messages(tmp_path, monkeypatch, "logo.svg", data) == []


def test_a_movement_without_site_url_is_warned_by_check(tmp_path: Path) -> None:
    """Found by `check` (and so by every `build --strict`), not only when a site is rebuilt."""
    text = MOVEMENT.format(logo="logo.svg").replace("site_url: https://example.org/soins/\n", "")
    project = make_project(tmp_path, {"soins": text})
    demo_logo = (REPO / "movements" / "demo" / "logo.svg").read_bytes()
    (project / "movements" / "soins" / "logo.svg").write_bytes(demo_logo)
    result = CliRunner().invoke(main, ["check", "--project", str(project)])
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [
        f"{project}/movements/soins/movement.yml:1:1: warning: site_url: not set: links shared "
        "from this site will show no card (social networks need the image's full address), "
        "its page share buttons need JavaScript, and its posts' images and one-pager show no "
        "address and no QR code (there is none to encode); add site_url: https://…/ where the "
        "site is published"
    ]
