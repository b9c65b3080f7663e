"""The guide names any organization as a person would: its article, its elision, "du" and
"des" in French, "the" or none in English, for six organizations that cover the cases.

Each case's golden file (`tests/golden/organizations/<case>.md`) holds every line of the
guide's pages, in both languages, that names the organization. Regenerate with
`PORTEVOIX_UPDATE_GOLDEN=1` and read the diff as a French and an English reader would.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from generator.movement import LoadedMovement, load_movement
from generator.render.organization import sentence_names
from generator.render.pages import render_movement
from tests.support import REPO

GOLDEN = Path(__file__).resolve().parent / "golden" / "organizations"
UPDATE = os.environ.get("PORTEVOIX_UPDATE_GOLDEN") == "1"

# case → (name, short_name or None), in French then in English
ORGANIZATIONS = {
    "le-collectif": (
        {"fr": "Collectif pour un transport juste", "en": "Fair Transit Collective"},
        None,
    ),
    "la-coalition": (
        {"fr": "Coalition Vélo Sûr de Belvent", "en": "Belvent Safe Cycling Coalition"},
        {"fr": "la Coalition", "en": "the Coalition"},
    ),
    "l-aiiao": (
        {
            "fr": "Association des infirmières et infirmiers autorisés de l'Ontario",
            "en": "Registered Nurses' Association of Ontario",
        },
        {"fr": "l'AIIAO", "en": "RNAO"},
    ),
    "les-amis": ({"fr": "Amis de la montagne", "en": "Friends of the Mountain"}, None),
    "equiterre": ({"fr": "Équiterre", "en": "Équiterre"}, {"fr": "Équiterre", "en": "Équiterre"}),
    "unknown-word": ({"fr": "Greenpeace Canada", "en": "Greenpeace Canada"}, None),
}
EXPECTED = {  # called, subject, of — in French, then in English
    "le-collectif": (
        ("le Collectif pour un transport juste", "Le Collectif pour un transport juste",
         "du Collectif pour un transport juste"),
        ("the Fair Transit Collective", "The Fair Transit Collective",
         "of the Fair Transit Collective"),
    ),
    "la-coalition": (
        ("la Coalition", "La Coalition", "de la Coalition"),
        ("the Coalition", "The Coalition", "of the Coalition"),
    ),
    "l-aiiao": (("l'AIIAO", "L'AIIAO", "de l'AIIAO"), ("RNAO", "RNAO", "of RNAO")),
    "les-amis": (
        ("les Amis de la montagne", "Les Amis de la montagne", "des Amis de la montagne"),
        ("the Friends of the Mountain", "The Friends of the Mountain",
         "of the Friends of the Mountain"),
    ),
    "equiterre": (("Équiterre", "Équiterre", "d'Équiterre"), ("Équiterre", "Équiterre", "of Équiterre")),
    "unknown-word": (
        ("l'organisme Greenpeace Canada", "L'organisme Greenpeace Canada",
         "de l'organisme Greenpeace Canada"),
        ("Greenpeace Canada", "Greenpeace Canada", "of Greenpeace Canada"),
    ),
}  # fmt: skip


def _yaml_text(texts: dict[str, str]) -> str:
    return "{" + ", ".join(f'{lang}: "{text}"' for lang, text in texts.items()) + "}"


def movement_file(case: str) -> str:
    name, short = ORGANIZATIONS[case]
    short_line = f"  short_name: {_yaml_text(short)}\n" if short else ""
    return (
        "languages: [fr, en]\n"
        "name: {fr: Des rues sûres, en: Safe streets}\n"
        "tagline: {fr: Des pistes protégées., en: Protected lanes.}\n"
        f"organization:\n  name: {_yaml_text(name)}\n{short_line}"
        "  handle: DemoOrg\n  url: https://example.org/\n"
        "site_url: https://example.org/rues/\n"
        "hashtags: [{tag: RuesSûres, primary: true}]\n"
    )


def load_case(tmp_path: Path, case: str) -> LoadedMovement:
    """The movement of `case`, through the real loader."""
    folder = tmp_path / "movements" / "rues"
    folder.mkdir(parents=True)
    (folder / "movement.yml").write_text(movement_file(case), encoding="utf-8")
    return load_movement(folder / "movement.yml")


@pytest.mark.parametrize("case", list(ORGANIZATIONS))
def test_sentence_names(case: str) -> None:
    name, short = ORGANIZATIONS[case]
    for language, expected in zip(("fr", "en"), EXPECTED[case], strict=True):
        found = sentence_names(name[language], short[language] if short else None, language)
        assert (found.called, found.subject, found.of) == expected, language


@pytest.mark.parametrize("case", list(ORGANIZATIONS))
def test_the_guide_names_the_organization_as_a_person_would(case: str, tmp_path: Path) -> None:
    loaded = load_case(tmp_path, case)
    lines = []
    for language, (called, subject, of) in zip(("fr", "en"), EXPECTED[case], strict=True):
        pages = render_movement(loaded, language, REPO / "docs")
        forms = {form.replace("'", "&#39;") for form in (called, subject, of)}
        for path, text in sorted(pages.items()):
            if not path.startswith("guide/"):
                continue
            for line in text.splitlines():
                if any(form in line for form in forms):
                    lines.append(f"{language} {path}: {line.strip()}")
    text = "\n".join(lines)
    assert "l'organisme l" not in text and " de la l" not in text and " de le " not in text
    if case == "les-amis":  # a plural name takes plural verbs and "leurs"
        subjects = [x for x in lines if "Les Amis de la mont" in x or "mois, les Amis" in x]
        assert len(subjects) == 3
        for line in subjects:
            assert " peut " not in line and " utilise " not in line and " ses " not in line
    golden = GOLDEN / f"{case}.md"
    if UPDATE:
        golden.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert len(lines) >= 12, "the guide names the organization in at least 6 places per language"
    assert "\n".join(lines) + "\n" == golden.read_text(encoding="utf-8")


@pytest.mark.parametrize("case", list(ORGANIZATIONS))
def test_guide_pages_match_their_golden_pages(case: str, tmp_path: Path) -> None:
    """The whole guide, both languages, for each organization (`<case>/<lang>/guide/`)."""
    loaded = load_case(tmp_path, case)
    for language in ("fr", "en"):
        rendered = render_movement(loaded, language, REPO / "docs")
        guide = {path: text for path, text in rendered.items() if path.startswith("guide/")}
        assert len(guide) == 4
        for path, text in sorted(guide.items()):
            golden = GOLDEN / case / language / path
            if UPDATE:
                golden.parent.mkdir(parents=True, exist_ok=True)
                golden.write_text(text, encoding="utf-8")
            assert text == golden.read_text(encoding="utf-8"), f"{case} {language} {path}"
