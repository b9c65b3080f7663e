"""Characters YAML cannot read: each is reported where it stands, then deleted from the text."""

from __future__ import annotations

import re

from generator.movement.limits import MAX_LISTED_CHARACTERS
from generator.movement.yamlpos import Position, YamlProblem

# Characters YAML refuses (C0 and C1 controls, DEL, non-characters), and the line separators
# it counts as line breaks where editors do not, which would put every later line number off.
UNREADABLE = re.compile(
    "[^\t\n\r\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
)
_CHARACTER_NAMES = {
    0x00: "a null character",
    0x08: "a backspace",
    0x0B: "a vertical tab, the line break of word processors",
    0x0C: "a form feed, the page break of word processors",
    0x1B: "an escape character",
    0x7F: "a delete character",
    0x85: "a 'next line' character, often a damaged '…'",
    0x2028: "a line separator",
    0x2029: "a paragraph separator",
    0xFFFE: "a non-character, left by a damaged conversion",
    0xFFFF: "a non-character, left by a damaged conversion",
}


def blank_unreadable_characters(text: str, problems: list[YamlProblem]) -> str:
    """Report each character YAML cannot read, and delete it so that the rest is read.

    Deleted rather than replaced: a space would indent a line or split a hashtag, and be
    reported a second time. Later columns of the same line are one to the left for it.
    """
    matches = list(UNREADABLE.finditer(text))
    if not matches:
        return text
    for match in matches[:MAX_LISTED_CHARACTERS]:
        code = ord(match[0])
        name = _CHARACTER_NAMES.get(code, "a control character")
        problems.append(
            YamlProblem(
                _text_position(text, match.start()),
                (),
                f"an invisible character is here, U+{code:04X} ({name}), "
                "pasted from another program perhaps; delete it or retype the text",
            )
        )
    rest = len(matches) - MAX_LISTED_CHARACTERS
    if rest > 0:
        problems.append(
            YamlProblem(
                _text_position(text, matches[MAX_LISTED_CHARACTERS].start()),
                (),
                f"{rest} more invisible characters like these follow; "
                "delete them or retype the text",
            )
        )
    return UNREADABLE.sub("", text)


def _text_position(text: str, index: int) -> Position:
    line_start = text.rfind("\n", 0, index) + 1
    return Position(text.count("\n", 0, index) + 1, index - line_start + 1)
