"""How the guide's sentences name the organization, in French and in English. Pure.

A sentence needs the name with its article ("la Coalition", "l'AIIAO", "the Coalition",
"RNAO"), at the start of a sentence ("La Coalition utilise…"), and after "de" / "of"
("de la Coalition", "du Collectif", "des Amis", "de l'AIIAO", "d'Équiterre", "of the
Coalition"). The file's `short_name` gives the first form as a person writes it in a
sentence; without it, the name is given the article its first word takes, and in French a
name whose first word is not known is introduced as "l'organisme …", which is always right.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

FEMININE = frozenset(
    {
        "alliance",
        "assemblée",
        "association",
        "campagne",
        "chaire",
        "chambre",
        "clinique",
        "coalition",
        "commission",
        "confédération",
        "coopérative",
        "corporation",
        "fédération",
        "fondation",
        "intersyndicale",
        "ligue",
        "maison",
        "société",
        "table",
        "union",
    }
)
MASCULINE = frozenset(
    {
        "bureau",
        "centre",
        "cercle",
        "club",
        "collectif",
        "comité",
        "congrès",
        "conseil",
        "front",
        "groupe",
        "institut",
        "mouvement",
        "observatoire",
        "ordre",
        "projet",
        "rassemblement",
        "regroupement",
        "réseau",
        "syndicat",
    }
)
PLURAL = frozenset(
    {
        "amis",
        "amies",
        "citoyens",
        "citoyennes",
        "étudiants",
        "étudiantes",
        "locataires",
        "mères",
        "parents",
        "pères",
        "voisins",
        "voisines",
    }
)
ENGLISH_NOUNS = frozenset(
    {
        "alliance",
        "assembly",
        "association",
        "board",
        "campaign",
        "centre",
        "center",
        "chamber",
        "club",
        "coalition",
        "collective",
        "commission",
        "committee",
        "congress",
        "council",
        "federation",
        "foundation",
        "friends",
        "front",
        "group",
        "institute",
        "league",
        "movement",
        "network",
        "order",
        "project",
        "society",
        "union",
    }
)
_VOWEL_START = re.compile(r"[aeiouyhàâäéèêëîïôöùûüœæ]", re.IGNORECASE)
_FRENCH_ARTICLE = re.compile(r"(?i)(?:(les|le|la)\s+|(l)['\u2019])")
"""A French article before a name: "la " (not the "La" of "Lachine"), "l'"."""


@dataclass(frozen=True)
class SentenceNames:
    """The organization as a sentence names it, in one language."""

    called: str
    """Inside a sentence: la Coalition, l'AIIAO, the Coalition, RNAO."""
    subject: str
    """At the start of a sentence: La Coalition, L'AIIAO, The Coalition."""
    of: str
    """After 'de' or 'of': de la Coalition, du Collectif, des Amis, d'Équiterre, of RNAO."""
    plural: bool = False
    """Whether its verb takes the plural: 'les Amis … utilisent' (French only: English
    treats an organization's name as singular)."""


def _first_word(name: str) -> str:
    return re.split(r"[\s'\u2019-]+", name.strip(), maxsplit=1)[0].lower()


def _capitalized(text: str) -> str:
    return text[:1].upper() + text[1:]


def _french_called(name: str) -> str:
    """The name with the article its first word takes, else "l'organisme …"."""
    word = _first_word(name)
    if word in PLURAL:
        return f"les {name}"
    if word in FEMININE or word in MASCULINE:
        if _VOWEL_START.match(word):
            return f"l'{name}"
        return f"{'la' if word in FEMININE else 'le'} {name}"
    return f"l'organisme {name}"


def _french_of(called: str) -> str:
    article = _FRENCH_ARTICLE.match(called)
    if article is None:
        return f"d'{called}" if _VOWEL_START.match(called) else f"de {called}"
    rest = called[article.end() :]
    word = (article.group(1) or article.group(2)).lower()
    if word == "les":
        return f"des {rest}"
    if word == "le":
        return f"du {rest}"
    return f"de {called[: article.end()].lower()}{rest}"


def _english_called(name: str) -> str:
    """'the' before a name that is a noun phrase (the Safe Cycling Coalition, the Registered
    Nurses' Association of Ontario), none before an acronym or a proper name (RNAO)."""
    words = {w.lower().strip("'\u2019") for w in re.split(r"[\s-]+", name)}
    if name.isupper() or not (words & ENGLISH_NOUNS or " of " in f" {name} "):
        return name
    return f"the {name}"


def sentence_names(name: str, short_name: str | None, language: str) -> SentenceNames:
    """How sentences of `language` name the organization called `name`, whose `short_name`
    (if any) is written as a sentence would name it."""
    if language == "fr":
        called = _lower_article(short_name) if short_name else _french_called(name)
        plural = called[:4].lower() == "les "
        return SentenceNames(called, _capitalized(called), _french_of(called), plural)
    called = _lower_the(short_name) if short_name else _english_called(name)
    return SentenceNames(called, _capitalized(called), f"of {called}")


def _lower_article(text: str) -> str:
    """'La Coalition' written at the start of the file's text reads 'la Coalition' inside."""
    article = _FRENCH_ARTICLE.match(text)
    return text if article is None else text[: article.end()].lower() + text[article.end() :]


def _lower_the(text: str) -> str:
    return "the" + text[3:] if text[:4].lower() == "the " else text
