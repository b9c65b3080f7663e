"""The printable one-pager: one page of text and QR codes, read back, drawn and decoded."""

from __future__ import annotations

import logging
import re
from dataclasses import replace
from functools import cache
from io import BytesIO

import pypdfium2
import pytest
import zxingcpp
from PIL import Image, ImageOps
from pypdf import PdfReader

from generator.layout import bare_address
from generator.render.onepager_pdf import (
    OnePager,
    OnePagerLabels,
    PrintedAccount,
    PrintedPost,
    onepager_pdf,
)

MM = 72 / 25.4
INK_MARGIN_MM = 12.0
"""No ink this close to an edge: the page keeps 15 mm, less what glyphs overshoot."""

FR_SITE = "https://example.org/belvent-sur-lac/fr/"
EN_SITE = "https://example.org/belvent-sur-lac/en/"
LABELS = {
    "fr": OnePagerLabels(
        hashtags="Nos mots-clics",
        posts="Publications à partager",
        follow="Comptes à suivre",
        scan_site="Scannez pour la trousse",
        scan_post="Scannez pour partager cette publication",
        ask="Ce que nous demandons",
    ),
    "en": OnePagerLabels(
        hashtags="Our hashtags",
        posts="Posts to share",
        follow="Accounts to follow",
        scan_site="Scan for the toolkit",
        scan_post="Scan to share this post",
        ask="What we ask",
    ),
}
FRENCH = OnePager(
    language="fr",
    name="Vélo sûr à Belvent-sur-Lac",
    tagline="Des rues sûres pour aller à l\u2019école\u00a0: partout, dès 2030.",
    ask_label="Signer la pétition",
    ask_url="https://petition.example.org/velo-belvent",
    hashtags=("#VéloSûrBelvent", "#Belvent2030"),
    posts=(
        PrintedPost(
            "Notre demande au conseil",
            "Belvent a besoin de pistes cyclables protégées 🚲 maintenant\u00a0!\n"
            "#VéloSûrBelvent\n" + FR_SITE,
            FR_SITE + "publications/#publication-1",
        ),
        PrintedPost(
            "Samedi, on roule",
            "Balade familiale samedi à 10 h, de la mairie au lac. #Belvent2030",
            FR_SITE + "publications/#publication-2",
        ),
        PrintedPost(
            "Les chiffres",
            "Neuf parents sur dix laisseraient leurs enfants aller à l\u2019école à vélo.",
            FR_SITE + "publications/#publication-3",
        ),
    ),
    accounts=(
        PrintedAccount("Club vélo de Belvent", "@BelventVelo"),
        PrintedAccount("Mairie de Belvent", "@MairieBelvent"),
    ),
    site_url=FR_SITE,
    labels=LABELS["fr"],
)
ENGLISH = replace(
    FRENCH,
    language="en",
    name="Safe cycling in Belvent-sur-Lac",
    tagline="Safe streets to school: everywhere, by 2030.",
    ask_label="Sign the petition",
    posts=(
        PrintedPost(
            "Our ask to the council",
            "Belvent needs protected bike lanes now 🚲\n#VéloSûrBelvent\n" + EN_SITE,
            EN_SITE + "posts/#post-1",
        ),
        PrintedPost(
            "Ride with us on Saturday",
            "Family ride on Saturday at 10 am, from the town hall to the lake. #Belvent2030",
            EN_SITE + "posts/#post-2",
        ),
    ),
    site_url=EN_SITE,
    labels=LABELS["en"],
)
LONG_WORD = "Belventsurlac" * 4 + "Vélosûrpourtous"
LONG_TEXT = " ".join(
    ["Nous", "demandons", "des", "pistes", "cyclables", "protégées", "à", "Belvent."] * 400
)[:10_000]


@cache
def pdf_of(page: OnePager) -> bytes:
    return onepager_pdf(page)


def text_of(data: bytes) -> str:
    """The page's text, every run of spaces (no-break ones too) as one space."""
    return " ".join(PdfReader(BytesIO(data)).pages[0].extract_text().split())


def image_of(data: bytes, dpi: int) -> Image.Image:
    document = pypdfium2.PdfDocument(data)
    try:
        image: Image.Image = document[0].render(scale=dpi / 72, grayscale=True).to_pil()
    finally:
        document.close()
    return image.convert("L")


def codes_of(data: bytes) -> list[str]:
    return [result.text for result in zxingcpp.read_barcodes(image_of(data, 300))]


def font_names(data: bytes) -> set[str]:
    fonts = PdfReader(BytesIO(data)).pages[0]["/Resources"]["/Font"]
    return {str(font.get_object()["/BaseFont"]) for font in fonts.values()}


def assert_ink_inside(data: bytes) -> None:
    """Nothing dark within `INK_MARGIN_MM` of an edge (so none within 5 mm either)."""
    image = image_of(data, 100)
    dark = ImageOps.invert(image).point(lambda value: 255 if value > 96 else 0).getbbox()
    assert dark is not None
    margin = INK_MARGIN_MM / 25.4 * 100
    left, top, right, bottom = dark
    assert left >= margin and top >= margin
    assert right <= image.width - margin and bottom <= image.height - margin


@pytest.mark.parametrize("page", [FRENCH, ENGLISH], ids=["fr", "en"])
def test_one_letter_page_with_its_words_and_metadata(page: OnePager) -> None:
    reader = PdfReader(BytesIO(pdf_of(page)))
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert float(box.width) == pytest.approx(612, abs=0.1)
    assert float(box.height) == pytest.approx(792, abs=0.1)
    text = text_of(pdf_of(page))
    for words in (page.name, "#VéloSûrBelvent", page.ask_label, bare_address(EN_SITE)[:-3]):
        assert words and words in text
    # The address as typed, as the page and the images print it: no scheme, no final slash.
    assert re.search(re.escape(bare_address(page.site_url or "")) + r"(\s|$)", text)
    assert reader.metadata is not None and reader.metadata.title == page.name
    assert reader.trailer["/Root"]["/Lang"] == page.language
    assert reader.metadata.producer == "Porte-voix"
    assert reader.metadata.creation_date_raw == "D:20000101000000Z"


def test_french_text_keeps_accents_and_no_break_spaces() -> None:
    raw = PdfReader(BytesIO(pdf_of(FRENCH))).pages[0].extract_text()
    assert "l\u2019école\u00a0: partout" in raw
    assert "Vélo sûr à Belvent-sur-Lac" in raw
    assert "Publications à partager" in raw


def test_a4_page() -> None:
    reader = PdfReader(BytesIO(pdf_of(replace(FRENCH, paper="a4"))))
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert float(box.width) == pytest.approx(595.28, abs=0.1)
    assert float(box.height) == pytest.approx(841.89, abs=0.1)
    assert_ink_inside(pdf_of(replace(FRENCH, paper="a4")))


@pytest.mark.parametrize("page", [FRENCH, ENGLISH], ids=["fr", "en"])
def test_every_qr_code_decodes_to_its_address(page: OnePager) -> None:
    codes = codes_of(pdf_of(page))
    assert len(codes) == 1 + len(page.posts)
    assert set(codes) == {page.site_url, *(post.qr_url for post in page.posts)}


def test_long_addresses_still_decode() -> None:
    site = "https://example.org/" + "belvent-sur-lac-" * 6 + "/fr/"
    posts = tuple(
        replace(post, qr_url=site + "publications/?" + "x" * 30 + f"#publication-{index}")
        for index, post in enumerate(FRENCH.posts, start=1)
    )
    page = replace(FRENCH, site_url=site, posts=posts)
    assert all(len(post.qr_url or "") > 150 for post in posts)
    codes = codes_of(pdf_of(page))
    assert set(codes) == {site, *(post.qr_url for post in posts)}
    assert len(codes) == 4
    assert_ink_inside(pdf_of(page))


def test_without_site_address_no_qr_code() -> None:
    page = replace(FRENCH, site_url=None)
    data = pdf_of(page)
    assert codes_of(data) == []
    text = text_of(data)
    assert FRENCH.name in text and "#VéloSûrBelvent" in text and "Signer la pétition" in text
    assert "Scannez" not in text
    assert len(PdfReader(BytesIO(data)).pages) == 1


def test_same_page_same_bytes() -> None:
    first = onepager_pdf(FRENCH)
    assert onepager_pdf(FRENCH) == first
    assert onepager_pdf(replace(FRENCH, tagline="Une autre phrase.")) != first


def test_long_text_and_long_words_stay_on_one_page() -> None:
    posts = (
        PrintedPost("Très long", LONG_TEXT, FR_SITE + "publications/#publication-1"),
        PrintedPost(LONG_WORD, f"{LONG_WORD} {LONG_WORD}", FR_SITE + "publications/#p-2"),
        *FRENCH.posts[2:],
    )
    page = replace(
        FRENCH, name=LONG_WORD, hashtags=("#" + LONG_WORD, *FRENCH.hashtags), posts=posts
    )
    assert len(LONG_TEXT) == 10_000 and len(LONG_WORD) == 67
    data = pdf_of(page)
    assert len(PdfReader(BytesIO(data)).pages) == 1
    assert_ink_inside(data)
    text = text_of(data)
    assert "Nous demandons des pistes cyclables protégées" in text
    assert "…" in text and len(text) < 5_000


def test_everything_too_long_still_one_page() -> None:
    long = " ".join([LONG_WORD, *LONG_TEXT.split()[:300]])
    page = replace(
        FRENCH,
        name=long,
        tagline=long,
        ask_label=long,
        ask_url="https://petition.example.org/" + "a" * 400,
        hashtags=tuple(f"#Mot{index}{LONG_WORD}" for index in range(30)),
        posts=tuple(
            PrintedPost(long, long, f"{FR_SITE}publications/#{index}" + "p" * 250)
            for index in range(3)
        ),
        accounts=tuple(PrintedAccount(long, "@" + LONG_WORD) for _ in range(20)),
    )
    for paper in ("letter", "a4"):
        data = pdf_of(replace(page, paper=paper))
        assert len(PdfReader(BytesIO(data)).pages) == 1
        assert_ink_inside(data)
        codes = codes_of(data)
        assert FR_SITE in codes
        assert set(codes) <= {FR_SITE, *(post.qr_url for post in page.posts)}


def test_emoji_drawn_from_noto_emoji() -> None:
    names = font_names(pdf_of(FRENCH))
    assert any("NotoEmoji" in name for name in names), names
    assert any(name.endswith("+Roboto") for name in names), names
    assert any(name.endswith("+RobotoBold") for name in names), names
    assert "🚲" in text_of(pdf_of(FRENCH))


def test_characters_no_font_has_are_left_out(caplog: pytest.LogCaptureFixture) -> None:
    post = PrintedPost("Vélo 中文", "Pistes cyclables 自転車 pour tous 🚲", FR_SITE + "#cjk")
    with caplog.at_level(logging.WARNING):
        data = onepager_pdf(replace(FRENCH, posts=(post,)))
    text = text_of(data)
    assert "Pistes cyclables pour tous 🚲" in text
    assert "中" not in text and "自" not in text
    assert not [record for record in caplog.records if "missing" in record.getMessage()]


def test_markup_is_printed_as_typed() -> None:
    post = PrintedPost(
        "**Gras** <b>", "*étoiles* <i>balise</i> [lien](https://a.example) &amp;", None
    )
    text = text_of(onepager_pdf(replace(FRENCH, posts=(post,))))
    assert "**Gras** <b>" in text
    assert "*étoiles* <i>balise</i> [lien](https://a.example) &amp;" in text


def test_at_most_eight_accounts_then_an_ellipsis() -> None:
    accounts = tuple(
        PrintedAccount(f"Compte {index}", f"@Compte{index:02d}") for index in range(1, 13)
    )
    text = text_of(onepager_pdf(replace(FRENCH, accounts=accounts)))
    assert "Comptes à suivre" in text
    assert "Compte 8 @Compte08" in text and "@Compte09" not in text
    assert "…" in text


def test_no_accounts_no_hashtags_no_ask() -> None:
    page = replace(FRENCH, accounts=(), hashtags=(), ask_label=None, ask_url=None, posts=())
    data = onepager_pdf(page)
    text = text_of(data)
    assert FRENCH.name in text and bare_address(FR_SITE) in text
    for label in ("Comptes à suivre", "Nos mots-clics", "Ce que nous demandons", "Publications"):
        assert label not in text
    assert codes_of(data) == [FR_SITE]
