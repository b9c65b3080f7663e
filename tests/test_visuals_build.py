"""What a real build makes of posts' images and one-pagers: the same bytes twice, PDFs that
say what their site says in its language and whose QR codes scan to its pages, and images of
hard texts (long words, accents, emoji, CJK) that stay inside their margins."""

from __future__ import annotations

import re
from io import BytesIO
from pathlib import Path

import pypdfium2 as pdfium
import pytest
import zxingcpp
from PIL import Image, ImageChops
from pypdf import PdfReader

from generator.build.options import BuildOptions
from generator.build.run import build
from generator.layout import bare_address
from generator.movement import load_movement
from generator.project import Project
from generator.render.card_text import Box
from generator.render.colors import palette_rgb
from generator.render.post_image_layout import FRAMES
from tests.support import REPO, VALID_MOVEMENT, make_project

DEMO = load_movement(REPO / "movements" / "demo" / "movement.yml")
OVPE = load_movement(REPO / "movements" / "ovpe" / "movement.yml")
LETTER = (612.0, 792.0)


def visual_files(site: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(site)): path.read_bytes() for path in sorted(site.rglob("kit/files/*"))
    }


def pdf_text(data: bytes) -> str:
    page = PdfReader(BytesIO(data)).pages[0]
    return re.sub(r"\s+", " ", page.extract_text())


def pdf_codes(data: bytes) -> list[str]:
    document = pdfium.PdfDocument(data)
    try:
        image = document[0].render(scale=250 / 72).to_pil()
    finally:
        document.close()
    return sorted(result.text for result in zxingcpp.read_barcodes(image))


def test_two_builds_draw_the_same_bytes(example_site: Path, tmp_path: Path) -> None:
    second = tmp_path / "again"
    build(BuildOptions(project=Project(REPO), site_dir=second, only=("demo",), force=True))
    first_files = {k: v for k, v in visual_files(example_site).items() if k.startswith("demo/")}
    assert len(first_files) >= 30  # images of every wording, and a PDF per language
    assert visual_files(second) == first_files


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_demo_one_pager_says_its_languages_hashtag_ask_and_address(
    example_site: Path, language: str
) -> None:
    root = example_site / "demo" / ("" if language == "fr" else "en")
    data = (root / "kit" / "files" / f"demo-{language}-one-pager.pdf").read_bytes()
    reader = PdfReader(BytesIO(data))
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == LETTER
    text = pdf_text(data)
    spec = DEMO.spec
    assert f"#{spec.primary_hashtag(language).tag}" in text
    assert spec.ask is not None and spec.ask.label[language] in text
    site = "https://example.org/porte-voix/demo/" + ("" if language == "fr" else "en/")
    # As typed, as the page and the images print it: no scheme, no final slash.
    assert re.search(re.escape(bare_address(site)) + r"(\s|$)", text)
    # The other language's hashtag is not on this one's page.
    other = "en" if language == "fr" else "fr"
    assert f"#{spec.primary_hashtag(other).tag}" not in text
    cards = [f"{site}kit/posts/#post-{post.id}" for post in spec.printed_posts]
    assert pdf_codes(data) == sorted([site, *cards])


def test_without_a_site_address_the_one_pager_has_no_qr_code(example_site: Path) -> None:
    data = (example_site / "ovpe" / "kit" / "files" / "ovpe-fr-one-pager.pdf").read_bytes()
    assert pdf_codes(data) == []
    assert f"#{OVPE.spec.primary_hashtag('fr').tag}" in pdf_text(data)


HARD_POSTS = """posts:
  - id: mots-longs
    text: "Anticonstitutionnellement intergouvernementalisation hippopotomonstrosesquippedaliophobie"
  - id: accents
    text: "Ça déçoit: être infirmière à Trois-Rivières, où l'hôpital ferme à 19\u00a0h?"
  - id: emoji
    text: "🚲✊🏾👩‍⚕️ On roule ensemble! 🎉 💪"
  - id: cjk
    text: "看護師の皆さん、ありがとう Merci"
    print: true
print:
  paper: a4
theme:
  primary: teal
"""


def test_hard_texts_stay_inside_the_margins_and_cjk_is_named(tmp_path: Path) -> None:
    root = make_project(tmp_path / "project", {"nurses": VALID_MOVEMENT + HARD_POSTS})
    site = tmp_path / "site"
    report = build(BuildOptions(project=Project(root), site_dir=site, force=True))
    files = sorted((site / "nurses" / "kit" / "files").glob("*.png"))
    assert len(files) == 8  # four posts, two shapes, French
    background = palette_rgb("teal")
    for path in files:
        image = Image.open(path).convert("RGB")
        frame = FRAMES["square" if path.name.endswith("-square.png") else "story"]
        ink = ImageChops.difference(image, Image.new("RGB", image.size, background)).getbbox()
        assert ink is not None and frame.safe_area.contains(Box(*ink)), (path.name, ink)
    cjk = [w for w in report.warnings if "post 'cjk'" in w and "images leave out" in w]
    assert len(cjk) == 1 and "'看' (U+770B)" in cjk[0]
    pdf = (site / "nurses" / "kit" / "files" / "nurses-fr-one-pager.pdf").read_bytes()
    box = PdfReader(BytesIO(pdf)).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)  # A4
    text = pdf_text(pdf)
    assert "Merci" in text and "看" not in text  # CJK left out, the rest printed
    assert pdf_codes(pdf) == sorted(
        [
            "https://example.org/nursing-week/",
            "https://example.org/nursing-week/kit/posts/#post-cjk",
        ]
    )
