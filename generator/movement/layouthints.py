"""Syntax hints for a line out of place: tabs, indentation, keys and ':', document markers."""

from __future__ import annotations

import re

import yaml

from generator.movement.limits import TOO_DEEP
from generator.movement.yamllines import (
    BLOCK_INDICATOR,
    KEY_WITHOUT_SPACE,
    Hint,
    Line,
    char_at,
    lines_above,
    problem_line,
    quoting_fix,
)
from generator.movement.yamlpos import Position, mark_position


def tab_hint(error: yaml.MarkedYAMLError, lines: list[str]) -> Hint | None:
    mark = error.problem_mark or error.context_mark
    if char_at(lines, mark) != "\t":
        return None
    return mark_position(mark), (
        "this line is indented with a tab; YAML indents with spaces only, so replace the "
        "tab with spaces"
    )


def colon_hint(error: yaml.MarkedYAMLError, lines: list[str]) -> Hint | None:
    """'mapping values are not allowed here': a ':' where YAML cannot start a key."""
    if "mapping values are not allowed" not in (error.problem or ""):
        return None
    line, mark = problem_line(error, lines), error.problem_mark
    if line is None or mark is None:
        return None
    if mark.column >= line.value_start or line.key is None:
        return mark_position(mark), _colon_in_text_message(lines, line)
    return _key_after_text_hint(lines, line) or (
        mark_position(mark),
        "YAML reads this line as more of the text above it, where ': ' cannot be; "
        "put that text in quotes",
    )


def _colon_in_text_message(lines: list[str], line: Line) -> str:
    """`fr: Attention : les loyers montent`: French typography puts a space before ':'."""
    start = "YAML reads the ':' in this text as the start of a key; "
    if line.key is not None:
        return f"{start}put the text in quotes{quoting_fix(lines, line)}"
    owner = next((above for above in lines_above(lines, line.number) if above.key), None)
    if owner is None or owner.indent >= line.indent:
        return f"{start}put the text in quotes"
    return f"{start}put the whole text of '{owner.key}' (line {owner.number + 1}) in quotes"


def _key_after_text_hint(lines: list[str], line: Line) -> Hint | None:
    """The line is a fine `key: value`, but YAML was still reading a text from above."""
    for above in lines_above(lines, line.number):
        no_space = KEY_WITHOUT_SPACE.match(above.text)
        if no_space and ": " not in above.text:
            return _no_space_hint(above, no_space)
        if above.key is not None:
            if line.indent <= above.indent:
                return None
            return Position(line.number + 1, line.indent + 1), (
                f"this line is indented more than '{above.key}:' on line {above.number + 1}, "
                f"so YAML reads it as more of that text; line it up with '{above.key}:' "
                f"({above.item_column} spaces), or put a text that holds ': ' in quotes"
            )
        if above.indent <= line.indent and not above.text.lstrip().startswith("-"):
            return Position(above.number + 1, len(above.text.rstrip()) + 1), (
                f"'{above.text.strip()}' has no ':' after it, so YAML reads it with the "
                "next line as one key; add ':' if it is a key, or indent it under its key "
                "if it is text"
            )
    return None


def simple_key_hint(error: yaml.MarkedYAMLError, lines: list[str]) -> Hint | None:
    """A line with no ':' where YAML expected a key: a text not indented under its key."""
    if "could not find expected ':'" not in (error.problem or "") or error.context_mark is None:
        return None
    line = Line.at(lines, error.context_mark.line)
    if line is None:
        return None
    position = Position(line.number + 1, line.indent + 1)
    no_space = KEY_WITHOUT_SPACE.match(line.text)
    if no_space:
        return _no_space_hint(line, no_space)
    above = next(iter(lines_above(lines, line.number)), None)
    block = BLOCK_INDICATOR.match(above.text) if above is not None else None
    if above is not None and block is not None:
        return position, (
            f"the lines of a text after '{block[1]}' must be indented more than its key "
            f"'{above.key}:' on line {above.number + 1}; indent this line"
        )
    words = line.text.split()
    if len(words) == 2 and re.fullmatch(r"[A-Za-z_][\w-]*", words[0]):  # `handle CareUnion`
        return position, (
            f"this line has no ':', so YAML reads it as neither a key nor a text; if it is a "
            f"key, write {words[0]}: {words[1]}; if it goes on with the text above, indent it "
            "more than that text's key"
        )
    owner = next((above for above in lines_above(lines, line.number) if above.key), None)
    key = f"'{owner.key}:' (line {owner.number + 1})" if owner else "its key"
    return position, (
        "this line has no ':', so YAML reads it as neither a key nor a text; if it goes on "
        f"with the text above, indent it more than {key}, or put the whole text in quotes; "
        "if it is a key, add ':' after it"
    )


def _no_space_hint(line: Line, no_space: re.Match[str]) -> Hint:
    """`url:https://…`: without a space after ':', YAML reads one text, not a key."""
    column = no_space.end(1) + 1
    fixed = f"{no_space[1]}: {line.text[column:].strip()}"
    return Position(
        line.number + 1, column + 1
    ), f"a key needs a space after its ':'; write {fixed}"


def expected_key_hint(error: yaml.MarkedYAMLError, lines: list[str]) -> Hint | None:
    """Something follows a value on its line, or a line is not lined up with its keys."""
    problem = error.problem or ""
    if problem not in ("did not find expected key", "did not find expected '-' indicator"):
        return None
    line, mark = problem_line(error, lines), error.problem_mark
    if line is None or mark is None:
        return None
    char = char_at(lines, mark)
    if mark.column > line.indent and line.text[line.value_start : line.value_start + 1] in "[{":
        if char in ("]", "}"):
            return mark_position(mark), f"there is one '{char}' too many here; delete it"
        opening = line.text[line.value_start]
        noun = "list" if opening == "[" else "mapping"
        return mark_position(mark), (
            f"a value cannot start with '{opening}' unless it is in quotes: YAML reads the "
            f"part in brackets as a {noun}; put the whole text in quotes"
            f"{quoting_fix(lines, line)}"
        )
    if char == ":" and mark.column == line.indent:
        return mark_position(mark), (
            "this ':' has no key before it; write the key, like name: …, or put the text in "
            "quotes if the ':' belongs to it"
        )
    if char == "-" and mark.column == line.indent:
        return mark_position(mark), (
            "a list item ('- ') cannot stand among keys; indent it under the key that holds "
            "the list, or, if it goes on with the text above, put that text in quotes"
        )
    return _indentation_hint(lines, line)


def _indentation_hint(lines: list[str], line: Line) -> Hint | None:
    is_item = line.text.lstrip().startswith("-")
    columns: set[int] = set()
    for above in lines_above(lines, line.number):
        if is_item and above.text.lstrip().startswith("-"):
            columns.add(above.indent)
        elif not is_item and above.key is not None:
            columns.add(above.item_column)
        if above.indent == 0:
            break
    if not columns or line.indent in columns:
        return None  # lined up with something: the trouble is elsewhere
    what = "the '- ' items" if is_item else "the keys"
    spaces = " or ".join(str(column) for column in sorted(columns)[-3:])
    return Position(line.number + 1, line.indent + 1), (
        f"this line is indented by {_spaces(line.indent)}, which lines it up with none of "
        f"{what} above; indent it by {spaces} spaces, like the one it belongs with"
    )


def _spaces(count: int) -> str:
    return "1 space" if count == 1 else f"{count} spaces"


def document_start_hint(error: yaml.MarkedYAMLError, lines: list[str]) -> Hint | None:
    if error.problem != "did not find expected <document start>" or error.problem_mark is None:
        return None
    for above in lines_above(lines, error.problem_mark.line):
        text = above.text.strip()
        if text == "...":
            return Position(above.number + 1, 1), (
                "'...' ends the YAML document, so the lines after it cannot be read; "
                "delete this line"
            )
        if text.startswith("%"):
            return Position(above.number + 1, 1), (
                "a line starting with '%' is a YAML directive, which movement files do not "
                "use; delete this line"
            )
    return None


def nesting_hint(error: yaml.MarkedYAMLError, lines: list[str]) -> Hint | None:
    """libyaml's own limit, 1,000 levels, met while it scans ahead of the composer's."""
    if "exceeded maximum nesting depth" not in (error.problem or ""):
        return None
    mark = error.problem_mark or error.context_mark
    return (mark_position(mark) if mark else Position(1, 1)), TOO_DEEP


def directive_hint(error: yaml.MarkedYAMLError, lines: list[str]) -> Hint | None:
    if error.context != "while scanning a directive" or error.context_mark is None:
        return None
    return mark_position(error.context_mark), (
        "a line starting with '%' is a YAML directive, which movement files do not use; "
        "put the text in quotes, or delete the line"
    )
