"""Porte-voix: bilingual toolkit websites for social movements, one YAML file per movement."""

from __future__ import annotations

__version__ = "0.1.0"
