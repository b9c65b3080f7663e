"""How a long build shows its progress: a bar on a terminal, plain lines in CI and logs."""

from __future__ import annotations

import os
import sys
from types import TracebackType

import click
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
)


def is_interactive() -> bool:
    """A person watches a terminal (not CI, not a pipe)."""
    return sys.stderr.isatty() and not os.environ.get("CI")


class BuildProgress:
    """Callable as `progress(name, done, total)`; use it as a context manager."""

    def __init__(self, interactive: bool | None = None) -> None:
        self.interactive = is_interactive() if interactive is None else interactive
        self._bar: Progress | None = None
        self._task: TaskID | None = None

    def __enter__(self) -> BuildProgress:
        if self.interactive:
            self._bar = Progress(
                TextColumn("building [bold]{task.fields[name]}"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeElapsedColumn(),
                console=Console(stderr=True),
                transient=True,
            )
            self._bar.start()
        return self

    def __call__(self, name: str, done: int, total: int) -> None:
        if self._bar is None:
            click.echo(f"building {name} ({done + 1}/{total})", err=True)
            return
        if self._task is None:
            self._task = self._bar.add_task("build", total=total, name=name)
        self._bar.update(self._task, completed=done, total=total, name=name)

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if self._bar is not None:
            self._bar.stop()
