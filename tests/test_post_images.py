"""Each post's square and story images: their sizes, their text inside the margins whatever
the text, the same bytes from the same inputs, their reuse by the next build, their photos."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

import pytest
from PIL import Image, ImageChops, ImageDraw, PngImagePlugin

from generator.build.options import BuildOptions
from generator.build.run import build
from generator.movement import load_movement
from generator.project import Project
from generator.render.cards import corners, draw_block
from generator.render.colors import palette_rgb, rule_color, text_color
from generator.render.post_image_layout import FORMATS, FRAMES, layout_post_image
from generator.render.post_images import (
    CUT_CHUNK,
    KEY_CHUNK,
    PostImage,
    draw_post_image,
    reusable,
)
from tests.support import VALID_MOVEMENT, make_project

STRESS_TEXTS = {
    "long-words": "Anticonstitutionnellement " * 6
    + "intergouvernementalisation hippopotomonstrosesquippedaliophobie",
    "accents": "Ça déçoit: être infirmière à Trois-Rivières, où l'hôpital ferme à 19\u00a0h?",
    "emoji": "🚲✊🏾👩‍⚕️ On roule ensemble! 🎉🎉🎉 #VéloSûr 💪",
    "cjk": "看護師の皆さん、ありがとう Merci 謝謝 고맙습니다",
    "long": " ".join(["La santé publique mérite des pistes sûres."] * 40),
    "url-like": "https://example.org/" + "a" * 120 + " suivez le lien",
    "lines": "Ligne un\n\nLigne deux\n✅ trois\n✅ quatre\n" * 3,
}


def ink_box(image: Image.Image, background: tuple[int, int, int]) -> tuple[int, int, int, int]:
    """The box of every pixel that differs from the background."""
    plain = Image.new("RGB", image.size, background)
    box = ImageChops.difference(image.convert("RGB"), plain).getbbox()
    assert box is not None, "the image is blank"
    return box


@pytest.mark.parametrize("case", sorted(STRESS_TEXTS))
@pytest.mark.parametrize("shape", FORMATS)
def test_drawn_text_stays_inside_the_margins(case: str, shape: str) -> None:
    text = STRESS_TEXTS[case]
    drawn = draw_post_image(PostImage(shape, text, "VéloSûrBelvent", "example.org/demo", "teal"))  # type: ignore[arg-type]
    image = Image.open(BytesIO(drawn.png))
    frame = FRAMES[shape]  # type: ignore[index]
    assert image.size == (frame.width, frame.height) and image.mode == "P"
    left, top, right, bottom = ink_box(image, palette_rgb("teal"))
    safe = frame.safe_area
    assert safe.left <= left and right <= safe.right, (case, left, right)
    assert safe.top <= top and bottom <= safe.bottom, (case, top, bottom)
    layout = layout_post_image(shape, text, "VéloSûrBelvent", "example.org/demo")  # type: ignore[arg-type]
    for block in (layout.hashtag, layout.text, layout.footer):
        assert safe.contains(block.box)
    # Boxes never overlap: hashtag above the text, the text above the address.
    assert layout.hashtag.box.bottom <= layout.text.box.top
    assert layout.text.box.bottom <= layout.rule.top < layout.footer.box.top


def test_text_is_as_large_as_fits_and_cut_only_when_it_must() -> None:
    short = layout_post_image("square", "Venez!", "Tag", "example.org")
    long = layout_post_image("square", STRESS_TEXTS["long"], "Tag", "example.org")
    assert short.text.size == 84 and not short.text.cut
    assert long.text.size == 28 and long.text.cut
    assert long.text.lines[-1].endswith("…")
    # Cut after a word: every line's words are words of the text.
    words = set(STRESS_TEXTS["long"].split())
    for line in long.text.lines:
        assert set(line.removesuffix("…").split()) <= words
    story = layout_post_image("story", STRESS_TEXTS["accents"], "Tag", "example.org")
    square = layout_post_image("square", STRESS_TEXTS["accents"], "Tag", "example.org")
    assert story.text.size >= square.text.size


def test_the_palette_image_has_the_pixels_pillow_draws_in_rgb() -> None:
    spec = PostImage("square", STRESS_TEXTS["emoji"], "Tag", "example.org", "deep orange", "teal")
    flat = Image.open(BytesIO(draw_post_image(spec).png)).convert("RGB")
    background = palette_rgb("deep orange")
    foreground = text_color(background)
    layout = layout_post_image("square", spec.text, "Tag", "example.org")
    drawn = Image.new("RGB", flat.size, background)
    draw = ImageDraw.Draw(drawn)
    for block in (layout.hashtag, layout.text, layout.footer):
        draw_block(draw, block, foreground)
    draw.rectangle(corners(layout.rule), fill=rule_color(background, foreground, "teal"))
    extrema = ImageChops.difference(flat, drawn).getextrema()
    assert max(high for _, high in extrema) <= 1  # rounding of the blend, nothing more


def test_line_breaks_of_the_post_are_kept() -> None:
    layout = layout_post_image("square", "Un\n✅ deux\n✅ trois", "Tag", "example.org")
    assert layout.text.lines == ("Un", "✅ deux", "✅ trois")


def test_same_inputs_same_bytes_and_the_key_names_every_input() -> None:
    spec = PostImage("story", "Texte", "Tag", "example.org", "indigo", "amber")
    first, second = draw_post_image(spec), draw_post_image(spec)
    assert first.png == second.png
    chunks = Image.open(BytesIO(first.png)).text  # type: ignore[attr-defined]
    assert chunks == {KEY_CHUNK: spec.key, CUT_CHUNK: "no"}
    changed = [
        PostImage("square", "Texte", "Tag", "example.org", "indigo", "amber"),
        PostImage("story", "Texte!", "Tag", "example.org", "indigo", "amber"),
        PostImage("story", "Texte", "Tag2", "example.org", "indigo", "amber"),
        PostImage("story", "Texte", "Tag", "example.net", "indigo", "amber"),
        PostImage("story", "Texte", "Tag", "example.org", "teal", "amber"),
        PostImage("story", "Texte", "Tag", "example.org", "indigo", "red"),
        PostImage("story", "Texte", "Tag", "example.org", "indigo", "amber", _png(1, 1)),
        PostImage("story", "Texte", "Tag", "example.org", "indigo", "amber", None, _png(8, 8)),
    ]
    assert len({spec.key, *(other.key for other in changed)}) == len(changed) + 1


def test_reusable_takes_only_an_image_drawn_from_the_same_inputs(tmp_path: Path) -> None:
    spec = PostImage("square", "Texte", "Tag", "example.org")
    path = tmp_path / "image.png"
    assert reusable(path, spec) is None  # missing
    path.write_bytes(draw_post_image(spec).png)
    kept = reusable(path, spec)
    assert kept is not None and kept.png == path.read_bytes() and not kept.cut
    assert reusable(path, PostImage("square", "Autre", "Tag", "example.org")) is None
    path.write_bytes(b"\x89PNG\r\n\x1a\n broken")
    assert reusable(path, spec) is None


def test_a_photo_fills_the_band_at_the_top_and_the_text_stays_below(tmp_path: Path) -> None:
    photo = _png(300, 200, (250, 10, 10))
    drawn = draw_post_image(
        PostImage("square", "Texte", "Tag", "example.org", "indigo", None, None, photo)
    )
    image = Image.open(BytesIO(drawn.png)).convert("RGB")
    band = FRAMES["square"].photo_height
    assert image.getpixel((5, 5)) == (250, 10, 10)
    assert image.getpixel((1075, band - 5)) == (250, 10, 10)
    assert image.getpixel((5, band + 5)) == palette_rgb("indigo")
    layout = layout_post_image("square", "Texte", "Tag", "example.org", with_photo=True)
    assert layout.hashtag.box.top > band


def test_the_demo_build_has_both_images_of_every_wording_in_both_languages(
    example_site: Path,
) -> None:
    loaded = load_movement(Path("movements/demo/movement.yml").resolve())
    for language, root in (("fr", example_site / "demo"), ("en", example_site / "demo" / "en")):
        names = sorted(path.name for path in (root / "kit" / "files").glob("*.png"))
        expected = sorted(
            f"demo-{post.id}{f'-{index + 1}' if index else ''}-{language}-{shape}.png"
            for post in loaded.spec.shared_posts
            for index in range(1 + len(post.variants))
            for shape in FORMATS
        )
        assert names == expected
        for name in names:
            image = Image.open(root / "kit" / "files" / name)
            shape = "square" if name.endswith("-square.png") else "story"
            assert image.size == (FRAMES[shape].width, FRAMES[shape].height)
            # Three colours, text blended between two of them; full colour under a photo.
            with_photo = any(
                post.image and name.startswith(f"demo-{post.id}-")
                for post in loaded.spec.shared_posts
            )
            assert image.mode == ("RGB" if with_photo else "P"), name
            colours = image.convert("RGB").getcolors(maxcolors=1_000_000)
            assert colours is not None and len(colours) > 50  # text, not a flat field


def test_a_rebuild_takes_unchanged_images_from_the_previous_output(tmp_path: Path) -> None:
    movement = VALID_MOVEMENT + (
        "posts:\n"
        "  - {id: stays, text: Ce texte ne change pas.}\n"
        "  - {id: moves, text: Ce texte change.}\n"
    )
    root = make_project(tmp_path / "project", {"nurses": movement})
    site = tmp_path / "site"
    options = BuildOptions(project=Project(root), site_dir=site, force=True)
    build(options)
    files = site / "nurses" / "kit" / "files"
    stays, moves = files / "nurses-stays-fr-square.png", files / "nurses-moves-fr-square.png"
    first_moves = moves.read_bytes()
    # Stand-in pixels under the same key: a rebuild that drew the image again would lose them.
    marked = Image.open(BytesIO(stays.read_bytes()))
    chunks = dict(marked.text)  # type: ignore[attr-defined]
    stand_in = _png(1080, 1080, (1, 2, 3), chunks)
    stays.write_bytes(stand_in)
    movement_file = root / "movements" / "nurses" / "movement.yml"
    movement_file.write_text(movement.replace("Ce texte change.", "Ce texte a changé."), "utf-8")
    build(options)
    assert stays.read_bytes() == stand_in
    assert moves.read_bytes() != first_moves
    assert Image.open(moves).text[KEY_CHUNK] != Image.open(BytesIO(first_moves)).text[KEY_CHUNK]  # type: ignore[attr-defined]


def test_a_post_too_long_for_its_image_is_a_build_warning(tmp_path: Path) -> None:
    # Within X's 280 characters, but 60 lines: more than either image holds at its smallest.
    lines = "".join(f"      {n}\n" for n in range(60))
    movement = VALID_MOVEMENT + f"posts:\n  - id: tres-long\n    text: |\n{lines}"
    root = make_project(tmp_path / "project", {"nurses": movement})
    report = build(BuildOptions(project=Project(root), site_dir=tmp_path / "site", force=True))
    cut = [w for w in report.warnings if "too long for a" in w]
    assert len(cut) == 4  # square and story, French and English
    assert all("post 'tres-long'" in w for w in cut)
    assert any(w.startswith("nurses (fr): nurses-tres-long-fr-square.png:") for w in cut)


def _png(
    width: int,
    height: int,
    colour: tuple[int, int, int] = (0, 128, 0),
    text: dict[str, str] | None = None,
) -> bytes:
    info = PngImagePlugin.PngInfo()
    for key, value in (text or {}).items():
        info.add_text(key, value)
    buffer = BytesIO()
    Image.new("RGB", (width, height), colour).save(buffer, format="PNG", pnginfo=info)
    return buffer.getvalue()
