"""The fonts of the one-pager PDF: static instances of the variable faces of
`generator.render.fonts`, cut down to the characters of one document, registered in fpdf2.

fpdf2 can instantiate variable fonts itself (`add_font(variations=…)`), but at about a
second per face and per document (Noto Emoji's thousands of glyphs). Here each face is first
cut down to the document's characters (fontTools' subsetter, layout tables dropped: fpdf2
does not shape text), then instantiated with the same fontTools call: a few milliseconds for
a page's few dozen glyphs. The bytes depend only on the face, the weight and the characters.
"""

from __future__ import annotations

from functools import cache, lru_cache
from io import BytesIO
from pathlib import Path
from typing import cast

from fontTools import subset
from fontTools.ttLib import TTFont
from fontTools.varLib import instancer
from fpdf import FPDF
from fpdf.fonts import TTFFont

from generator.render.fonts import BOLD, REGULAR, chosen_for, face_bytes, face_of

FAMILY = "roboto"
FALLBACKS = ((1, "notoemoji"), (2, "notosanssymbols"))
"""The fallback faces, by their index in `fonts.FACES` and their fpdf2 key."""
_DOCUMENTS_CACHED = 16


def add_faces(pdf: FPDF, characters: frozenset[int]) -> None:
    """Roboto regular and bold, then the fallback faces, registered as `add_font` would,
    each cut down to the document's `characters`."""
    faces = [(FAMILY, "", 0, REGULAR), (FAMILY, "B", 0, BOLD)]
    faces += [(key, "", face, REGULAR) for face, key in FALLBACKS]
    for family, style, face, weight in faces:
        key = family + style
        static = _static_face(face, weight, _drawn_by(face, characters))
        # fpdf2 hands its font "path" straight to fontTools, which reads a file object too.
        data = cast(Path, BytesIO(static))
        coverage = set(_fallback_coverage(static)) if face else None
        pdf.fonts[key] = TTFFont(pdf, data, key, style, coverage)
    pdf.set_fallback_fonts([key for _, key in FALLBACKS], exact_match=False)


def _drawn_by(face: int, characters: frozenset[int]) -> frozenset[int]:
    """The characters of a document that `FACES[face]` draws; for Roboto, with all of Latin
    and of general punctuation, so that most documents share one subset per process; for a
    fallback, with its first character at least, so that its subset is never empty."""
    drawn = {code for code in characters if face_of(chr(code)) == face}
    return frozenset(drawn | (_common() if face == 0 else {min(chosen_for(face))}))


@cache
def _common() -> frozenset[int]:
    """Latin (Basic to Extended-B), general punctuation and currency signs that Roboto draws."""
    codes = (*range(0x20, 0x250), *range(0x2000, 0x2070), *range(0x20A0, 0x20C1))
    return frozenset(code for code in codes if face_of(chr(code)) == 0)


@lru_cache(maxsize=4 * _DOCUMENTS_CACHED)
def _static_face(face: int, weight: int, characters: frozenset[int]) -> bytes:
    """A static instance of a variable face at `weight` (other axes at their defaults) that
    holds only the glyphs of `characters`: instancing a whole face costs about a second
    (Noto Emoji's thousands of glyphs), a page's few dozen glyphs a few milliseconds."""
    font = TTFont(BytesIO(_subset_face(face, characters)), recalcTimestamp=False)
    instancer.instantiateVariableFont(
        font, {"wght": weight}, inplace=True, static=True, updateFontNames=True
    )
    data = BytesIO()
    font.save(data)
    return data.getvalue()


@lru_cache(maxsize=3 * _DOCUMENTS_CACHED)
def _subset_face(face: int, characters: frozenset[int]) -> bytes:
    """`FACES[face]`, still variable, with the glyphs of `characters` only and no layout
    tables (fpdf2 does not shape text)."""
    font = TTFont(BytesIO(face_bytes(face)), recalcTimestamp=False, lazy=True)
    options = subset.Options()
    options.layout_features = []
    options.drop_tables += ["GSUB", "GPOS", "GDEF"]
    options.name_IDs = ["*"]
    options.notdef_outline = True
    options.hinting = False
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=sorted(characters))
    subsetter.subset(font)
    data = BytesIO()
    font.save(data)
    return data.getvalue()


def _fallback_coverage(static: bytes) -> frozenset[int]:
    """What a fallback face draws: not ASCII (Noto Emoji maps digits, '#' and '*')."""
    with TTFont(BytesIO(static), lazy=True) as font:
        return frozenset(code for code in font.getBestCmap() if code > 0x7F)
