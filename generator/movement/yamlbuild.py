"""Composed nodes turned into Python values, each key's position and each duplicate noted.

PyYAML keeps the last of two equal keys silently; for a movement file that is data loss,
so the mappings here report them instead.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from generator.movement.yamlchars import UNREADABLE
from generator.movement.yamlcompose import key_text
from generator.movement.yamlpos import (
    KeyPath,
    LocatedDocument,
    Position,
    YamlProblem,
    node_position,
)

_MAP_TAG = "tag:yaml.org,2002:map"
_SEQ_TAG = "tag:yaml.org,2002:seq"
_STR_TAG = "tag:yaml.org,2002:str"
_MERGE_TAG = "tag:yaml.org,2002:merge"
_VALUE_TAG = "tag:yaml.org,2002:value"
_STANDARD_TAG_PREFIX = "tag:yaml.org,2002:"


_COMMENT_HASHTAG = re.compile(r"\s+(#\w+)")
_CONSTRUCTION_ERRORS = (
    yaml.YAMLError,
    ValueError,
    TypeError,
    KeyError,
    AttributeError,
    OverflowError,
)
"""What PyYAML's constructors raise on a value their tag cannot read (`!!timestamp nope`
raises AttributeError, `!!int abc` ValueError, `!!bool abc` KeyError)."""


class Builder:
    """Turns composed nodes into Python values, recording positions and problems.

    Recursion here is one or two frames per level of nesting, which `MAX_DEPTH` bounds.
    """

    def __init__(self, loader: Any, document: LocatedDocument) -> None:
        self.loader = loader
        self.document = document

    def value(self, node: yaml.Node, path: KeyPath) -> Any:
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            self._check_collection_tag(node, path, _SEQ_TAG)
            items = []
            for index, item in enumerate(node.value):
                self.document.positions[(*path, index)] = node_position(item)
                items.append(self.value(item, (*path, index)))
            return items
        assert isinstance(node, yaml.ScalarNode)  # the three kinds of node
        _note_comment_hashtag(node, path, self.document)
        return self._scalar(node, path)

    def _scalar(self, node: yaml.ScalarNode, path: KeyPath) -> Any:
        if node.tag in (_STR_TAG, _MERGE_TAG, _VALUE_TAG):  # as PyYAML; '<<' and '=' as texts
            if node.style == '"':
                self._check_escapes(node, path)
            return node.value
        if node.tag not in type(self.loader).yaml_constructors:
            self._problem(node, path, _unknown_tag_message(node.tag))
            return None
        try:
            return self.loader.construct_object(node, deep=True)
        except _CONSTRUCTION_ERRORS as error:
            self._problem(node, path, self._unreadable_value_message(node, error))
            return None

    def _check_escapes(self, node: yaml.ScalarNode, path: KeyPath) -> None:
        """`"\\x00"` or `"\\e"` in double quotes: the invisible characters, written as escapes."""
        found = UNREADABLE.search(node.value)
        if found is not None:
            self._problem(
                node,
                path,
                f"an escape in this text, like \\x00 or \\e, makes an invisible character, "
                f"U+{ord(found[0]):04X}; delete the escape",
            )

    def _unreadable_value_message(self, node: yaml.ScalarNode, error: Exception) -> str:
        shown = _shown_value(node.value)
        what = _TAG_MEANINGS.get(node.tag, "this kind of value")
        plain = not node.style
        implicit = self.loader.resolve(yaml.ScalarNode, node.value, (plain, not plain))
        if implicit == node.tag:  # YAML guessed the type from how the value looks
            reason = "too many digits" if node.tag.endswith(":int") else _reason(error)
            return (
                f"YAML reads {shown} as {what}, but it is not a valid one ({reason}); "
                "put it in quotes to keep it as text"
            )
        tag = _shown_tag(node.tag)
        return (
            f"the YAML tag '{tag}' cannot read {shown} as {what}; movement files need no "
            f"tags: delete '{tag}'"
        )

    def _check_collection_tag(self, node: yaml.Node, path: KeyPath, expected: str) -> None:
        if node.tag == expected:
            return
        if node.tag not in type(self.loader).yaml_constructors:
            self._problem(node, path, _unknown_tag_message(node.tag))
            return
        tag = _shown_tag(node.tag)
        self._problem(
            node,
            path,
            f"the YAML tag '{tag}' does not fit here; movement files need no tags: delete '{tag}'",
        )

    def _mapping(self, node: yaml.MappingNode, path: KeyPath) -> dict[str, Any]:
        self._check_collection_tag(node, path, _MAP_TAG)
        if node.flow_style:
            self.document.flow_mappings.add(path)
        pairs: dict[str, tuple[yaml.Node, yaml.Node]] = {}
        merged: set[str] = set()
        for key_node, value_node in self._merged_pairs(node, path):
            key = self._key(key_node, path)
            if key is not None:
                pairs[key] = (key_node, value_node)
                merged.add(key)
        for key_node, value_node in node.value:
            key = self._key(key_node, path)
            if key is None:
                continue
            if key in pairs and key not in merged:
                first = node_position(pairs[key][0])
                self.document.duplicates.append(((*path, key), first, node_position(key_node)))
                continue
            merged.discard(key)  # a key of the mapping's own wins over a merged one: YAML's rule
            pairs[key] = (key_node, value_node)
        result: dict[str, Any] = {}
        for key, (key_node, value_node) in pairs.items():
            self.document.positions[(*path, key)] = node_position(key_node)
            result[key] = self.value(value_node, (*path, key))
        return result

    def _key(self, node: yaml.Node, path: KeyPath) -> str | None:
        if isinstance(node, yaml.ScalarNode):
            return key_text(node)
        kind = "a list" if isinstance(node, yaml.SequenceNode) else "a mapping"
        self._problem(
            node,
            path,
            f"this key is {kind} (written with '[', '{{' or '? '); a key is a word like "
            "'name': rewrite it, or put the whole text in quotes if it is a text",
        )
        return None

    def _merged_pairs(self, node: yaml.MappingNode, path: KeyPath) -> list[tuple[Any, Any]]:
        """Take the `<<: *name` keys out of `node`, and return the pairs they bring in.

        As PyYAML does: the mapping's own keys win over merged ones, and of several merged
        mappings the first wins.
        """
        own: list[tuple[Any, Any]] = []
        chunks: list[list[tuple[Any, Any]]] = []
        for key_node, value_node in node.value:
            if key_node.tag != _MERGE_TAG:
                own.append((key_node, value_node))
                continue
            sources = (
                value_node.value if isinstance(value_node, yaml.SequenceNode) else [value_node]
            )
            for source in sources:
                if isinstance(source, yaml.MappingNode):
                    chunks.append([*self._merged_pairs(source, path), *source.value])
                else:  # at the mapping's path: it explains what the mapping then lacks
                    self._problem(source, path, _merge_message(source))
        node.value = own
        # The first mapping's pairs last, so that they win in `_last_of_each_key`.
        return _last_of_each_key([pair for chunk in reversed(chunks) for pair in chunk])

    def _problem(self, node: yaml.Node, path: KeyPath, message: str) -> None:
        self.document.problems.append(YamlProblem(node_position(node), path, message))


def _last_of_each_key(pairs: list[tuple[Any, Any]]) -> list[tuple[Any, Any]]:
    """Merged pairs, the later of equal keys kept: those are the first merged mappings."""
    kept: dict[str, tuple[Any, Any]] = {}
    for key_node, value_node in pairs:
        kept[key_text(key_node)] = (key_node, value_node)
    return list(kept.values())


def _merge_message(source: yaml.Node) -> str:
    if isinstance(source, yaml.SequenceNode):
        given = "a list"
    else:
        given = "a text" if source.value else "nothing"
    return (
        "'<<:' copies the keys of another mapping here, so it takes a mapping marked "
        f"'&name', written '<<: *name', and here it is given {given}; put '<<' in quotes if "
        "it is a key of its own, or write the keys out"
    )


_TAG_MEANINGS = {
    "tag:yaml.org,2002:int": "a whole number",
    "tag:yaml.org,2002:float": "a number",
    "tag:yaml.org,2002:bool": "true or false",
    "tag:yaml.org,2002:null": "an empty value",
    "tag:yaml.org,2002:timestamp": "a date",
    "tag:yaml.org,2002:binary": "base64 data",
    "tag:yaml.org,2002:seq": "a list",
    "tag:yaml.org,2002:map": "a mapping",
    "tag:yaml.org,2002:set": "a set",
    "tag:yaml.org,2002:omap": "an ordered mapping",
    "tag:yaml.org,2002:pairs": "pairs",
}


def _unknown_tag_message(tag: str) -> str:
    shown = _shown_tag(tag)
    return (
        f"'{shown}' is a YAML tag, and movement files take no '!' tags and read no "
        "environment variables; write the value itself (in quotes if it starts with '!')"
    )


def _shown_tag(tag: str) -> str:
    if tag.startswith(_STANDARD_TAG_PREFIX):
        return "!!" + tag[len(_STANDARD_TAG_PREFIX) :]
    return tag


def _shown_value(value: str) -> str:
    return repr(value if len(value) <= 30 else value[:29] + "…")


def _reason(error: Exception) -> str:
    if isinstance(error, yaml.MarkedYAMLError):
        return str(error.problem)
    return str(error) or type(error).__name__


def _note_comment_hashtag(node: yaml.Node, path: KeyPath, document: LocatedDocument) -> None:
    if not isinstance(node, yaml.ScalarNode) or node.style:  # plain style: None, or "" in libyaml
        return
    end = node.end_mark
    if end.line >= len(document.lines):
        return
    # Matched in place: slicing the line would copy it once per value, quadratic in a long line.
    match = _COMMENT_HASHTAG.match(document.lines[end.line], end.column)
    if match:
        column = match.start(1) + 1
        document.comment_hashtags.append((path, Position(end.line + 1, column), match[1]))
