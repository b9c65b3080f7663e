"""What one language of one site is made of, independent of the engine that builds it."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

NavItem = tuple[str, str | list["NavItem"]]


@dataclass(frozen=True)
class Alternate:
    """The same site in another language, `prefix` being its root relative to this one's."""

    language: str
    name: str
    prefix: str
    current: bool = False
    url: str | None = None
    """Its absolute root address, when the site's address is known."""


@dataclass(frozen=True)
class SiteSpec:
    """Everything an engine needs to turn Markdown pages into one language of a site."""

    language: str
    site_name: str
    description: str
    pages: dict[str, str]
    nav: list[NavItem]
    files: dict[str, bytes] = field(default_factory=dict)
    """Other files of the site (images, CSV downloads), by path relative to its root."""
    site_url: str | None = None
    alternates: list[Alternate] = field(default_factory=list)
    portal_prefix: str | None = None
    primary_color: str | None = None
    accent_color: str | None = None
    logo: Path | None = None
    permalink_title: str = "Permanent link"
    shared_assets: str | None = None
    """Where the theme's static files are, relative to this site's root, when another site
    (the portal) holds them for all; None writes them into this site."""
    extra: dict[str, Any] = field(default_factory=dict)
