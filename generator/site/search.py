"""Search that ignores accents: "velo" finds "vélo", "petition" finds "pétition".

How it works, and why this way. Material for MkDocs 9.x searches in the browser with lunr:
its worker reads `search/search_index.json`, indexes every field that the file's
`config.fields` names, with that field's boost, and lowercases every token, so case is
already ignored. What it does not do is fold accents, and its query parser cannot be given a
function of ours without patching the theme's bundled worker (frozen, minified JavaScript).

So the fold happens at build time, in data the worker already understands: after MkDocs
writes the index, `fold_search_index` gives each document two more fields, `title_folded`
and `text_folded`, with the title's and the text's boosts. They hold the *other spellings*
of the document's own words, the ones a visitor may type instead:

- the word without its accents and ligatures: `vélo` → `velo`, `cœur` → `coeur`;
- the word after a French elision: `l'école` → `école` and `ecole`;
- the word without the punctuation around it: `#VéloSûr` → `vélosûr` and `velosur`,
  `«Oui»` → `oui`, `vélo.` → `vélo` and `velo`.

Words are cut with the index's own separator, as the worker cuts them. Material turns each
typed word into a prefix query (`velo` → `velo*`) that runs on every field, so "velo" now
matches `velo` in `text_folded` and the page is found, ranked as a match in the text (or
the title) would be. Nothing is taken away: a query typed with its accents still matches
the original words, the result list still shows the page's own text, and the pages' own
words are never changed. The theme's worker, query syntax and highlighting are untouched:
this keeps working as long as the worker indexes the fields that `config.fields` declares
(Material 9.x does, `src/.../search/_/index.ts`). Folding an index twice changes nothing.
tests/browser/test_phone_schemes_and_search.py types into the theme's search box to prove it.

Limits, said plainly: a query typed *with* accents does not find a word written without
them (rare in French text), and matches found through a folded word are not highlighted in
the result's excerpt.
"""

from __future__ import annotations

import html
import json
import re
import unicodedata
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from generator.site import output

FOLDED_FIELDS = {"title": "title_folded", "text": "text_folded"}
"""Each field whose words get other spellings, and the field that holds them."""

# Letters that Unicode does not decompose into a base letter and a mark.
_LIGATURES = str.maketrans(
    {"œ": "oe", "æ": "ae", "ß": "ss", "ø": "o", "đ": "d", "ł": "l", "\u0131": "i", "ŀ": "l"}
)
_TAG = re.compile(r"<[^>]*>")
# An elided article or pronoun ("l'école", "qu'il"), with either apostrophe.
_ELISION = re.compile("^[^\\W\\d_]{1,6}['\u2019](?=\\w)")
_EDGES = re.compile(r"^[\W_]+|[\W_]+$")
DEFAULT_SEPARATOR = r"[\s\-]+"


def fold(word: str) -> str:
    """`word` in lower case, without accents or ligatures: `Pétition` → `petition`."""
    decomposed = unicodedata.normalize("NFKD", word.lower().translate(_LIGATURES))
    kept = "".join(char for char in decomposed if not unicodedata.combining(char))
    return unicodedata.normalize("NFC", kept)


def spellings(token: str) -> list[str]:
    """The other spellings of one token of the index, `token` itself left out."""
    token = token.lower()
    bare = _EDGES.sub("", token)
    forms = [token, bare, _ELISION.sub("", bare)]
    found = [form for base in forms if base for form in (base, fold(base))]
    return [form for form in dict.fromkeys(found) if form != token]


def plain_text(markup: str) -> str:
    """The words of an index field, which holds HTML: its tags gone, its references read."""
    return html.unescape(_TAG.sub(" ", markup))


def other_spellings(text: str, separator: str) -> str:
    """Every other spelling of the words of `text`, once each, in the order they appear."""
    words: Iterable[str] = (w for w in re.split(separator, plain_text(text)) if w)
    found = [form for word in words for form in spellings(word)]
    return " ".join(dict.fromkeys(found))


def fold_search_index(index: dict[str, Any]) -> dict[str, Any]:
    """`index` (Material's search index) with each document's other spellings added in
    `title_folded` and `text_folded`, fields that its configuration declares with the
    boosts of `title` and `text`. Pure; the same index always gives the same result."""
    config = {**index.get("config", {})}
    separator = config.get("separator") or DEFAULT_SEPARATOR
    fields = {**config.get("fields", {})}
    for source, target in FOLDED_FIELDS.items():
        fields[target] = {**fields.get(source, {"boost": 1.0})}
    config["fields"] = fields
    docs = []
    for doc in index.get("docs", []):
        doc = {**doc}
        for source, target in FOLDED_FIELDS.items():
            forms = other_spellings(str(doc.get(source) or ""), separator)
            if forms:
                doc[target] = forms
        docs.append(doc)
    return {**index, "config": config, "docs": docs}


def fold_search_index_file(site_dir: Path) -> None:
    """Fold the search index that MkDocs wrote into `site_dir`, if there is one."""
    path = site_dir / "search" / "search_index.json"
    if not path.is_file():
        return
    index = json.loads(path.read_text(encoding="utf-8"))
    folded = fold_search_index(index)
    # As compact as Material writes it.
    text = json.dumps(folded, separators=(",", ":"), ensure_ascii=True)
    output.write_bytes_atomically(path, text.encode("utf-8"))
