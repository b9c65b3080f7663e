"""`portevoix build`: load → render → build each site → portal → publish, one stage each."""

from __future__ import annotations

import datetime as dt
import logging
import os
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.errors import BuildError, MovementError, Problem, StrictModeError
from generator.i18n import LANGUAGE_NAMES, N_, gettext, write_theme_catalogs
from generator.layout import language_subdir, language_url
from generator.movement import LoadedMovement, discover_movements, load_movements
from generator.render.activity import CSV_PATH, History, history_csv
from generator.render.cards import social_card
from generator.render.pages import PortalEntry, movement_nav, render_movement, render_portal
from generator.site import output
from generator.site.engine import build_site, read_base_config
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


@dataclass
class BuildReport:
    """What a build did, for the command line to print."""

    built: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


Progress = Callable[[str], None]


def build(options: BuildOptions, progress: Progress = lambda _: None) -> BuildReport:
    """Build the selected movements and the portal into `options.site_dir`, all or nothing."""
    project = options.project
    base = read_base_config(project.config_file)
    movements = load_movements(discover_movements(project.movements_dir))
    selected = select_movements(movements, options.only)
    report = BuildReport(warnings=[str(w) for m in movements for w in m.warnings])

    staging = output.new_staging_dir(options.site_dir)
    try:
        with tempfile.TemporaryDirectory(prefix="portevoix-") as scratch:
            work = Path(scratch)
            theme_dir = prepare_theme(project.overrides_dir, work / "theme")
            # The portal owns the output's root and MkDocs empties a site's folder before
            # writing it: build the portal first, the movements into their folders after.
            progress("portal")
            report.warnings += build_portal(movements, project, base, theme_dir, work, staging)
            for loaded in selected:
                progress(loaded.slug)
                report.warnings += build_movement(loaded, project, base, theme_dir, work, staging)
                report.built.append(loaded.slug)
        unselected = [m.slug for m in movements if m not in selected]
        if unselected and options.site_dir.is_dir():
            output.carry_over(options.site_dir, staging, unselected)
        if options.strict and report.warnings:
            raise StrictModeError(
                "--strict: warnings were raised, the site was not written:\n"
                + "\n".join(report.warnings)
            )
        output.publish(staging, options.site_dir)
    except BaseException:
        output.discard(staging)
        raise
    return report


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
    history = History(read_history(loaded.folder), build_time())
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
        )
        target = output.safe_join(staging, subdir) if subdir else staging
        messages = build_site(site, base, work / "_portal" / language, target, theme_dir)
        warnings += [f"portal ({language}): {message}" for message in messages]
    return warnings
