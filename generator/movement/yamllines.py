"""Lines of a movement file split where YAML reads them, and the fixes hints write from them."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import yaml

from generator.movement.yamlpos import Position

Hint = tuple[Position, str]
"""Where a syntax error stands, and what to change there."""


# The start of a line: indentation, list dashes, then `key:` followed by a space or the end.
_LINE_START = re.compile(
    r"(?P<indent> *)(?P<dashes>(?:- +)*)(?:(?P<key>[\w-]+|\"[^\"]*\"|'[^']*'):(?: +|$))?"
)
KEY_WITHOUT_SPACE = re.compile(r" *(?:- +)*([\w-]+):(?=[^\s:])")
BLOCK_INDICATOR = re.compile(r".*:\s+([|>])[-+0-9]*\s*(?:#.*)?$")
_FIX_SHOWN_UP_TO = 80
"""Longest line shown as the fix: a longer one is described instead."""


@dataclass(frozen=True)
class Line:
    """One line of the file, split where YAML reads it: indentation, dashes, key, value."""

    text: str
    number: int
    """0-based, as PyYAML's marks."""
    indent: int
    key: str | None
    value_start: int

    @classmethod
    def at(cls, lines: list[str], number: int) -> Line | None:
        if not 0 <= number < len(lines):
            return None
        text = lines[number]
        match = _LINE_START.match(text)
        assert match is not None  # every part of the pattern is optional
        return cls(text, number, len(match["indent"]), match["key"], match.end())

    @property
    def blank(self) -> bool:
        return not self.text.strip() or self.text.lstrip().startswith("#")

    @property
    def item_column(self) -> int:
        """Where the key or the value of the line starts, after its dashes."""
        return len(self.text) - len(self.text[self.indent :].lstrip("- ")) if self.text else 0

    def value(self) -> str:
        return self.text[self.value_start :].rstrip()


def char_at(lines: list[str], mark: Any) -> str | None:
    if mark is None or mark.line >= len(lines) or mark.column >= len(lines[mark.line]):
        return None
    return str(lines[mark.line][mark.column])


def problem_line(error: yaml.MarkedYAMLError, lines: list[str]) -> Line | None:
    mark = error.problem_mark
    return Line.at(lines, mark.line) if mark is not None else None


def lines_above(lines: list[str], number: int) -> list[Line]:
    """The non-blank lines above line `number`, nearest first."""
    above = (Line.at(lines, n) for n in range(number - 1, -1, -1))
    return [line for line in above if line is not None and not line.blank]


def quoted(text: str, quote: str = '"') -> str:
    if quote == '"' and '"' not in text:
        return '"' + text.replace("\\", "\\\\") + '"'
    if quote == "'" or '"' in text:
        return "'" + text.replace("'", "''") + "'"
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def quoting_fix(lines: list[str], line: Line | None, quote: str = '"') -> str:
    """', like fr: "…"', the line with its value in quotes, when the value is all on it."""
    if line is None or line.key is None or not line.value():
        return ""
    following = Line.at(lines, line.number + 1)
    if following is not None and not following.blank and following.indent > line.indent:
        return ""  # the text goes on below: a one-line fix would drop the rest
    fixed = line.text[line.indent : line.value_start] + quoted(line.value(), quote)
    return f", like {fixed}" if len(fixed) <= _FIX_SHOWN_UP_TO else ""


def fix_with(line: Line, start: int, replacement: str) -> str:
    """', like …': the line with its text from `start` on replaced, when it is short."""
    if line.key is None or start != line.value_start:
        return f", like {replacement}" if len(replacement) <= _FIX_SHOWN_UP_TO else ""
    fixed = line.text[line.indent : start] + replacement
    return f", like {fixed}" if len(fixed) <= _FIX_SHOWN_UP_TO else ""
