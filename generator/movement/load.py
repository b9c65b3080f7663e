"""Read `movements/<slug>/movement.yml` files into typed `Movement` objects, or say precisely why not."""

from __future__ import annotations

import difflib
import re
import types
import typing
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from generator.errors import MovementError, Problem
from generator.movement.fields import DEFAULT_LANGUAGES, SUPPORTED_LANGUAGES, describe_type
from generator.movement.rules import find_problems
from generator.movement.schema import Movement
from generator.movement.yamlpos import KeyPath, LocatedDocument, YamlSyntaxError, read_located_yaml

MOVEMENT_FILE = "movement.yml"
SLUG_PATTERN = re.compile(r"[a-z0-9][a-z0-9-]*")
# Folder names the site itself uses next to the movement folders.
RESERVED_SLUGS = frozenset({*SUPPORTED_LANGUAGES, "assets", "search", "404", "sitemap"})


@dataclass(frozen=True)
class LoadedMovement:
    """A validated movement, where it came from, and the advice its check produced."""

    slug: str
    folder: Path
    source: Path
    spec: Movement
    warnings: tuple[Problem, ...] = ()


def discover_movements(movements_dir: Path) -> list[Path]:
    """The movement files under `movements_dir`, in slug order."""
    if not movements_dir.is_dir():
        raise MovementError(
            [
                Problem(
                    str(movements_dir),
                    1,
                    1,
                    "",
                    "no such folder; create it with `portevoix new SLUG`",
                )
            ]
        )
    return sorted(
        path / MOVEMENT_FILE for path in movements_dir.iterdir() if (path / MOVEMENT_FILE).is_file()
    )


def load_movements(files: Iterable[Path]) -> list[LoadedMovement]:
    """Load every file, then report the problems of all of them together."""
    loaded: list[LoadedMovement] = []
    problems: list[Problem] = []
    for file in files:
        try:
            loaded.append(load_movement(file))
        except MovementError as error:
            problems.extend(error.problems)
    if any(problem.severity == "error" for problem in problems):
        raise MovementError(problems)
    return loaded


def load_movement(source: Path) -> LoadedMovement:
    """Validate one movement file; raise `MovementError` listing all its problems."""
    name = str(source)
    slug = source.parent.name
    try:
        text = source.read_bytes().decode("utf-8")
    except UnicodeDecodeError as error:
        line, column = _byte_position(error.object, error.start)
        raise MovementError(
            [
                Problem(
                    name, line, column, "", f"is not UTF-8 text ({error.reason}); save it as UTF-8"
                )
            ]
        ) from None
    except OSError as error:
        raise MovementError(
            [Problem(name, 1, 1, "", f"cannot be read: {error.strerror}")]
        ) from None
    try:
        document = read_located_yaml(text)
    except YamlSyntaxError as error:
        raise MovementError(
            [Problem(name, error.position.line, error.position.column, "", error.message)]
        ) from None

    problems = [*_slug_problems(name, slug), *_duplicate_key_problems(name, document)]
    spec = _validate(name, document, problems)
    problems += _comment_hashtag_problems(name, document, explained=problems)
    if spec is not None:
        for finding in find_problems(spec, source.parent):
            problems.append(
                _problem(name, document, finding.path, finding.message, finding.severity)
            )
    problems.sort(key=lambda p: (p.line, p.column))
    if spec is None or any(p.severity == "error" for p in problems):
        raise MovementError(problems)
    return LoadedMovement(slug, source.parent, source, spec, tuple(problems))


def _validate(name: str, document: LocatedDocument, problems: list[Problem]) -> Movement | None:
    data = document.data
    if not isinstance(data, dict):
        what = "empty" if data is None else f"{describe_type(data)}, not a mapping of keys"
        problems.append(
            Problem(name, 1, 1, "", f"the file is {what}; start from `portevoix new SLUG`")
        )
        return None
    context = {"languages": _declared_languages(data)}
    try:
        return Movement.model_validate(data, context=context)
    except ValidationError as error:
        for detail in error.errors(include_url=False):
            path, message = _explain(detail, document)
            problems.append(_problem(name, document, path, message))
        return None


def _declared_languages(data: dict[str, Any]) -> list[str]:
    """The languages texts must be given in: those the file declares, even unsupported ones
    (`languages` reports those), so that one mistake is reported once."""
    languages = data.get("languages")
    if isinstance(languages, list) and languages and all(isinstance(x, str) for x in languages):
        return list(dict.fromkeys(languages))
    return list(DEFAULT_LANGUAGES)


def _slug_problems(name: str, slug: str) -> list[Problem]:
    if not SLUG_PATTERN.fullmatch(slug):
        message = f"the folder name '{slug}' is the site's address: use lower-case letters, digits and '-'"
    elif slug in RESERVED_SLUGS:
        message = f"the folder name '{slug}' is used by the site itself; rename the folder"
    else:
        return []
    return [Problem(name, 1, 1, "", message)]


def _duplicate_key_problems(name: str, document: LocatedDocument) -> list[Problem]:
    return [
        Problem(
            name,
            second.line,
            second.column,
            key_path_text(path),
            f"duplicate key; line {first.line} already sets it and YAML would keep only the last one: delete one of them",
        )
        for path, first, second in document.duplicates
    ]


def _byte_position(data: bytes, offset: int) -> tuple[int, int]:
    """1-based line and column (in characters) of byte `offset` of a file."""
    before = data[:offset]
    line_start = before.rfind(b"\n") + 1
    column = len(before[line_start:].decode("utf-8", errors="replace")) + 1
    return before.count(b"\n") + 1, column


def _comment_hashtag_problems(
    name: str, document: LocatedDocument, explained: list[Problem]
) -> list[Problem]:
    """Warnings for ` #Tag` comments after a text, unless an error already explained them."""
    explained_keys = {p.key for p in explained}
    return [
        Problem(
            name,
            position.line,
            position.column,
            key_path_text(path),
            f"'{tag}' after the text is a YAML comment, so it is not part of the text; "
            "put the whole text in quotes to keep it",
            "warning",
        )
        for path, position, tag in document.comment_hashtags
        if key_path_text(path) not in explained_keys
    ]


def _problem(
    name: str, document: LocatedDocument, path: KeyPath, message: str, severity: Any = "error"
) -> Problem:
    position = document.position_of(path)
    return Problem(name, position.line, position.column, key_path_text(path), message, severity)


def key_path_text(path: KeyPath) -> str:
    """`('hashtags', 2, 'tag')` → `hashtags[2].tag`."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def _explain(detail: ErrorDetails, document: LocatedDocument) -> tuple[KeyPath, str]:
    """Where a validation error stands in the file, and what to tell the person who wrote it."""
    loc: KeyPath = tuple(detail["loc"])
    context = detail.get("ctx") or {}
    if "at" in context:
        loc = (*loc, context["at"])
    if detail["input"] is None:
        for path, _position, tag in document.comment_hashtags:
            if path == loc:
                fix = (
                    f"write the tag without '#': {tag[1:]}"
                    if _is_hashtag_path(loc)
                    else "put the whole text in quotes"
                )
                return loc, f"is empty because YAML reads '{tag}' as a comment; {fix}"
    if detail["type"] == "localized_language" and loc[:-1] in document.flow_mappings:
        split = _split_flow_text(document, loc)
        if split is not None:
            return loc, split
    return loc, _message(detail)


def _is_hashtag_path(path: KeyPath) -> bool:
    return path[-1] == "tag" or any(part == "hashtags" for part in path[1:])


def _split_flow_text(document: LocatedDocument, loc: KeyPath) -> str | None:
    """Explain `{fr: …, en: Thank you, nurses!}`, where the ',' made 'nurses!' a key."""
    mapping: Any = document.data
    for part in loc[:-1]:
        mapping = mapping[part]
    keys = list(mapping)
    index = keys.index(loc[-1])
    if index == 0 or mapping[loc[-1]] is not None:
        return None
    previous = keys[index - 1]
    whole = f"{mapping[previous]}, {loc[-1]}"
    return (
        f"a ',' inside {{…}} starts a new key, so '{loc[-1]}' is read as a language; "
        f'put the text in quotes, like {previous}: "{whole}"'
    )


def _message(detail: ErrorDetails) -> str:
    kind = detail["type"]
    loc = tuple(detail["loc"])
    if kind == "extra_forbidden":
        return _unknown_key_message(str(loc[-1]), _model_at(loc[:-1]))
    if kind == "missing":
        return "is required; add it"
    if kind in ("model_type", "dict_type") and isinstance(detail["input"], str) and loc:
        return _item_as_text_message(loc, detail["input"])

    if kind in ("string_type", "bool_type", "list_type", "dict_type", "model_type", "int_type"):
        expected = {
            "string_type": "a text",
            "bool_type": "true or false",
            "list_type": "a list (lines starting with '- ')",
            "dict_type": "a mapping of keys",
            "model_type": "a mapping of keys",
            "int_type": "a whole number",
        }[kind]
        return f"expected {expected}, got {describe_type(detail['input'])}"
    if kind == "bool_parsing":
        return f"expected true or false, got '{detail['input']}'"
    if kind == "literal_error":
        return f"'{detail['input']}' is not one of: {detail['ctx']['expected']}"
    if kind == "too_short":
        return "must hold at least one entry"
    return detail["msg"]


_ITEM_NOUNS = {
    "hashtags": "hashtag",
    "posts": "post",
    "conversations": "conversation",
    "accounts": "account",
    "lists": "list",
}


def _item_as_text_message(loc: tuple[Any, ...], value: str) -> str:
    message = f"expected a mapping of keys, got {describe_type(value)}"
    model = _model_at(loc)
    noun = _ITEM_NOUNS.get(str(loc[-2])) if len(loc) > 1 and isinstance(loc[-1], int) else None
    if model is None or noun is None:
        return message
    first_key = next(iter(model.model_fields))
    return f"{message}; write each {noun} as '- {first_key}: {value}'"


def _unknown_key_message(key: str, model: type[BaseModel] | None) -> str:
    known = sorted(model.model_fields) if model else []
    close = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
    hint = f"did you mean '{close[0]}'?" if close else f"known keys here: {', '.join(known)}"
    return f"unknown key '{key}'; {hint}"


def _model_at(loc: tuple[Any, ...]) -> type[BaseModel] | None:
    """The model class that validates the mapping at `loc` in a movement file."""
    annotation: Any = Movement
    for part in loc:
        model = _as_model(annotation)
        if isinstance(part, int):
            args = [a for a in typing.get_args(_strip_optional(annotation))]
            annotation = args[0] if args else None
        elif model is not None and part in model.model_fields:
            annotation = model.model_fields[part].annotation
        else:
            return None
    return _as_model(annotation)


def _strip_optional(annotation: Any) -> Any:
    if isinstance(annotation, types.UnionType) or typing.get_origin(annotation) is typing.Union:
        rest = [a for a in typing.get_args(annotation) if a is not type(None)]
        return rest[0] if len(rest) == 1 else annotation
    return annotation


def _as_model(annotation: Any) -> type[BaseModel] | None:
    annotation = _strip_optional(annotation)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    return None
