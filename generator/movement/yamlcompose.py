"""PyYAML's node tree, composed from the parser's events within the bounds of `limits`.

The node tree is composed here from the parser's events rather than by PyYAML's composer,
for three reasons: the composer recurses once per level of nesting (in C with libyaml, where
no recursion limit applies), it does not tell where an alias `*name` stands, and it cannot
refuse an alias bomb before building it. Composing here is iterative and checks the limits
on each event, before anything grows.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import yaml

from generator.movement.limits import MAX_ALIAS_VALUES, MAX_DEPTH, MAX_VALUES, TOO_DEEP
from generator.movement.yamlpos import KeyPath, Position, YamlProblem, mark_position

_NULL_TAG = "tag:yaml.org,2002:null"


class StopReading(Exception):
    """A problem after which the rest of the file cannot be read safely."""

    def __init__(self, problem: YamlProblem) -> None:
        super().__init__(problem.message)
        self.problem = problem


@dataclass
class _Anchor:
    """A value marked `&name`, and what repeating it with `*name` costs."""

    node: yaml.Node
    size: int
    """Values reached when the node is walked, its own aliases expanded."""
    height: int
    """Levels of lists and mappings inside it, its own aliases expanded."""
    position: Position
    path: KeyPath
    used: bool = False


@dataclass
class _Open:
    """A list or mapping whose events are being read."""

    node: yaml.MappingNode | yaml.SequenceNode
    path: KeyPath
    anchor: str | None
    size: int = 1
    height: int = 0
    """Levels of lists and mappings in the children read so far."""
    key: yaml.Node | None = None
    """In a mapping, the key waiting for its value."""

    def child_path(self) -> KeyPath:
        if isinstance(self.node, yaml.SequenceNode):
            return (*self.path, len(self.node.value))
        if self.key is None:
            return self.path
        return (*self.path, key_text(self.key))

    def attach(self, child: yaml.Node, size: int, height: int) -> None:
        self.size += size
        self.height = max(self.height, height)
        if isinstance(self.node, yaml.SequenceNode):
            self.node.value.append(child)
        elif self.key is None:
            self.key = child
        else:
            self.node.value.append((self.key, child))
            self.key = None


def key_text(node: yaml.Node) -> str:
    """A key as written: `yes` stays 'yes', where YAML would make it True."""
    return str(node.value) if isinstance(node, yaml.ScalarNode) else "?"


class Composer:
    """Builds PyYAML's node tree from parser events, without recursion, within the limits."""

    def __init__(self, loader: Any, problems: list[YamlProblem]) -> None:
        self.loader = loader
        self.problems = problems
        self.anchors: dict[str, _Anchor] = {}
        self.open_anchors: set[str] = set()
        self.written = 0
        self.repeated = 0

    def compose(self) -> yaml.Node | None:
        """The single document of the stream, or None when there is none."""
        self.loader.get_event()  # stream start
        if self.loader.check_event(yaml.StreamEndEvent):
            return None
        self.loader.get_event()  # document start
        root = self._document()
        self.loader.get_event()  # document end
        if not self.loader.check_event(yaml.StreamEndEvent):
            event = self.loader.get_event()
            raise StopReading(
                YamlProblem(
                    mark_position(event.start_mark),
                    (),
                    "YAML syntax error: '---' here starts a second document, and a movement "
                    "file is a single one; delete this line, and what follows if it is a copy",
                )
            )
        self._report_unused_anchors()
        return root

    def _document(self) -> yaml.Node:
        stack: list[_Open] = []
        while True:
            event = self.loader.get_event()
            path = stack[-1].child_path() if stack else ()
            if isinstance(event, (yaml.CollectionStartEvent, yaml.ScalarEvent)):
                self._count(event, path)
            if isinstance(event, yaml.CollectionStartEvent):
                stack.append(self._open(event, path, len(stack) + 1))
                continue
            if isinstance(event, yaml.CollectionEndEvent):
                node, size, height = self._close(stack.pop(), event)
            elif isinstance(event, yaml.AliasEvent):
                node, size, height = self._alias(event, path, len(stack))
            else:
                node, size, height = self._scalar(event, path)
            if not stack:
                return node
            stack[-1].attach(node, size, height)

    def _count(self, event: Any, path: KeyPath) -> None:
        self.written += 1
        if self.written > MAX_VALUES:
            self._stop(
                event,
                path,
                f"the file holds more than {MAX_VALUES:,} values (keys, texts, lists) by here, "
                "and a movement file needs a few thousand; check that this is the movement "
                "file, and take out what does not belong in it",
            )

    def _open(self, event: Any, path: KeyPath, depth: int) -> _Open:
        if depth > MAX_DEPTH:
            self._stop(event, path, TOO_DEEP)
        self._check_tag(event, path)
        start, end, flow = event.start_mark, event.end_mark, event.flow_style
        node: yaml.MappingNode | yaml.SequenceNode
        if isinstance(event, yaml.MappingStartEvent):
            node = yaml.MappingNode(self._tag(yaml.MappingNode, None, event), [], start, end, flow)
        else:
            node = yaml.SequenceNode(
                self._tag(yaml.SequenceNode, None, event), [], start, end, flow
            )
        if event.anchor is not None:
            self._check_anchor(event, path)
            self.open_anchors.add(event.anchor)
        return _Open(node, path, event.anchor)

    def _close(self, done: _Open, event: Any) -> tuple[yaml.Node, int, int]:
        done.node.end_mark = event.end_mark
        height = done.height + 1
        if done.anchor is not None:
            self.open_anchors.discard(done.anchor)
            self._define(done.anchor, done.node, done.size, height, done.path)
        return done.node, done.size, height

    def _scalar(self, event: Any, path: KeyPath) -> tuple[yaml.Node, int, int]:
        self._check_tag(event, path)
        tag = self._tag(yaml.ScalarNode, event.value, event)
        node = yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark, event.style)
        if event.anchor is not None:
            self._check_anchor(event, path)
            self._define(event.anchor, node, 1, 0, path)
        return node, 1, 0

    def _tag(self, kind: type[yaml.Node], value: str | None, event: Any) -> str:
        if event.tag is None or event.tag == "!":
            return str(self.loader.resolve(kind, value, event.implicit))
        return str(event.tag)

    def _check_tag(self, event: Any, path: KeyPath) -> None:
        # '!' alone forces a text in YAML; written by hand it is a '!' the text then lacks.
        if event.tag == "!":
            self._report(
                event.start_mark,
                path,
                "'!' before a value is a YAML tag, so it is not part of the text; "
                "put the whole text in quotes to keep it",
            )

    def _check_anchor(self, event: Any, path: KeyPath) -> None:
        earlier = self.anchors.get(event.anchor)
        if earlier is not None or event.anchor in self.open_anchors:
            line = f" on line {earlier.position.line}" if earlier else " around it"
            self._report(
                event.start_mark,
                path,
                f"'&{event.anchor}' already marks a value{line}; give this one another "
                "name, and use that name in the '*' that repeats it",
            )

    def _define(self, name: str, node: yaml.Node, size: int, height: int, path: KeyPath) -> None:
        position = mark_position(node.start_mark)
        self.anchors[name] = _Anchor(node, size, height, position, path)

    def _alias(self, event: Any, path: KeyPath, depth: int) -> tuple[yaml.Node, int, int]:
        name = event.anchor
        anchor = self.anchors.get(name)
        if anchor is None:
            self._report(event.start_mark, path, _missing_anchor_message(name, self.open_anchors))
            return yaml.ScalarNode(_NULL_TAG, "", event.start_mark, event.end_mark), 1, 0
        anchor.used = True
        if depth + anchor.height > MAX_DEPTH:
            self._stop(
                event,
                path,
                f"'*{name}' here would nest lists and mappings more than {MAX_DEPTH} levels "
                f"deep; write the values out instead of repeating '*{name}'",
            )
        self.repeated += anchor.size
        if self.repeated > MAX_ALIAS_VALUES:
            self._stop(
                event,
                path,
                f"YAML aliases here would expand to more than {MAX_ALIAS_VALUES:,} values; "
                f"write the values out instead of repeating '*{name}'",
            )
        return _copy_at(anchor.node, event), anchor.size, anchor.height

    def _report_unused_anchors(self) -> None:
        # `fr: &Co fête` is the text 'fête': the '&Co' the person typed is silently dropped.
        for name, anchor in self.anchors.items():
            if not anchor.used and isinstance(anchor.node, yaml.ScalarNode):
                self.problems.append(
                    YamlProblem(
                        anchor.position,
                        anchor.path,
                        f"'&{name}' before a value marks it to be repeated with '*{name}', so "
                        "it is not part of the text, and nothing repeats it; put the whole "
                        f"text in quotes to keep '&{name}', or delete it",
                    )
                )

    def _report(self, mark: Any, path: KeyPath, message: str) -> None:
        self.problems.append(YamlProblem(mark_position(mark), path, message))

    def _stop(self, event: Any, path: KeyPath, message: str) -> None:
        raise StopReading(YamlProblem(mark_position(event.start_mark), path, message))


def _missing_anchor_message(name: str, open_anchors: set[str]) -> str:
    if name in open_anchors:
        return (
            f"'*{name}' is inside the value marked '&{name}' that it repeats, so it would "
            "repeat itself forever; write the value out"
        )
    return (
        f"'*{name}' repeats the value marked '&{name}', but no value above is marked so; "
        "if '*' begins a text, put the whole text in quotes"
    )


def _copy_at(node: yaml.Node, event: Any) -> yaml.Node:
    """The node an alias repeats, placed where the alias stands.

    A collection gets its own list of children: merging `<<` keys edits that list in place.
    """
    start, end = event.start_mark, event.end_mark
    if isinstance(node, yaml.ScalarNode):
        return yaml.ScalarNode(node.tag, node.value, start, end, node.style)
    if isinstance(node, yaml.MappingNode):
        return yaml.MappingNode(node.tag, list(node.value), start, end, node.flow_style)
    assert isinstance(node, yaml.SequenceNode)  # the three kinds of node
    return yaml.SequenceNode(node.tag, list(node.value), start, end, node.flow_style)
