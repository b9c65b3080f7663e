"""Syntax hints for a text that needs quotes: YAML read one of its characters as its own."""

from __future__ import annotations

import re

import yaml

from generator.movement.yamllines import (
    Hint,
    Line,
    char_at,
    fix_with,
    problem_line,
    quoted,
    quoting_fix,
)
from generator.movement.yamlpos import Position, mark_position


def quote_closed_early_hint(error: yaml.MarkedYAMLError, lines: list[str]) -> Hint | None:
    """`fr: 'L'appel'`: the apostrophe ends the quoted text, and 'appel' follows it."""
    line, mark = problem_line(error, lines), error.problem_mark
    if line is None or mark is None or "did not find expected" not in (error.problem or ""):
        return None
    closing = len(line.text[: mark.column].rstrip()) - 1
    if closing < 0 or line.text[closing] not in "'\"":
        return None
    quote = line.text[closing]
    opening = line.text.rfind(quote, 0, closing)
    if opening < 0 or line.text[:opening].rstrip()[-1:] not in ("", ":", "-", "[", "{", ","):
        return None
    end = _closing_quote(line.text, quote, mark.column)
    text = line.text[opening + 1 : end]
    position = Position(mark.line + 1, closing + 1)
    if closing == mark.column - 1:  # a letter right after: the quote was part of a word
        return position, _quote_inside_message(line, opening, closing, quote, text)
    other = "'" if quote == '"' else '"'
    whole = line.text[opening : len(line.text.rstrip())]
    return position, (
        "the quotes end before the text does, so YAML cannot read what follows them; "
        f"put the whole text in quotes{fix_with(line, opening, quoted(whole, other))}"
    )


def _closing_quote(text: str, quote: str, start: int) -> int:
    """Where the quoted text that goes on at `start` was meant to end: at the next quote
    that a ',', '}', ']', a comment or the end of the line follows; else the line's end."""
    match = re.compile(re.escape(quote) + r"(?=\s*(?:[,}\]]|#|$))").search(text, start)
    return match.start() if match else len(text.rstrip())


def _quote_inside_message(line: Line, opening: int, closing: int, quote: str, text: str) -> str:
    before = re.split(r"\s", line.text[opening + 1 : closing])[-1]
    after = re.split(r"[\s'\",\]}]", line.text[closing + 1 :], maxsplit=1)[0]
    word = f"{before}{quote}{after}"
    if quote == "'":
        fix = fix_with(line, opening, quoted(text, '"'))
        return (
            f"inside '…' an apostrophe is written twice (''), so YAML took the one in "
            f'"{word}" for the end of the text; put the text in double quotes{fix}, or '
            f"write {word.replace(quote, quote * 2)}"
        )
    fix = fix_with(line, opening, quoted(text, "'"))
    return (
        f'inside "…" a double quote is written \\", so YAML took the one in \'{word}\' for '
        f"the end of the text; put the text in single quotes{fix}"
    )


_UNCLOSED = {"flow sequence": ("[", "list", "]"), "flow mapping": ("{", "mapping", "}")}


def unclosed_flow_hint(error: yaml.MarkedYAMLError, lines: list[str]) -> Hint | None:
    context, start, mark = error.context or "", error.context_mark, error.problem_mark
    for kind, (opening, noun, closing) in _UNCLOSED.items():
        if kind not in context or start is None:
            continue
        if mark is not None and char_at(lines, mark) == ":" and mark.line == start.line:
            return mark_position(mark), (
                f"YAML reads the ':' in this text as the start of a key; inside {opening}…"
                f"{closing}, put a text that holds ': ' in quotes"
            )
        if mark is None or mark.line > start.line:
            return mark_position(start), (
                f"the '{opening}' opened here is never closed; end the {noun} with '{closing}'"
            )
    return None


_CANNOT_START = {
    "@": "a value cannot start with '@' unless it is in quotes; write a username without '@'",
    "`": "a value cannot start with '`' unless it is in quotes; put the text in quotes",
}


def cannot_start_hint(error: yaml.MarkedYAMLError, lines: list[str]) -> Hint | None:
    if "cannot start any token" not in (error.problem or ""):
        return None
    mark = error.problem_mark
    char = char_at(lines, mark)
    if char is None:
        return None
    fix = quoting_fix(lines, problem_line(error, lines))
    message = _CANNOT_START.get(
        char,
        f"a value cannot start with '{char}' unless it is in quotes; put the text in quotes{fix}",
    )
    return mark_position(mark), message


_INDICATORS = {
    "while scanning an alias": (
        "*",
        "YAML reads '*name' as a copy of the value marked '&name'",
    ),
    "while scanning an anchor": ("&", "YAML reads '&name' as a name for the value after it"),
}


def alias_or_anchor_hint(error: yaml.MarkedYAMLError, lines: list[str]) -> Hint | None:
    found = _INDICATORS.get(error.context or "")
    if found is None or error.context_mark is None:
        return None
    char, reading = found
    fix = quoting_fix(lines, Line.at(lines, error.context_mark.line))
    return mark_position(error.context_mark), (
        f"a value cannot start with '{char}' unless it is in quotes: {reading}; "
        f"put the text in quotes{fix}"
    )


def block_indicator_hint(error: yaml.MarkedYAMLError, lines: list[str]) -> Hint | None:
    if error.context != "while scanning a block scalar" or error.context_mark is None:
        return None
    char = char_at(lines, error.context_mark)
    return mark_position(error.context_mark), (
        f"'{char}' starts a text written on the lines below it, so nothing can follow it "
        f"on its line; move the text to the next line, indented, or write it in quotes "
        f"without the '{char}'"
    )


def start_indicator_hint(error: yaml.MarkedYAMLError, lines: list[str]) -> Hint | None:
    """`fr: - les pistes` or `fr: ? quoi`: '- ' and '? ' start a list item or a key."""
    problem = error.problem or ""
    if "not allowed in this context" not in problem or "mapping values" in problem:
        return None
    char = char_at(lines, error.problem_mark)
    fix = quoting_fix(lines, problem_line(error, lines))
    message = (
        f"a value cannot start with '{char} ' unless it is in quotes; put the text in quotes{fix}"
    )
    if char == "-":
        message += ", or start a list on the next line, each '- ' item on a line of its own"
    return mark_position(error.problem_mark), message


def escape_hint(error: yaml.MarkedYAMLError, lines: list[str]) -> Hint | None:
    problem = error.problem or ""
    if "quoted scalar" not in (error.context or "") or (
        "escape" not in problem and "hexdecimal" not in problem
    ):
        return None
    mark = error.problem_mark
    if mark is None:
        return None
    backslash = lines[mark.line].rfind("\\", 0, mark.column + 1) if mark.line < len(lines) else -1
    position = Position(mark.line + 1, backslash + 1) if backslash >= 0 else mark_position(mark)
    return position, (
        "inside \"…\" a '\\' starts a special character, like \\n for a new line; write "
        "\\\\ for a backslash, or put the text in single quotes"
    )


def unclosed_quote_hint(error: yaml.MarkedYAMLError, lines: list[str]) -> Hint | None:
    if error.context != "while scanning a quoted scalar" or error.context_mark is None:
        return None
    quote = char_at(lines, error.context_mark)
    return mark_position(error.context_mark), (
        f"the '{quote}' opened here is never closed; end the text with '{quote}'"
    )


def tag_syntax_hint(error: yaml.MarkedYAMLError, lines: list[str]) -> Hint | None:
    """`fr: !e!x` or `fr: !<x`: a '!' that starts a value is read as a YAML tag."""
    if "tag" not in f"{error.context} {error.problem}":
        return None
    mark = error.context_mark if error.context == "while scanning a tag" else error.problem_mark
    if mark is None:
        return None
    fix = quoting_fix(lines, Line.at(lines, mark.line))
    return mark_position(mark), (
        "a value cannot start with '!' unless it is in quotes: YAML reads it as a tag; "
        f"put the text in quotes{fix}"
    )
