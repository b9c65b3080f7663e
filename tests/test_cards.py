"""Social cards: a 1200x630 PNG per movement, legible on every palette colour, never overflowing."""

from __future__ import annotations

import hashlib
import logging
import struct
import subprocess
import sys
import zlib
from io import BytesIO
from typing import Any, get_args

import pytest
from PIL import Image, ImageChops, ImageDraw

from generator.movement.schema import AccentColor, PaletteColor
from generator.render import fonts
from generator.render.card_layout import HEIGHT, MARGIN_X, MARGIN_Y, SAFE_AREA, WIDTH, layout_card
from generator.render.card_text import Box, drawable_text, ellipsize
from generator.render.cards import social_card
from generator.render.colors import MATERIAL_500, contrast_ratio
from tests.support import REPO

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
TAGLINE = "Des soins sécuritaires pour toutes et tous, partout au Québec."
LONG_NAME = (
    "Coalition québécoise pour des services publics forts, accessibles et gratuits "
    "dans toutes les régions du Québec, de la Gaspésie à l'Abitibi, et pour longtemps encore"
)
LONG_TAGLINE = " ".join(["Une phrase qui explique ce que veut le mouvement, et pourquoi."] * 6)
FRENCH = "Boîte À Outils — Sûr « ça » œuvre Ÿ Ç É È Ê Ë Î Ï Ô Ù Û Ü æ Æ Œ \u2019 …"
EMOJI_AND_CJK = "🎉✊🏾 Grève 中文運動 générale 👩‍⚕️ 日本語 2025 🇨🇦"


def card(**arguments: Any) -> Image.Image:
    """The card of a sample movement, with some arguments changed."""
    values = {"name": "Semaine des soins", "hashtag": "OVPE"} | arguments
    return Image.open(BytesIO(social_card(**values)))


def image_bytes(image_format: str, size: tuple[int, int] = (400, 200)) -> bytes:
    """A logo-like picture: a red disc and a blue bar on a transparent ground."""
    width, height = size
    logo = Image.new("RGBA", size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(logo)
    draw.ellipse((0, 0, width // 2 - 1, height - 1), fill=(220, 40, 60, 255))
    draw.rectangle((width // 2, height // 3, width - 1, 2 * height // 3), fill=(30, 30, 120, 255))
    buffer = BytesIO()
    (logo.convert("RGB") if image_format == "JPEG" else logo).save(buffer, format=image_format)
    return buffer.getvalue()


def changed_area(first: Image.Image, second: Image.Image) -> Box | None:
    bbox = ImageChops.difference(first, second).getbbox()
    return Box(*bbox) if bbox else None


def png_chunk_types(data: bytes) -> list[bytes]:
    types, offset = [], len(PNG_SIGNATURE)
    while offset < len(data):
        (length,) = struct.unpack(">I", data[offset : offset + 4])
        types.append(data[offset + 4 : offset + 8])
        offset += 12 + length
    return types


def wcag_contrast(first: tuple[int, ...], second: tuple[int, ...]) -> float:
    """WCAG 2.x contrast, written out again here so the module does not check itself."""

    def luminance(color: tuple[int, ...]) -> float:
        channels = [c / 255 for c in color[:3]]
        linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    high, low = sorted((luminance(first), luminance(second)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def hex_rgb(code: str) -> tuple[int, int, int]:
    return (int(code[1:3], 16), int(code[3:5], 16), int(code[5:7], 16))


def assert_margins_are_background(image: Image.Image, background: tuple[int, int, int]) -> None:
    bands = {
        "top": (0, 0, WIDTH, MARGIN_Y),
        "bottom": (0, HEIGHT - MARGIN_Y, WIDTH, HEIGHT),
        "left": (0, 0, MARGIN_X, HEIGHT),
        "right": (WIDTH - MARGIN_X, 0, WIDTH, HEIGHT),
    }
    for side, band in bands.items():
        colors = image.crop(band).getcolors()
        assert colors is not None and [color for _, color in colors] == [background], side


def test_card_is_a_1200_by_630_rgb_png_without_metadata() -> None:
    data = social_card("Semaine des soins", "OVPE", TAGLINE, logo=image_bytes("PNG"))
    assert data.startswith(PNG_SIGNATURE)
    image = Image.open(BytesIO(data))
    assert (image.format, image.size, image.mode) == ("PNG", (1200, 630), "RGB")
    assert set(png_chunk_types(data)) == {b"IHDR", b"IDAT", b"IEND"}


def test_same_inputs_give_the_same_bytes_in_this_process_and_a_fresh_one() -> None:
    arguments = ("Boîte À Outils — Sûr", "OVPE", TAGLINE, "teal", "amber")
    data = social_card(*arguments)
    assert social_card(*arguments) == data
    script = (
        "import hashlib; from generator.render.cards import social_card; "
        f"print(hashlib.sha256(social_card(*{arguments!r})).hexdigest())"
    )
    fresh = subprocess.run(
        [sys.executable, "-c", script], cwd=REPO, capture_output=True, text=True, check=True
    )
    assert fresh.stdout.strip() == hashlib.sha256(data).hexdigest()


def test_the_name_is_drawn_in_the_name_area_only() -> None:
    first_layout = layout_card("Semaine des soins", "OVPE", TAGLINE)
    second_layout = layout_card("Journée des luttes", "OVPE", TAGLINE)
    assert first_layout.tagline == second_layout.tagline
    assert first_layout.rule == second_layout.rule
    assert len(first_layout.name.lines) == len(second_layout.name.lines) == 1

    changed = changed_area(
        card(name="Semaine des soins", tagline=TAGLINE),
        card(name="Journée des luttes", tagline=TAGLINE),
    )

    assert changed is not None
    name_area = Box(
        min(first_layout.name.box.left, second_layout.name.box.left),
        min(first_layout.name.box.top, second_layout.name.box.top),
        max(first_layout.name.box.right, second_layout.name.box.right),
        max(first_layout.name.box.bottom, second_layout.name.box.bottom),
    )
    assert name_area.contains(changed)
    assert changed.height > 50  # the name is drawn large


def test_the_hashtag_is_drawn_in_the_header_only() -> None:
    layout = layout_card("Semaine des soins", "OVPE", TAGLINE)
    changed = changed_area(
        card(hashtag="OVPE", tagline=TAGLINE), card(hashtag="NursingWeek", tagline=TAGLINE)
    )
    assert changed is not None
    assert changed.bottom <= layout.name.box.top
    assert layout_card("Semaine des soins", "NursingWeek", TAGLINE).hashtag.lines == (
        "#NursingWeek",
    )


def test_a_long_name_wraps_to_at_most_three_lines_in_a_smaller_font() -> None:
    short = layout_card("Semaine des soins", "OVPE", TAGLINE).name
    wrapped = layout_card(
        "Coalition québécoise pour des services publics forts et gratuits partout", "OVPE", TAGLINE
    ).name
    assert len(wrapped.lines) in (2, 3)
    assert 40 < wrapped.size < short.size == 96  # shrunk only as much as needed
    assert " ".join(wrapped.lines).endswith("partout")


def test_a_name_too_long_for_three_lines_ends_with_an_ellipsis() -> None:
    name = layout_card(LONG_NAME * 2, "OVPE", TAGLINE).name
    assert len(name.lines) == 3
    assert name.lines[-1].endswith("…")
    assert " ".join(name.lines).startswith("Coalition québécoise pour des services")


def test_a_long_tagline_is_cut_with_an_ellipsis() -> None:
    tagline = layout_card("OVPE", "OVPE", LONG_TAGLINE).tagline
    assert tagline is not None
    assert len(tagline.lines) == 2
    assert tagline.lines[-1].endswith("…")


@pytest.mark.parametrize(
    "arguments",
    [
        {"name": LONG_NAME * 3, "tagline": LONG_TAGLINE},
        {"name": "Anticonstitutionnellement" * 8, "tagline": "Sans" + "espace" * 60},
        {"name": "W" * 200, "hashtag": "W" * 139, "logo": image_bytes("PNG", (2000, 300))},
        {"name": "ÂÊÎÔÛ ẪẤỸ Ǻ " * 20, "hashtag": "Ẫ" * 60, "tagline": "ẪẤ " * 80},
        {"name": LONG_NAME, "primary": "white", "logo": image_bytes("PNG", (90, 1200))},
    ],
    ids=["long-text", "unbreakable-words", "wide-letters-and-logo", "stacked-accents", "tall-logo"],
)
def test_nothing_is_drawn_in_the_margins(arguments: dict[str, object]) -> None:
    image = card(**arguments)
    primary = arguments.get("primary", "indigo")
    assert_margins_are_background(image, hex_rgb(MATERIAL_500[str(primary)]))


def test_every_part_of_the_layout_stays_in_the_safe_area() -> None:
    layout = layout_card(LONG_NAME * 3, "W" * 139, LONG_TAGLINE, logo_size=(4000, 100))
    assert layout.logo is not None
    for box in (layout.hashtag.box, layout.name.box, layout.rule, layout.logo):
        assert SAFE_AREA.contains(box), box
    assert layout.tagline is not None and SAFE_AREA.contains(layout.tagline.box)


@pytest.mark.parametrize(
    ("name", "tagline", "logo_size"),
    [
        ("Semaine nationale des soins infirmiers et des luttes", TAGLINE, (400, 200)),
        ("Semaine nationale des soins infirmiers et des luttes", None, None),
        (LONG_NAME, LONG_TAGLINE, (90, 1200)),
        ("OVPE", "Court.", None),
    ],
)
def test_the_parts_of_the_layout_never_overlap(
    name: str, tagline: str | None, logo_size: tuple[int, int] | None
) -> None:
    layout = layout_card(name, "NursingWeek", tagline, logo_size)
    boxes = [layout.hashtag.box, layout.name.box, layout.rule]
    boxes += [layout.tagline.box] if layout.tagline else []
    boxes += [layout.logo] if layout.logo else []
    for index, first in enumerate(boxes):
        for second in boxes[index + 1 :]:
            overlap = Box(
                max(first.left, second.left),
                max(first.top, second.top),
                min(first.right, second.right),
                min(first.bottom, second.bottom),
            )
            assert overlap.width <= 0 or overlap.height <= 0, (first, second)


def test_palette_covers_every_colour_of_the_movement_format() -> None:
    assert set(MATERIAL_500) == set(get_args(PaletteColor))
    assert set(get_args(AccentColor)) <= set(MATERIAL_500)
    assert MATERIAL_500["indigo"] == "#3f51b5"
    assert MATERIAL_500["teal"] == "#009688"
    assert MATERIAL_500["deep orange"] == "#ff5722"


@pytest.mark.parametrize("primary", get_args(PaletteColor))
def test_text_contrasts_at_least_4_5_to_1_with_every_palette_colour(primary: str) -> None:
    image = card(name="Semaine", primary=primary)
    background = hex_rgb(MATERIAL_500[primary])
    assert image.getpixel((0, 0)) == background
    name_box = layout_card("Semaine", "OVPE", None).name.box
    colors = image.crop((name_box.left, name_box.top, name_box.right, name_box.bottom)).getcolors(
        1 << 16
    )
    assert colors is not None
    _, text = max((count, color) for count, color in colors if color != background)
    assert isinstance(text, tuple)
    assert wcag_contrast(text, background) >= 4.5


def test_default_background_is_indigo() -> None:
    assert card().getpixel((0, 0)) == hex_rgb("#3f51b5")


def test_contrast_ratio_matches_wcag_reference_values() -> None:
    assert contrast_ratio((0, 0, 0), (255, 255, 255)) == pytest.approx(21)
    assert contrast_ratio((63, 81, 181), (63, 81, 181)) == pytest.approx(1)
    assert contrast_ratio((0x77, 0x77, 0x77), (255, 255, 255)) == pytest.approx(4.48, abs=0.01)


def test_accent_colours_the_rule_only_where_it_stands_out() -> None:
    layout = layout_card("Semaine des soins", "OVPE", TAGLINE)
    middle = (
        (layout.rule.left + layout.rule.right) // 2,
        (layout.rule.top + layout.rule.bottom) // 2,
    )
    assert card(tagline=TAGLINE, accent="amber").getpixel(middle) == hex_rgb("#ffc107")
    assert card(tagline=TAGLINE, accent="indigo").getpixel(middle) == (255, 255, 255)
    assert card(tagline=TAGLINE).getpixel(middle) == (255, 255, 255)


def test_unknown_palette_name_is_refused_with_the_known_ones() -> None:
    with pytest.raises(
        ValueError,
        match=r"^'navy' is not a Material palette colour; use one of: amber, black, blue, blue grey",
    ):
        social_card("Semaine", "OVPE", primary="navy")


def test_accented_latin_is_drawn_as_typed() -> None:
    assert drawable_text(FRENCH) == FRENCH


def test_french_no_break_spaces_are_kept_and_never_broken() -> None:
    typed = "Pourquoi\u202f? «\u00a0Parce que\u00a0»"
    assert drawable_text(typed) == "Pourquoi\u00a0? «\u00a0Parce que\u00a0»"
    lines = layout_card("Soins\u00a0: pourquoi\u202f? " * 12, "OVPE", None).name.lines
    assert len(lines) == 3
    assert not any(line.startswith(("?", ":", "\u00a0")) for line in lines)
    assert all("\u00a0?" in line for line in lines[:-1] if "?" in line)


def test_decomposed_accents_are_composed_first() -> None:
    assert drawable_text("Gre\u0300ve ge\u0301ne\u0301rale") == "Grève générale"


def test_emoji_are_drawn_by_noto_emoji_and_cjk_left_out_instead_of_drawn_as_boxes() -> None:
    # Skin tones, joiners and presentation selectors go: the emoji is drawn in one colour.
    assert drawable_text(EMOJI_AND_CJK) == "🎉✊ Grève générale 👩⚕ 2025 🇨🇦"
    assert [fonts.FACES[fonts.face_of(c) or 0].name for c in "é🎉✊"] == [
        "Roboto",
        "Noto Emoji",
        "Noto Emoji",
    ]
    assert fonts.missing_characters(EMOJI_AND_CJK) == list("中文運動日本語")
    assert social_card(EMOJI_AND_CJK, "OVPE", "Solidarité 💪 日本語") == social_card(
        "🎉✊ Grève générale 👩⚕ 2025 🇨🇦", "OVPE", "Solidarité 💪"
    )


def test_an_emoji_is_drawn_with_ink_where_a_missing_glyph_would_draw_none() -> None:
    assert layout_card("🚲", "OVPE", None).name.lines == ("🚲",)
    image = Image.new("RGB", (120, 120))
    fonts.draw_line(ImageDraw.Draw(image), (10, 90), "🚲", 80, fonts.REGULAR, (255, 255, 255))
    left, top, right, bottom = image.getbbox() or (0, 0, 0, 0)
    assert right - left > 40 and bottom - top > 20  # a bicycle, not an empty advance


def test_a_name_of_cjk_only_draws_a_card_without_a_name() -> None:
    assert layout_card("中文日本語", "OVPE", None).name.lines == ()
    assert card(name="中文日本語").size == (WIDTH, HEIGHT)


def test_control_characters_and_lone_surrogates_do_not_break_the_card() -> None:
    assert drawable_text("Semaine\n\tdes\x00soins\ud800") == "Semaine des soins"


def bomb_png() -> bytes:
    """A PNG whose header claims 100000x100000 pixels."""
    data = bytearray(image_bytes("PNG", (40, 20)))
    header = struct.pack(">II", 100_000, 100_000) + data[24:29]
    data[16:29] = header
    data[29:33] = struct.pack(">I", zlib.crc32(b"IHDR" + header))
    return bytes(data)


@pytest.mark.parametrize(
    "logo",
    [
        b"",
        b"not an image at all",
        image_bytes("PNG")[:80],
        image_bytes("BMP"),
        bomb_png(),
    ],
    ids=["empty", "text", "truncated-png", "bmp", "decompression-bomb"],
)
def test_a_logo_that_does_not_open_is_a_bug_not_a_warning(
    logo: bytes, caplog: pytest.LogCaptureFixture
) -> None:
    """The movement check refuses such logos: the card trusts it, and says nothing to a log."""
    with (
        caplog.at_level(logging.WARNING, logger="generator.render.cards"),
        pytest.raises((ValueError, OSError, SyntaxError, Image.DecompressionBombError)),
    ):
        social_card("Semaine des soins", "OVPE", TAGLINE, logo=logo)
    assert caplog.records == []


def test_an_svg_logo_is_left_out_quietly(caplog: pytest.LogCaptureFixture) -> None:
    svg = b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>'
    with caplog.at_level(logging.WARNING, logger="generator.render.cards"):
        data = social_card("Semaine des soins", "OVPE", TAGLINE, logo=svg)
    assert data == social_card("Semaine des soins", "OVPE", TAGLINE)
    assert caplog.records == []


@pytest.mark.parametrize("image_format", ["PNG", "JPEG", "WEBP", "GIF"])
def test_a_logo_is_drawn_on_its_plate_in_the_header(image_format: str) -> None:
    logo = image_bytes(image_format)
    plate = layout_card("Semaine des soins", "OVPE", TAGLINE, logo_size=(400, 200)).logo
    assert plate is not None
    changed = changed_area(card(tagline=TAGLINE), card(tagline=TAGLINE, logo=logo))
    assert changed == plate


def test_a_text_cut_inside_its_first_word_still_ends_with_an_ellipsis() -> None:
    word = "Anticonstitutionnellement"
    left, _, right, _ = fonts.text_bounds(word, 40, fonts.BOLD)
    width = right - min(left, 0)  # room for the word alone, not for the word and "…"
    cut = ellipsize(f"{word} suite", 40, fonts.BOLD, width)
    assert cut.endswith("…") and word.startswith(cut[:-1]) and len(cut) < len(word)
