"""What a check of the whole movement finds: a message at a key path of its file."""

from __future__ import annotations

from dataclasses import dataclass

from generator.errors import Severity
from generator.movement.yamlpos import KeyPath


@dataclass(frozen=True)
class Finding:
    """A problem found in a valid-typed movement, at a key path of its file."""

    path: KeyPath
    message: str
    severity: Severity = "error"
    see: KeyPath | None = None
    """Another place the message speaks of: its `{see}` becomes that key and its line."""
