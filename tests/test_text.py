"""generator.text against twitter-text's conformance cases, plus Porte-voix's own cases."""

from __future__ import annotations

import unicodedata
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.text import (
    MAX_WEIGHTED_LENGTH,
    URL_WEIGHT,
    extract_hashtags,
    grapheme_length,
    is_valid_hashtag,
    mastodon_length,
    weighted_length,
)

CONFORMANCE = Path(__file__).parent / "data" / "twitter-text"
# Characters that make a post invalid on X whatever its length (twitter-text hasInvalidCharacters).
INVALID_CHARACTERS = frozenset("\ufffe\ufeff\uffff")

FAMILY = "\U0001f468\u200d\U0001f469\u200d\U0001f467\u200d\U0001f466"
HEALTH_WORKER = "\U0001f469\U0001f3fd\u200d\u2695\ufe0f"  # woman health worker, medium skin tone
RAISED_FIST = "\u270a\U0001f3fe"  # raised fist, medium-dark skin tone
APOSTROPHE = "\u2019"


def _conformance_cases(file: str, *sections: str) -> list[Any]:
    """The cases of the given sections of a conformance file, with their descriptions as ids."""
    tests = yaml.safe_load((CONFORMANCE / file).read_text(encoding="utf-8"))["tests"]
    return [
        pytest.param(case, id=f"{section}: {case['description']}")
        for section in sections
        for case in tests[section]
    ]


@pytest.mark.parametrize(
    "case",
    _conformance_cases(
        "validate.yml",
        "WeightedTweetsWithDiscountedEmojiCounterTest",
        "UnicodeDirectionalMarkerCounterTest",
    ),
)
def test_weighted_length_conformance(case: dict[str, Any]) -> None:
    length = weighted_length(case["text"])
    assert length == case["expected"]["weightedLength"]
    fits = 0 < length <= MAX_WEIGHTED_LENGTH
    assert (fits and not INVALID_CHARACTERS & set(case["text"])) == case["expected"]["valid"]


@pytest.mark.parametrize("case", _conformance_cases("validate.yml", "hashtags"))
def test_hashtag_validity_conformance(case: dict[str, Any]) -> None:
    text: str = case["text"]
    assert text.startswith("#")
    assert is_valid_hashtag(text[1:]) == case["expected"]


@pytest.mark.parametrize(
    "case", _conformance_cases("extract.yml", "hashtags", "hashtags_from_astral")
)
def test_extract_hashtags_conformance(case: dict[str, Any]) -> None:
    assert extract_hashtags(case["text"]) == case["expected"]


def test_limits() -> None:
    assert MAX_WEIGHTED_LENGTH == 280
    assert URL_WEIGHT == 23


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "#Bo\u00eete\u00c0OutilsSurLaConduiteDuChangement",
            ["Bo\u00eete\u00c0OutilsSurLaConduiteDuChangement"],
            id="accented camel case",
        ),
        pytest.param("Toutes et tous #OVPE !", ["OVPE"], id="OVPE"),
        pytest.param(
            "#NursingWeek #SemaineDesInfirmi\u00e8res",
            ["NursingWeek", "SemaineDesInfirmi\u00e8res"],
            id="two tags",
        ),
        pytest.param("Nursing Week #12345 #2024", [], id="digits only"),
        pytest.param(
            "#OVPE2024, #OVPE_2024.", ["OVPE2024", "OVPE_2024"], id="digits and underscore"
        ),
        pytest.param("Q&A#OVPE l#OVPE", [], id="hash after a letter or ampersand"),
        pytest.param("https://example.org/#OVPE porte-voix.fr/#OVPE", [], id="fragment of a URL"),
        pytest.param("#\ufe0f\u20e3 #\u20e3", [], id="keycap number sign"),
    ],
)
def test_extract_hashtags_own_cases(text: str, expected: list[str]) -> None:
    assert extract_hashtags(text) == expected


@pytest.mark.parametrize(
    ("tag", "expected"),
    [
        ("Bo\u00eete\u00c0OutilsSurLaConduiteDuChangement", True),
        ("OVPE", True),
        ("NursingWeek", True),
        ("Nursing Week", False),
        ("12345", False),
        ("", False),
        ("OVPE!", False),
        ("#OVPE", False),
    ],
)
def test_is_valid_hashtag_own_cases(tag: str, expected: bool) -> None:
    assert is_valid_hashtag(tag) is expected


def test_weighted_length_of_a_french_post_with_emoji() -> None:
    # 41 + 2 (fist with skin tone) + 20 (the right single quote weighs 1 too) + 2 (ZWJ sequence).
    text = (
        f"Gr\u00e8ve des infirmi\u00e8res : on ne l\u00e2che rien {RAISED_FIST}"
        f" Soutien \u00e0 l{APOSTROPHE}\u00e9quipe {HEALTH_WORKER}"
    )
    assert weighted_length(text) == 65
    assert weighted_length(unicodedata.normalize("NFD", text)) == 65  # accents count once


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("", 0, id="empty"),
        pytest.param(FAMILY, 2, id="family emoji"),
        pytest.param("\U0001f1eb\U0001f1f7", 2, id="flag"),
        pytest.param("\u00a9 \u00a9\ufe0f", 1 + 1 + 2, id="copyright sign bare and as emoji"),
        pytest.param("\u4e2d\u6587", 4, id="CJK"),
        pytest.param(
            "https://porte-voix.example.org/guide/une-tres-longue-adresse?utm_source=x",
            23,
            id="long URL",
        ),
        pytest.param(
            "Lisez https://example.org/un/chemin?x=1 et porte-voix.fr #OVPE",
            6 + 23 + 4 + 23 + 6,
            id="URL and bare domain",
        ),
        pytest.param("fichier.txt ou rapport.pdf", 26, id="file names are no URLs"),
    ],
)
def test_weighted_length_own_cases(text: str, expected: int) -> None:
    assert weighted_length(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(FAMILY, 1, id="family emoji"),
        pytest.param("Bonjour \U0001f1eb\U0001f1f7 !", 11, id="flag"),
        pytest.param(unicodedata.normalize("NFD", "\u00e9quipe"), 6, id="combining accent"),
        pytest.param(HEALTH_WORKER + RAISED_FIST, 2, id="skin tones"),
        pytest.param("\ud55c\uad6d\uc5b4 \u1112\u1161\u11ab", 5, id="Hangul syllables and jamo"),
        pytest.param("a\r\nb", 3, id="CRLF"),
    ],
)
def test_grapheme_length(text: str, expected: int) -> None:
    assert grapheme_length(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "Voir https://example.org/un-lien-vraiment-tres-long-vers-une-page \U0001f44d",
            5 + 23 + 1 + 1,
            id="URL and emoji",
        ),
        pytest.param("porte-voix.fr", 13, id="bare domain counts as text"),
        pytest.param("Merci @porte@mastodon.social !", 6 + 6 + 2, id="remote mention"),
        pytest.param(f"{FAMILY} Gr\u00e8ve", 1 + 1 + 5, id="graphemes"),
    ],
)
def test_mastodon_length(text: str, expected: int) -> None:
    assert mastodon_length(text) == expected
