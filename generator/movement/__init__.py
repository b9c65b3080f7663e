"""Stage 1 of a build: movement files are read, located and validated into typed objects."""

from __future__ import annotations

from generator.movement.discover import discover_movements
from generator.movement.load import LoadedMovement, load_movement, load_movements
from generator.movement.schema import Movement

__all__ = ["LoadedMovement", "Movement", "discover_movements", "load_movement", "load_movements"]
