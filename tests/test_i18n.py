"""Every UI string of our templates, overrides and code is translated; formatting follows locales."""

from __future__ import annotations

import datetime as dt
import re

from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from generator.i18n import catalog_path, format_day, format_long_date, format_number, gettext
from tests.support import REPO


def extracted_messages() -> set[str]:
    method_map = [
        ("generator/**.py", "python"),
        ("generator/templates/**.j2", "jinja2"),
        ("overrides/**.html", "jinja2"),
    ]
    options = {
        "generator/templates/**.j2": {"extensions": "jinja2.ext.i18n", "trimmed": "true"},
        "overrides/**.html": {"extensions": "jinja2.ext.i18n"},
    }
    keywords = {"_": None, "gettext": None, "N_": None, "ngettext": (1, 2)}
    found = set()
    for _file, _line, message, _comments, _context in extract_from_dir(
        str(REPO), method_map, options_map=options, keywords=keywords
    ):
        found.add(message if isinstance(message, str) else message[0])
    return found


def french_catalog() -> dict[str, tuple[str, bool]]:
    with catalog_path("fr").open("rb") as po_file:
        catalog = read_po(po_file, locale="fr")
    found = {}
    for m in catalog:
        if not m.id:
            continue
        if isinstance(m.id, tuple):  # a plural: every form must be translated
            found[m.id[0]] = ("" if not all(m.string) else m.string[0], m.fuzzy)
        else:
            found[m.id] = (m.string, m.fuzzy)
    return found


def test_extraction_finds_the_ui_strings() -> None:
    messages = extracted_messages()
    assert {"Home", "Hashtags", "All movements", "Post on X", "Movement toolkits"} <= messages
    assert len(messages) > 60


def test_every_ui_string_has_a_french_translation() -> None:
    catalog = french_catalog()
    missing = sorted(m for m in extracted_messages() if not catalog.get(m, ("", False))[0])
    fuzzy = sorted(m for m, (_, is_fuzzy) in catalog.items() if is_fuzzy)
    obsolete = sorted(set(catalog) - extracted_messages())
    assert missing == [], "add these to generator/locales/fr/LC_MESSAGES/messages.po"
    assert fuzzy == [], "review these fuzzy translations"
    assert obsolete == [], "remove these from the French catalog"


def test_placeholders_survive_translation() -> None:
    for message, (translation, _) in french_catalog().items():
        for placeholder in ("%(organization)s", "%(handle)s"):
            assert (placeholder in message) == (placeholder in translation), message


def test_translations_are_used() -> None:
    assert gettext("fr", "Hashtags") == "Mots-clics"
    assert gettext("en", "Hashtags") == "Hashtags"


def test_numbers_and_dates_follow_the_locale() -> None:
    assert format_number(12345, "fr_CA") == "12\u00a0345"
    assert format_number(12345, "en_CA") == "12,345"
    assert format_long_date(dt.date(2026, 3, 5), "fr_CA") == "5 mars 2026"
    assert format_long_date(dt.date(2026, 3, 5), "en_CA") == "March 5, 2026"


def test_the_first_of_a_month_is_1er_in_french() -> None:
    first = dt.date(2026, 10, 1)
    assert format_long_date(first, "fr_CA") == "1er octobre 2026"
    assert format_day(first, "full", "fr_CA") == "jeudi 1er octobre 2026"
    assert format_day(first, "medium", "fr_CA") == "1er oct. 2026"
    assert format_long_date(dt.date(2026, 10, 11), "fr_CA") == "11 octobre 2026"
    assert format_long_date(dt.date(2026, 10, 21), "fr_CA") == "21 octobre 2026"
    assert format_long_date(first, "en_CA") == "October 1, 2026"


def test_french_punctuation_is_spaced_as_the_guide_spaces_it() -> None:
    """Canadian French, as the guide writes it: a non-breaking space before ':' and inside
    « », none before ';', '?' and '!'."""
    problems = []
    for translation, _ in french_catalog().values():
        text = translation.replace("://", "")
        if re.search(r"[^\u00a0]:(\s|$)", text):
            problems.append(f"{translation!r}: ':' without a non-breaking space before it")
        if re.search(r"\s[;?!]", text):
            problems.append(f"{translation!r}: a space before ';', '?' or '!'")
        if re.search(r"«[^\u00a0]|[^\u00a0]»", text):
            problems.append(f"{translation!r}: « » without non-breaking spaces inside")
    assert problems == [], "\n".join(problems)
