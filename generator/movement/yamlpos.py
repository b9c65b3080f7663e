"""YAML reading that keeps where every key stands and refuses duplicate keys.

PyYAML keeps the last of two equal keys silently; for a movement file that is data loss,
so the mapping constructor here reports them instead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

try:  # the C parser is several times faster; fall back when libyaml is missing
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

KeyPath = tuple[str | int, ...]


@dataclass(frozen=True)
class Position:
    """A 1-based line and column in a text file."""

    line: int
    column: int


@dataclass
class LocatedDocument:
    """A parsed YAML document and the position of each key path in it."""

    data: Any
    positions: dict[KeyPath, Position] = field(default_factory=dict)
    duplicates: list[tuple[KeyPath, Position, Position]] = field(default_factory=list)
    comment_hashtags: list[tuple[KeyPath, Position, str]] = field(default_factory=list)
    """Unquoted texts followed by a comment that looks like a hashtag YAML dropped: ` #Tag`."""
    lines: list[str] = field(default_factory=list)
    flow_mappings: set[KeyPath] = field(default_factory=set)
    """Mappings written inline, `{fr: …, en: …}`, where a ',' in a text starts a new key."""

    def position_of(self, path: KeyPath) -> Position:
        """The position of `path`, or of its nearest located ancestor."""
        while path not in self.positions and path:
            path = path[:-1]
        return self.positions.get(path, Position(1, 1))


class YamlSyntaxError(Exception):
    """The text is not YAML; carries the position PyYAML reported."""

    def __init__(self, message: str, position: Position) -> None:
        super().__init__(message)
        self.message = message
        self.position = position


def _position(node: yaml.Node) -> Position:
    return Position(node.start_mark.line + 1, node.start_mark.column + 1)


def read_located_yaml(text: str) -> LocatedDocument:
    """Parse one YAML document, recording positions and duplicate keys."""
    loader = _Loader(text)
    try:
        root = loader.get_single_node()
    except yaml.MarkedYAMLError as error:
        raise _syntax_error(error, text.splitlines()) from None
    finally:
        loader.dispose()
    document = LocatedDocument(data=None, lines=text.splitlines())
    if root is not None:
        document.positions[()] = _position(root)
        document.data = _to_python(root, (), document, loader)
    return document


_UNCLOSED = {"flow sequence": ("[", "list", "]"), "flow mapping": ("{", "mapping", "}")}


def _syntax_error(error: yaml.MarkedYAMLError, lines: list[str]) -> YamlSyntaxError:
    """A syntax error in the words of the person who wrote the file, at the right place."""
    problem_mark, context_mark = error.problem_mark, error.context_mark
    context = error.context or ""
    for kind, (opening, noun, closing) in _UNCLOSED.items():
        if kind in context and context_mark is not None:
            return YamlSyntaxError(
                f"YAML syntax error: the '{opening}' opened here is never closed; "
                f"end the {noun} with '{closing}'",
                Position(context_mark.line + 1, context_mark.column + 1),
            )
    mark = problem_mark or context_mark
    position = Position(mark.line + 1, mark.column + 1) if mark else Position(1, 1)
    char = _char_at(lines, mark)
    if char == "\t":
        message = "this line is indented with a tab; YAML indents with spaces only, so replace the tab with spaces"
    elif char == "@":
        message = (
            "a value cannot start with '@' unless it is in quotes; write a username without '@'"
        )
    elif char == "`":
        message = "a value cannot start with '`' unless it is in quotes; put the text in quotes"
    else:
        message = ", ".join(part for part in (context, error.problem) if part)
    return YamlSyntaxError(f"YAML syntax error: {message}", position)


def _char_at(lines: list[str], mark: Any) -> str | None:
    if mark is None or mark.line >= len(lines) or mark.column >= len(lines[mark.line]):
        return None
    return str(lines[mark.line][mark.column])


def _to_python(node: yaml.Node, path: KeyPath, document: LocatedDocument, loader: Any) -> Any:
    if isinstance(node, yaml.MappingNode):
        return _mapping_to_python(node, path, document, loader)
    if isinstance(node, yaml.SequenceNode):
        items = []
        for index, item in enumerate(node.value):
            document.positions[(*path, index)] = _position(item)
            items.append(_to_python(item, (*path, index), document, loader))
        return items
    _note_comment_hashtag(node, path, document)
    return loader.construct_object(node, deep=True)


_COMMENT_HASHTAG = re.compile(r"\s+(#\w+)")


def _note_comment_hashtag(node: yaml.Node, path: KeyPath, document: LocatedDocument) -> None:
    if not isinstance(node, yaml.ScalarNode) or node.style:  # plain style: None, or "" in libyaml
        return
    end = node.end_mark
    if end.line >= len(document.lines):
        return
    match = _COMMENT_HASHTAG.match(document.lines[end.line][end.column :])
    if match:
        column = end.column + match.start(1) + 1
        document.comment_hashtags.append((path, Position(end.line + 1, column), match[1]))


def _mapping_to_python(
    node: yaml.MappingNode, path: KeyPath, document: LocatedDocument, loader: Any
) -> dict[Any, Any]:
    loader.flatten_mapping(node)  # resolves `<<` merge keys as PyYAML does
    if node.flow_style:
        document.flow_mappings.add(path)
    result: dict[Any, Any] = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if not isinstance(key, str):
            key = str(key)
        child = (*path, key)
        if key in result:
            document.duplicates.append((child, document.positions[child], _position(key_node)))
            continue
        document.positions[child] = _position(key_node)
        result[key] = _to_python(value_node, child, document, loader)
    return result
