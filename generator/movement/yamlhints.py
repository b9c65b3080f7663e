"""Syntax errors, in the words of the person who wrote the file.

PyYAML names the token it expected; each hint recognises one common way of getting there,
from the text of the line, and says what to change. A hint returns None when the line does
not fit it; the first hint that fits is said.
"""

from __future__ import annotations

import copy
import re

import yaml

from generator.movement.layouthints import (
    colon_hint,
    directive_hint,
    document_start_hint,
    expected_key_hint,
    nesting_hint,
    simple_key_hint,
    tab_hint,
)
from generator.movement.quotehints import (
    alias_or_anchor_hint,
    block_indicator_hint,
    cannot_start_hint,
    escape_hint,
    quote_closed_early_hint,
    start_indicator_hint,
    tag_syntax_hint,
    unclosed_flow_hint,
    unclosed_quote_hint,
)
from generator.movement.yamlpos import Position, YamlProblem, mark_position

# PyYAML's own parser, used without libyaml, words the same errors differently.
_PYTHON_PARSER_WORDS = (
    (re.compile(r"expected <block end>, but found .*"), "did not find expected key"),
    (re.compile(r"expected '(.)' or '(.)', but got .*"), r"did not find expected '\1' or '\2'"),
    (
        re.compile(r"expected '<document start>', but found .*"),
        "did not find expected <document start>",
    ),
    (
        re.compile(r"sequence entries are not allowed here"),
        "block sequence entries are not allowed in this context",
    ),
    (re.compile(r"(mapping \w+) are not allowed here"), r"\1 are not allowed in this context"),
)


def _in_libyaml_words(error: yaml.MarkedYAMLError) -> yaml.MarkedYAMLError:
    problem = error.problem or ""
    for pattern, words in _PYTHON_PARSER_WORDS:
        if pattern.fullmatch(problem):
            error = copy.copy(error)
            error.problem = pattern.sub(words, problem)
            break
    return error


def syntax_problem(error: yaml.MarkedYAMLError, lines: list[str]) -> YamlProblem:
    """`error` where it stands, in the words of the first hint that fits, else in PyYAML's."""
    error = _in_libyaml_words(error)
    for hint in HINTS:
        found = hint(error, lines)
        if found is not None:
            position, message = found
            return YamlProblem(position, (), f"YAML syntax error: {message}")
    mark = error.problem_mark or error.context_mark
    position = mark_position(mark) if mark else Position(1, 1)
    raw = ", ".join(part for part in (error.context, error.problem) if part)
    return YamlProblem(position, (), f"YAML syntax error: {raw}")


HINTS = (
    tab_hint,
    quote_closed_early_hint,
    unclosed_flow_hint,
    cannot_start_hint,
    alias_or_anchor_hint,
    block_indicator_hint,
    start_indicator_hint,
    colon_hint,
    simple_key_hint,
    escape_hint,
    unclosed_quote_hint,
    expected_key_hint,
    document_start_hint,
    directive_hint,
    tag_syntax_hint,
    nesting_hint,
)
"""Tried in this order: the first that fits is said."""
