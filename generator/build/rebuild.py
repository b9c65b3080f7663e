"""Stage 2: decide what to rebuild, from the fingerprints of each site's inputs and the
manifest the previous build left in the output."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

from generator import __version__
from generator.errors import BuildError
from generator.movement import LoadedMovement
from generator.project import PACKAGE_DIR, Project
from generator.site.manifest import (
    MANIFEST_NAME,
    Manifest,
    fingerprint_files,
    fingerprint_tree,
    fingerprint_values,
)


@dataclass(frozen=True)
class RebuildPlan:
    """What a build will do to an output: the sites to build, and the manifest to leave."""

    wanted: Manifest
    """The fingerprints of the inputs of the selected movements (and of the portal)."""
    to_build: list[LoadedMovement]
    portal: bool
    """Whether the portal is built anew."""

    def is_noop(self, site_dir: Path) -> bool:
        return not self.to_build and not self.portal and site_dir.is_dir()


def plan_rebuild(
    project: Project,
    movements: list[LoadedMovement],
    selected: list[LoadedMovement],
    previous: Manifest,
    site_dir: Path,
    *,
    with_portal: bool,
    force: bool,
    now: dt.datetime,
) -> RebuildPlan:
    """The selected sites whose inputs changed since `previous` (all of them with `force`),
    and the portal when `with_portal` and what it shows changed."""
    inputs = global_fingerprint(project, now)
    wanted = Manifest(
        portal=fingerprint_values(inputs, portal_metadata(movements)) if with_portal else None,
        movements={m.slug: movement_fingerprint(inputs, m) for m in selected},
    )
    to_build = [
        m
        for m in selected
        if force
        or previous.movements.get(m.slug) != wanted.movements[m.slug]
        or not (site_dir / m.slug).is_dir()
    ]
    portal = wanted.portal is not None and (
        force or previous.portal != wanted.portal or not (site_dir / "index.html").is_file()
    )
    return RebuildPlan(wanted, to_build, portal)


def movement_fingerprint(inputs: str, loaded: LoadedMovement) -> str:
    """What one movement's site depends on: everything shared, and its own folder."""
    return fingerprint_values(inputs, loaded.slug, fingerprint_tree(loaded.folder, loaded.folder))


def final_manifest(previous: Manifest, plan: RebuildPlan, staging: Path) -> Manifest:
    """The manifest of the new output: every site it holds, with the fingerprint it was built
    from (the new one, or the previous one for a site carried over)."""
    merged = {**previous.movements, **plan.wanted.movements}
    return Manifest(
        portal=plan.wanted.portal,
        movements={slug: value for slug, value in merged.items() if (staging / slug).is_dir()},
    )


def global_fingerprint(project: Project, now: dt.datetime) -> str:
    """What every site depends on: the guide, the theme, the shared configuration, this
    version of Porte-voix and its engine, and the build's day (activity pages show ages)."""
    return fingerprint_values(
        __version__,
        _engine_versions(),
        now.date().isoformat(),
        fingerprint_files([project.config_file], project.root),
        fingerprint_tree(project.docs_dir, project.root),
        fingerprint_tree(project.overrides_dir, project.root),
        fingerprint_tree(PACKAGE_DIR, PACKAGE_DIR),
    )


def _engine_versions() -> list[str]:
    return [
        f"{name} {metadata.version(name)}"
        for name in ("mkdocs", "mkdocs-material", "jinja2", "markdown")
    ]


def portal_metadata(movements: list[LoadedMovement]) -> list[Any]:
    """What the portal shows of each movement: when it changes, the portal is rebuilt."""
    return [
        [
            m.slug,
            m.spec.languages,
            {
                lang: [m.spec.name[lang], m.spec.tagline[lang], m.spec.primary_hashtag(lang).tag]
                for lang in m.spec.languages
            },
        ]
        for m in movements
    ]


def portal_entries_of(site_dir: Path, manifest: Manifest) -> list[str]:
    """The portal's files and folders in an output: all at its root but the movements'."""
    if not site_dir.is_dir():
        return []
    return sorted(
        entry.name
        for entry in site_dir.iterdir()
        if entry.name not in manifest.movements and entry.name != MANIFEST_NAME
    )


def build_time() -> dt.datetime:
    """The build's "now": SOURCE_DATE_EPOCH when set (reproducible builds), else the clock."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if not epoch:
        return dt.datetime.now(dt.UTC)
    if not epoch.isdigit():
        raise BuildError(f"SOURCE_DATE_EPOCH={epoch!r}: give seconds since 1970 (UTC), or unset it")
    return dt.datetime.fromtimestamp(int(epoch), dt.UTC)
