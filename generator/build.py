"""`portevoix build`: load → render → build each site → portal → publish, one stage each."""

from __future__ import annotations

import datetime as dt
import logging
import os
import shutil
import tempfile
import zlib
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

from generator import __version__
from generator.errors import BuildError, MovementError, Problem, StrictModeError
from generator.i18n import LANGUAGE_NAMES, N_, gettext, write_theme_catalogs
from generator.layout import language_subdir, language_url
from generator.movement import LoadedMovement, discover_movements, load_movements
from generator.render.activity import CSV_PATH, History, history_csv
from generator.render.cards import social_card
from generator.render.pages import PortalEntry, movement_nav, render_movement, render_portal
from generator.site import output
from generator.site.engine import build_site, read_base_config
from generator.site.manifest import (
    MANIFEST_NAME,
    Manifest,
    fingerprint_files,
    fingerprint_tree,
    fingerprint_values,
    read_manifest,
)
from generator.site.spec import Alternate, SiteSpec
from generator.snapshot.store import read_history

log = logging.getLogger(__name__)

PORTAL_LANGUAGES = ("fr", "en")
PORTAL_TITLE = N_("Movement toolkits")
SOCIAL_CARD_PATH = "assets/social-card.png"
PERMALINK_TITLE = N_("Permanent link")


@dataclass(frozen=True)
class Project:
    """Where a Porte-voix project keeps its inputs."""

    root: Path

    @property
    def config_file(self) -> Path:
        return self.root / "mkdocs.yml"

    @property
    def docs_dir(self) -> Path:
        return self.root / "docs"

    @property
    def movements_dir(self) -> Path:
        return self.root / "movements"

    @property
    def overrides_dir(self) -> Path:
        return self.root / "overrides"


@dataclass(frozen=True)
class BuildOptions:
    """What `portevoix build` was asked to do."""

    project: Project
    site_dir: Path
    only: tuple[str, ...] = ()
    strict: bool = False
    jobs: int = 1
    force: bool = False
    shard: tuple[int, int] | None = None
    """(K, N): build only the K-th of N stable parts of the movements, and no portal."""


@dataclass
class BuildReport:
    """What a build did, for the command line to print."""

    built: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)
    portal_built: bool = False
    warnings: list[str] = field(default_factory=list)


Progress = Callable[[str, int, int], None]


def _no_progress(name: str, done: int, total: int) -> None:
    pass


def build(options: BuildOptions, progress: Progress = _no_progress) -> BuildReport:
    """Build the movements that changed (or all, with `force`) and the portal into
    `options.site_dir`: all or nothing, the previous output untouched on failure."""
    project = options.project
    base = read_base_config(project.config_file)
    movements = load_movements(discover_movements(project.movements_dir))
    selected = select_movements(movements, options.only)
    if options.shard is not None:
        selected = shard_of(selected, *options.shard)
    report = BuildReport(warnings=[str(w) for m in selected for w in m.warnings])
    now = build_time()
    inputs = global_fingerprint(project, now)
    previous = read_manifest(options.site_dir)
    wanted = Manifest(
        portal=None if options.shard else fingerprint_values(inputs, portal_metadata(movements)),
        movements={
            m.slug: fingerprint_values(inputs, m.slug, fingerprint_tree(m.folder, m.folder))
            for m in selected
        },
    )
    to_build = [
        m
        for m in selected
        if options.force
        or previous.movements.get(m.slug) != wanted.movements[m.slug]
        or not (options.site_dir / m.slug).is_dir()
    ]
    build_portal_now = wanted.portal is not None and (
        options.force
        or previous.portal != wanted.portal
        or not (options.site_dir / "index.html").is_file()
    )
    if not to_build and not build_portal_now and options.site_dir.is_dir():
        report.kept = [m.slug for m in selected]
        _raise_if_strict(options, report)
        return report

    staging = output.new_staging_dir(options.site_dir)
    try:
        with tempfile.TemporaryDirectory(prefix="portevoix-") as scratch:
            work = Path(scratch)
            theme_dir = prepare_theme(project.overrides_dir, work / "theme")
            if not build_portal_now and wanted.portal is not None:
                output.carry_over(
                    options.site_dir, staging, portal_entries_of(options.site_dir, previous)
                )
            jobs = BuildJobs(project, base, theme_dir, work, staging, now, movements)
            tasks: list[LoadedMovement | None] = [None] if build_portal_now else []
            for name, warnings in jobs.run([*tasks, *to_build], options.jobs, progress):
                report.warnings += warnings
                if name == PORTAL:
                    report.portal_built = True
                else:
                    report.built.append(name)
        kept = [m.slug for m in movements if m not in to_build]
        if options.site_dir.is_dir():
            output.carry_over(options.site_dir, staging, kept)
        report.kept = [m.slug for m in selected if m not in to_build]
        wanted.movements = {**previous.movements, **wanted.movements}
        wanted.movements = {
            slug: fingerprint
            for slug, fingerprint in wanted.movements.items()
            if (staging / slug).is_dir()
        }
        output.write_text_atomically(staging / MANIFEST_NAME, wanted.to_json())
        _raise_if_strict(options, report)
        output.publish(staging, options.site_dir)
    except BaseException:
        output.discard(staging)
        raise
    return report


def assemble_parts(
    project: Project, parts: list[Path], site_dir: Path, progress: Progress = _no_progress
) -> BuildReport:
    """Join the outputs of `build --shard` runs and a freshly built portal into `site_dir`."""
    base = read_base_config(project.config_file)
    movements = load_movements(discover_movements(project.movements_dir))
    now = build_time()
    sources = _find_parts(movements, parts)
    manifests = [read_manifest(part) for part in parts]
    wanted = Manifest(
        portal=fingerprint_values(global_fingerprint(project, now), portal_metadata(movements)),
        movements={
            slug: fingerprint
            for manifest in manifests
            for slug, fingerprint in manifest.movements.items()
            if slug in sources
        },
    )
    report = BuildReport(kept=sorted(sources), portal_built=True)
    staging = output.new_staging_dir(site_dir)
    try:
        with tempfile.TemporaryDirectory(prefix="portevoix-") as scratch:
            work = Path(scratch)
            theme_dir = prepare_theme(project.overrides_dir, work / "theme")
            progress(PORTAL, 0, 1)
            report.warnings += build_portal(movements, project, base, theme_dir, work, staging)
        for slug, part in sorted(sources.items()):
            output.carry_over(part, staging, [slug])
        output.write_text_atomically(staging / MANIFEST_NAME, wanted.to_json())
        output.publish(staging, site_dir)
    except BaseException:
        output.discard(staging)
        raise
    return report


def _find_parts(movements: list[LoadedMovement], parts: list[Path]) -> dict[str, Path]:
    """The part that holds each movement's site; every movement in exactly one part."""
    sources: dict[str, Path] = {}
    problems = []
    for loaded in movements:
        holders = [part for part in parts if (part / loaded.slug / "index.html").is_file()]
        if len(holders) == 1:
            sources[loaded.slug] = holders[0]
        elif not holders:
            problems.append(f"{loaded.slug}: no part holds its site; build every shard first")
        else:
            listed = ", ".join(str(part) for part in holders)
            problems.append(f"{loaded.slug}: several parts hold its site ({listed}); keep one")
    if problems:
        raise BuildError("cannot assemble:\n" + "\n".join(problems))
    return sources


def _raise_if_strict(options: BuildOptions, report: BuildReport) -> None:
    if options.strict and report.warnings:
        raise StrictModeError(
            "--strict: warnings were raised, the site was not written:\n"
            + "\n".join(report.warnings)
        )


PORTAL = "the portal"  # no slug has a space: never a movement's name
PORTAL_FOLDER = ".portal"


class BuildJobs:
    """Builds the portal (task None) and movement sites into the staging folder, in this
    process or in `jobs` others."""

    def __init__(
        self,
        project: Project,
        base: dict[str, Any],
        theme_dir: Path,
        work: Path,
        staging: Path,
        now: dt.datetime,
        movements: list[LoadedMovement],
    ) -> None:
        self.project, self.base, self.theme_dir = project, base, theme_dir
        self.work, self.staging, self.now = work, staging, now
        self.movements = movements

    def run(
        self, tasks: list[LoadedMovement | None], jobs: int, progress: Progress
    ) -> Iterator[tuple[str, list[str]]]:
        """(name, warnings) for each task, in the order they are given."""
        total = len(tasks)
        if jobs <= 1 or total <= 1:
            for done, task in enumerate(tasks):
                progress(_name(task), done, total)
                yield _name(task), self.build_one(task)
        else:
            with ProcessPoolExecutor(max_workers=min(jobs, total)) as pool:
                futures = [pool.submit(self.build_one, task) for task in tasks]
                for done, (task, future) in enumerate(zip(tasks, futures, strict=True)):
                    progress(_name(task), done, total)
                    yield _name(task), future.result()
        if None in tasks:
            output.merge_into_parent(self.staging / PORTAL_FOLDER)

    def build_one(self, task: LoadedMovement | None) -> list[str]:
        if task is None:
            # MkDocs empties a site's folder before writing it: the portal, which owns the
            # output's root, is built apart and moved in once every site is written.
            portal = self.staging / PORTAL_FOLDER
            return build_portal(
                self.movements, self.project, self.base, self.theme_dir, self.work, portal
            )
        return build_movement(
            task, self.project, self.base, self.theme_dir, self.work, self.staging, self.now
        )


def _name(task: LoadedMovement | None) -> str:
    return PORTAL if task is None else task.slug


def shard_of(movements: list[LoadedMovement], index: int, count: int) -> list[LoadedMovement]:
    """The movements of shard `index` (1-based) of `count`: a split by slug that does not
    move a movement to another shard when others are added or removed."""
    return [m for m in movements if zlib.crc32(m.slug.encode("utf-8")) % count == index - 1]


def global_fingerprint(project: Project, now: dt.datetime) -> str:
    """What every site depends on: the guide, the theme, the shared configuration, this
    version of Porte-voix and its engine, and the build's day (activity pages show ages)."""
    package = Path(__file__).parent
    return fingerprint_values(
        __version__,
        _engine_versions(),
        now.date().isoformat(),
        fingerprint_files([project.config_file], project.root),
        fingerprint_tree(project.docs_dir, project.root),
        fingerprint_tree(project.overrides_dir, project.root),
        fingerprint_tree(package, package),
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


def select_movements(
    movements: list[LoadedMovement], only: tuple[str, ...]
) -> list[LoadedMovement]:
    """The movements named by `--movement`, or all of them."""
    if not only:
        return movements
    by_slug = {m.slug: m for m in movements}
    unknown = [slug for slug in only if slug not in by_slug]
    if unknown:
        known = ", ".join(by_slug) or "none"
        raise MovementError(
            [
                Problem("--movement", 1, 1, "", f"no movement '{slug}' (known: {known})")
                for slug in unknown
            ]
        )
    return [by_slug[slug] for slug in dict.fromkeys(only)]


def prepare_theme(overrides_dir: Path, theme_dir: Path) -> Path:
    """Our theme overrides with their translations compiled, shared by every site of a build."""
    shutil.copytree(overrides_dir, theme_dir)
    write_theme_catalogs(theme_dir, list(PORTAL_LANGUAGES))
    return theme_dir


def movement_alternates(
    languages: list[str], current: str, site_url: str | None
) -> list[Alternate]:
    """The language switcher entries seen from the `current` language's root."""
    default = languages[0]
    up = "" if current == default else "../"
    return [
        Alternate(
            language=language,
            name=LANGUAGE_NAMES[language],
            prefix="" if language == current else up + language_subdir(language, default),
            current=language == current,
            url=language_url(site_url, language, default),
        )
        for language in languages
    ]


def shared_assets_prefix(language: str, default: str, depth: int) -> str:
    """The output's root (where the portal keeps the theme's files for every site), relative
    to the root of a site `depth` folders below it, in `language`."""
    return "../" * (depth + (0 if language == default else 1))


def portal_prefix(language: str, default: str) -> str:
    """The portal's root in `language`, relative to a movement site's `language` root."""
    up = "../" * (1 if language == default else 2)
    portal_language = language if language in PORTAL_LANGUAGES else PORTAL_LANGUAGES[0]
    return up + language_subdir(portal_language, PORTAL_LANGUAGES[0])


def build_time() -> dt.datetime:
    """The build's "now": SOURCE_DATE_EPOCH when set (reproducible builds), else the clock."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if not epoch:
        return dt.datetime.now(dt.UTC)
    if not epoch.isdigit():
        raise BuildError(f"SOURCE_DATE_EPOCH={epoch!r}: give seconds since 1970 (UTC), or unset it")
    return dt.datetime.fromtimestamp(int(epoch), dt.UTC)


def build_movement(
    loaded: LoadedMovement,
    project: Project,
    base: dict[str, Any],
    theme_dir: Path,
    work: Path,
    staging: Path,
    now: dt.datetime,
) -> list[str]:
    """Every language of one movement's site, default language first (it owns the root)."""
    spec = loaded.spec
    default = spec.default_language
    warnings: list[str] = []
    if spec.site_url is None:
        warnings.append(
            f"{loaded.slug}: no site_url in {loaded.source}: links shared from this site will "
            "show no card (social networks need the image's full address), and its page share "
            "buttons need JavaScript; add site_url: https://…/ where the site is published"
        )
    history = History(read_history(loaded.folder), now)
    for language in spec.languages:
        subdir = language_subdir(language, default)
        site_url = language_url(spec.site_url, language, default)
        site = SiteSpec(
            language=language,
            site_name=spec.name[language],
            description=spec.tagline[language],
            pages=render_movement(loaded, language, project.docs_dir, site_url, history),
            files={
                CSV_PATH: history_csv(history, spec).encode("utf-8"),
                SOCIAL_CARD_PATH: movement_card(loaded, language),
            },
            nav=movement_nav(language),
            site_url=site_url,
            alternates=(
                movement_alternates(spec.languages, language, spec.site_url)
                if len(spec.languages) > 1
                else []
            ),
            portal_prefix=portal_prefix(language, default),
            shared_assets=shared_assets_prefix(language, default, depth=1),
            primary_color=spec.theme.primary,
            accent_color=spec.theme.accent,
            logo=(loaded.folder / spec.theme.logo) if spec.theme.logo else None,
            permalink_title=gettext(language, PERMALINK_TITLE),
            extra={
                "social_card": {
                    "path": SOCIAL_CARD_PATH,
                    "alt": card_description(loaded, language),
                },
                "og_locale": spec.locales[language],
                "og_locale_alternates": [
                    spec.locales[other] for other in spec.languages if other != language
                ],
            },
        )
        target = output.safe_join(staging, f"{loaded.slug}/{subdir}")
        messages = build_site(site, base, work / loaded.slug / language, target, theme_dir)
        warnings += [f"{loaded.slug} ({language}): {message}" for message in messages]
    return warnings


def movement_card(loaded: LoadedMovement, language: str) -> bytes:
    """The social card of a movement in `language`: its name, primary hashtag and tagline."""
    spec = loaded.spec
    logo = loaded.folder / spec.theme.logo if spec.theme.logo else None
    return social_card(
        spec.name[language],
        spec.primary_hashtag(language).tag,
        spec.tagline[language],
        primary=spec.theme.primary,
        accent=spec.theme.accent,
        logo=logo.read_bytes() if logo is not None and logo.suffix.lower() != ".svg" else None,
    )


def card_description(loaded: LoadedMovement, language: str) -> str:
    """What the social card shows, for people who cannot see it."""
    spec = loaded.spec
    return f"{spec.name[language]} · #{spec.primary_hashtag(language).tag}"


def portal_entries(movements: list[LoadedMovement], language: str) -> list[PortalEntry]:
    """The portal's list in `language`: each movement in that language when it has it."""
    up = "" if language == PORTAL_LANGUAGES[0] else "../"
    entries = []
    for loaded in movements:
        spec = loaded.spec
        shown = language if language in spec.languages else spec.default_language
        entries.append(
            PortalEntry(
                name=spec.name[shown],
                tagline=spec.tagline[shown],
                primary_hashtag=spec.primary_hashtag(shown).tag,
                href=f"{up}{loaded.slug}/{language_subdir(shown, spec.default_language)}",
            )
        )
    return entries


def build_portal(
    movements: list[LoadedMovement],
    project: Project,
    base: dict[str, Any],
    theme_dir: Path,
    work: Path,
    staging: Path,
) -> list[str]:
    """The portal at the output's root, one page per portal language."""
    warnings: list[str] = []
    for language in PORTAL_LANGUAGES:
        title = gettext(language, PORTAL_TITLE)
        subdir = language_subdir(language, PORTAL_LANGUAGES[0])
        site = SiteSpec(
            language=language,
            site_name=base.get("site_name", "Porte-voix"),
            description=title,
            pages=render_portal(
                portal_entries(movements, language), language, project.docs_dir, title
            ),
            nav=[(title, "index.md")],
            site_url=language_url(base.get("site_url"), language, PORTAL_LANGUAGES[0]),
            alternates=movement_alternates(list(PORTAL_LANGUAGES), language, base.get("site_url")),
            permalink_title=gettext(language, PERMALINK_TITLE),
            shared_assets=None
            if not subdir
            else shared_assets_prefix(language, PORTAL_LANGUAGES[0], depth=0),
        )
        target = output.safe_join(staging, subdir) if subdir else staging
        messages = build_site(site, base, work / "_portal" / language, target, theme_dir)
        warnings += [f"portal ({language}): {message}" for message in messages]
    return warnings
