"""The search index gets the other spellings of its words: without accents, after an elision,
without leading punctuation (generator/site/search.py). The browser test that types into the
theme's search box is tests/browser/test_phone_layout.py."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from generator.site.search import (
    FOLDED_FIELDS,
    fold,
    fold_search_index,
    other_spellings,
    spellings,
)


@pytest.mark.parametrize(
    ("word", "folded"),
    [
        ("vélo", "velo"),
        ("Pétition", "petition"),
        ("ÉCOLE", "ecole"),
        ("Infirmières", "infirmieres"),
        ("naïve", "naive"),
        ("cœur", "coeur"),
        ("Œuvre", "oeuvre"),
        ("Straße", "strasse"),
        ("garçon", "garcon"),
        ("velo", "velo"),
        ("2030", "2030"),
        ("日本", "日本"),
    ],
)
def test_fold_drops_accents_ligatures_and_case(word: str, folded: str) -> None:
    assert fold(word) == folded


def test_spellings_are_those_a_visitor_may_type_instead() -> None:
    assert spellings("vélo") == ["velo"]
    assert spellings("velo") == []  # nothing to add: the index has it
    assert spellings("Vélo") == ["velo"]  # the theme lowercases the original itself
    assert spellings("l'école") == ["l'ecole", "école", "ecole"]
    assert spellings("l\u2019école") == ["l\u2019ecole", "école", "ecole"]
    assert spellings("jusqu'à") == ["jusqu'a", "à", "a"]
    assert spellings("aujourd'hui") == []  # not an elision: "hui" is no word of its own
    assert spellings("#VéloSûr") == ["#velosur", "vélosûr", "velosur"]
    assert spellings("#Belvent2030") == ["belvent2030"]
    assert spellings("«Oui»") == ["oui"]
    assert spellings("vélo.") == ["velo.", "vélo", "velo"]


def test_other_spellings_read_the_words_of_html_once_each_in_order() -> None:
    text = "<p>Le vélo, c&#39;est l'été.</p> <p>Vélo <code>&lt;é&gt;</code> vélo</p>"
    assert other_spellings(text, r"[\s\-]+") == (
        "velo, vélo velo est l'ete. l'été l'ete été ete <e> é e"
    )


def index(*docs: dict[str, str]) -> dict[str, object]:
    return {
        "config": {
            "lang": ["fr"],
            "separator": r"[\s\-]+",
            "pipeline": ["stopWordFilter"],
            "fields": {"title": {"boost": 1000.0}, "text": {"boost": 1.0}, "tags": {"boost": 1e6}},
        },
        "docs": list(docs),
    }


def test_the_index_declares_the_folded_fields_with_the_boosts_of_their_sources() -> None:
    folded = fold_search_index(index())
    fields = folded["config"]["fields"]
    assert fields["title_folded"] == {"boost": 1000.0}
    assert fields["text_folded"] == {"boost": 1.0}
    assert fields["title"] == {"boost": 1000.0} and fields["tags"] == {"boost": 1e6}
    assert folded["config"]["lang"] == ["fr"] and folded["config"]["pipeline"] == ["stopWordFilter"]


def test_documents_keep_their_own_fields_and_gain_other_spellings_only_when_they_have_some() -> (
    None
):
    accented = {"location": "kit/posts/", "title": "Pétition", "text": "<p>Signez la pétition</p>"}
    plain = {"location": "guide/", "title": "Guide", "text": "<p>Read this first</p>"}
    before = json.dumps(index(accented, plain))
    folded = fold_search_index(index(accented, plain))
    assert json.dumps(index(accented, plain)) == before  # pure: its argument is untouched
    first, second = folded["docs"]
    assert {k: first[k] for k in accented} == accented
    assert first["title_folded"] == "petition" and first["text_folded"] == "petition"
    assert second == plain
    assert [d["location"] for d in folded["docs"]] == ["kit/posts/", "guide/"]


def test_folding_is_deterministic_and_idempotent() -> None:
    doc = {"location": "", "title": "Vélo sûr", "text": "<p>L'école à vélo</p>"}
    once = fold_search_index(index(doc))
    assert json.dumps(once) == json.dumps(fold_search_index(index(doc)))
    assert fold_search_index(once) == once


def test_the_built_indexes_hold_the_folded_words_of_their_own_language(example_site: Path) -> None:
    checked = 0
    for path in sorted(example_site.rglob("search/search_index.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        assert set(FOLDED_FIELDS.values()) <= set(data["config"]["fields"]), path
        for doc in data["docs"]:
            if re.search(r"\bvélo\b", doc["text"].lower()):
                assert "velo" in doc["text_folded"].split(), (path, doc["location"])
                checked += 1
    assert checked >= 10, "the demo's pages about vélos were not found"
