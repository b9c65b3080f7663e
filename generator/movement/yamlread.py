"""A movement file's text read as one YAML document, every value located.

In order: the characters YAML cannot read are reported and deleted (`yamlchars`), the
parser's events are composed into nodes within the limits (`yamlcompose`), the nodes are
built into values at located key paths (`yamlbuild`); a syntax error is put in the words
of the person who wrote the file (`yamlhints`).
"""

from __future__ import annotations

import yaml

from generator.movement.yamlbuild import Builder
from generator.movement.yamlchars import blank_unreadable_characters
from generator.movement.yamlcompose import Composer, StopReading
from generator.movement.yamlhints import syntax_problem
from generator.movement.yamlpos import (
    LocatedDocument,
    Position,
    YamlError,
    YamlProblem,
    node_position,
)

try:  # the C parser is several times faster; fall back when libyaml is missing
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]


def read_located_yaml(text: str) -> LocatedDocument:
    """Parse one YAML document, recording positions, duplicate keys and reading problems.

    Raises `YamlError` when the text is not YAML, is several documents, or asks more than
    the bounds of `limits`; other problems are left in `problems` so that the rest is checked.
    """
    problems: list[YamlProblem] = []
    text = blank_unreadable_characters(text, problems)
    document = LocatedDocument(data=None, lines=text.splitlines(), problems=problems)
    loader = _Loader(text)
    try:
        root = Composer(loader, problems).compose()
        if root is not None:
            document.positions[()] = node_position(root)
            document.data = Builder(loader, document).value(root, ())
    except yaml.MarkedYAMLError as error:
        raise YamlError([*problems, syntax_problem(error, document.lines)]) from None
    except StopReading as stop:
        raise YamlError([*problems, stop.problem]) from None
    except yaml.YAMLError as error:  # pragma: no cover - unmarked errors: reader, emitter
        raise YamlError([*problems, YamlProblem(Position(1, 1), (), f"{error}")]) from None
    finally:
        loader.dispose()
    return document
