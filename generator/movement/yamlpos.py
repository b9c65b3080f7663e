"""Where each value of a movement file stands, and the problems met reading its YAML.

Later stages report at a key path (`KeyPath`); `LocatedDocument.position_of` turns it into
the line and column the person who wrote the file sees.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

KeyPath = tuple[str | int, ...]


@dataclass(frozen=True)
class Position:
    """A 1-based line and column in a text file."""

    line: int
    column: int


@dataclass(frozen=True)
class YamlProblem:
    """A mistake found while reading the YAML, where it stands and how to fix it."""

    position: Position
    path: KeyPath
    message: str


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
    problems: list[YamlProblem] = field(default_factory=list)
    """Errors that left the rest of the file readable: the value at each path is None."""

    def position_of(self, path: KeyPath) -> Position:
        """The position of `path`, or of its nearest located ancestor."""
        while path not in self.positions and path:
            path = path[:-1]
        return self.positions.get(path, Position(1, 1))


class YamlError(Exception):
    """The text cannot be read as YAML; carries every problem found before reading stopped."""

    def __init__(self, problems: list[YamlProblem]) -> None:
        super().__init__("; ".join(problem.message for problem in problems))
        self.problems = sorted(problems, key=lambda p: (p.position.line, p.position.column))


def node_position(node: yaml.Node) -> Position:
    """Where `node` starts."""
    return mark_position(node.start_mark)


def mark_position(mark: Any) -> Position:
    """A PyYAML mark, 0-based, as a 1-based position."""
    return Position(mark.line + 1, mark.column + 1)
