"""Pydantic's validation errors, explained in the words of the person who wrote the file."""

from __future__ import annotations

import difflib
import types
import typing
from typing import Any

from pydantic import BaseModel
from pydantic_core import ErrorDetails

from generator.movement.fields import describe_type
from generator.movement.schema import Movement
from generator.movement.yamlpos import KeyPath, LocatedDocument


def explain(detail: ErrorDetails, document: LocatedDocument) -> tuple[KeyPath, str]:
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
    note = getattr(model, "unknown_key_hint", None)  # what the model's keys are for
    if not close and isinstance(note, str):
        hint = f"{hint}; {note}"
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
