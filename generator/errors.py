"""The exception family of Porte-voix: one base, each error says where and how to fix."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from typing import IO, Any, Literal

import click

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Problem:
    """One finding about an input file, located as precisely as the file allows."""

    file: str
    line: int
    column: int
    key: str
    message: str
    severity: Severity = "error"

    def __str__(self) -> str:
        prefix = "warning: " if self.severity == "warning" else ""
        key = f"{self.key}: " if self.key else ""
        return f"{self.file}:{self.line}:{self.column}: {prefix}{key}{self.message}"


class PorteVoixError(click.ClickException):
    """Base of every error a user can cause; the CLI prints it without a traceback, exit 2."""

    exit_code = 2


class MovementError(PorteVoixError):
    """A movement file (or several) holds errors; all of them are listed together."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))

    def format_message(self) -> str:
        count = sum(1 for p in self.problems if p.severity == "error")
        noun = "error" if count == 1 else "errors"
        return f"{self.message}\n{count} {noun}; nothing was written."

    def show(self, file: IO[Any] | None = None) -> None:
        # No "Error: " prefix: every line starts with file:line:column, as editors expect.
        click.echo(self.format_message(), file=file or sys.stderr)


class BuildError(PorteVoixError):
    """The site engine refused to build; the previous site is left untouched."""


class StrictModeError(PorteVoixError):
    """Warnings were raised while --strict was given."""
