"""Read `movements/<slug>/movement.yml` files into typed `Movement` objects, or say precisely why not.

Each file is decoded (`decode`), read as located YAML (`yamlread`), validated by the schema
(its errors explained by `explain`) and checked as a whole (`rules`); every problem is
placed at the line and column of its key.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from generator.errors import MovementError, Problem
from generator.movement.decode import read_text
from generator.movement.discover import RESERVED_SLUGS, SLUG_PATTERN
from generator.movement.explain import explain
from generator.movement.fields import DEFAULT_LANGUAGES, describe_type
from generator.movement.rules import find_problems
from generator.movement.schema import Movement
from generator.movement.yamlpos import KeyPath, LocatedDocument, YamlError, YamlProblem
from generator.movement.yamlread import read_located_yaml


@dataclass(frozen=True)
class LoadedMovement:
    """A validated movement, where it came from, and the advice its check produced."""

    slug: str
    folder: Path
    source: Path
    spec: Movement
    warnings: tuple[Problem, ...] = ()


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
        document = read_located_yaml(read_text(name, source))
    except YamlError as error:
        raise MovementError([_yaml_problem(name, p) for p in error.problems]) from None

    problems = [*_slug_problems(name, slug), *_duplicate_key_problems(name, document)]
    spec = _validate(name, document, problems)
    problems += _comment_hashtag_problems(name, document, explained=problems)
    if spec is not None:
        for finding in find_problems(spec, source.parent):
            message = finding.message
            if finding.see is not None:
                line = document.position_of(finding.see).line
                message = message.replace("{see}", f"{key_path_text(finding.see)}, line {line}")
            problems.append(_problem(name, document, finding.path, message, finding.severity))
    problems = _with_reading_problems(name, document, problems)
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
            path, message = explain(detail, document)
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


def _yaml_problem(name: str, problem: YamlProblem) -> Problem:
    position = problem.position
    return Problem(
        name, position.line, position.column, key_path_text(problem.path), problem.message
    )


def _with_reading_problems(
    name: str, document: LocatedDocument, problems: list[Problem]
) -> list[Problem]:
    """Add the problems met while reading the YAML, and drop those they explain: a value
    YAML could not read is None, which validation would report again."""
    reading = [_yaml_problem(name, problem) for problem in document.problems]
    explained = [p.key for p in reading if p.key]
    kept = [p for p in problems if not any(_is_under(p.key, key) for key in explained)]
    return [*reading, *kept]


def _is_under(key: str, ancestor: str) -> bool:
    return key == ancestor or key.startswith((f"{ancestor}.", f"{ancestor}["))


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
