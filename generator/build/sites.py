"""Stage 3: what each site is made of. One place turns a loaded movement and a language into
a `SiteSpec`, one place the portal; the engine builds them later."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator import layout
from generator.build.images import post_image_files
from generator.i18n import N_, gettext
from generator.movement import LoadedMovement
from generator.render.activity import CSV_PATH, History
from generator.render.activity_csv import history_csv
from generator.render.cards import social_card
from generator.render.onepager_pdf import onepager_pdf
from generator.render.pages import PortalEntry, movement_nav, render_movement, render_portal
from generator.render.print_page import one_pager
from generator.site import output
from generator.site.spec import SiteSpec

PORTAL_TITLE = N_("Movement toolkits")
SOCIAL_CARD_PATH = "assets/social-card.png"
ACTIVITY_PAGE = "kit/activity.md"
PERMALINK_TITLE = N_("Permanent link")


@dataclass(frozen=True)
class SiteTarget:
    """One language of one site, and where it goes in the output (relative to its root)."""

    spec: SiteSpec
    folder: str
    warnings: list[str] = field(default_factory=list)
    """What drawing its files found (a post too long for its image…)."""


def movement_site(
    loaded: LoadedMovement,
    language: str,
    docs_dir: Path,
    history: History,
    previous_output: Path | None = None,
) -> SiteTarget:
    """One language of a movement's site: its pages, files, navigation and addresses; images
    drawn from the same inputs as those of `previous_output` (the output being replaced) are
    taken from it."""
    spec = loaded.spec
    default = spec.default_language
    site_url = layout.language_url(spec.site_url, language, default)
    folder = layout.movement_root(loaded.slug, language, default)
    pages = render_movement(loaded, language, docs_dir, site_url, history)
    files = {SOCIAL_CARD_PATH: movement_card(loaded, language)}
    previous = output.safe_join(previous_output, folder) if previous_output else None
    images, warnings = post_image_files(loaded, language, previous)
    files.update(images)
    pdf = layout.one_pager_name(loaded.slug, language)
    files[f"{layout.KIT_FILES_DIR}/{pdf}"] = onepager_pdf(one_pager(loaded, language))
    if ACTIVITY_PAGE in pages:  # the CSV is offered by the activity page alone
        files[CSV_PATH] = history_csv(history, spec).encode("utf-8")
    site = SiteSpec(
        language=language,
        site_name=spec.name[language],
        description=spec.tagline[language],
        pages=pages,
        files=files,
        nav=movement_nav(language, pages),
        site_url=site_url,
        alternates=(
            layout.alternates(spec.languages, language, spec.site_url)
            if len(spec.languages) > 1
            else []
        ),
        portal_prefix=layout.portal_prefix(language, default),
        shared_assets=layout.shared_assets_prefix(language, default, depth=1),
        primary_color=spec.theme.primary,
        accent_color=spec.theme.accent,
        logo=(loaded.folder / spec.theme.logo) if spec.theme.logo else None,
        permalink_title=gettext(language, PERMALINK_TITLE),
        extra=_sharing_extra(loaded, language),
    )
    return SiteTarget(site, folder, warnings)


def _sharing_extra(loaded: LoadedMovement, language: str) -> dict[str, Any]:
    """What the theme needs for Open Graph and Twitter Card tags."""
    spec = loaded.spec
    return {
        "social_card": {"path": SOCIAL_CARD_PATH, "alt": card_description(loaded, language)},
        "og_locale": spec.locales[language],
        "og_locale_alternates": [
            spec.locales[other] for other in spec.languages if other != language
        ],
    }


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


def portal_site(
    movements: list[LoadedMovement], language: str, base: dict[str, Any], docs_dir: Path
) -> SiteTarget:
    """One language of the portal, at the output's root: every movement, in that language
    when it has it."""
    title = gettext(language, PORTAL_TITLE)
    folder = layout.portal_root(language)
    first = layout.PORTAL_LANGUAGES[0]
    site = SiteSpec(
        language=language,
        site_name=base.get("site_name", "Porte-voix"),
        description=title,
        pages=render_portal(portal_entries(movements, language), language, docs_dir, title),
        nav=[(title, "index.md")],
        site_url=layout.language_url(base.get("site_url"), language, first),
        alternates=layout.alternates(list(layout.PORTAL_LANGUAGES), language, base.get("site_url")),
        permalink_title=gettext(language, PERMALINK_TITLE),
        shared_assets=layout.shared_assets_prefix(language, first, depth=0) if folder else None,
    )
    return SiteTarget(site, folder)


def portal_entries(movements: list[LoadedMovement], language: str) -> list[PortalEntry]:
    """The portal's list in `language`: each movement in that language when it has it."""
    entries = []
    for loaded in movements:
        spec = loaded.spec
        shown = language if language in spec.languages else spec.default_language
        entries.append(
            PortalEntry(
                name=spec.name[shown],
                tagline=spec.tagline[shown],
                primary_hashtag=spec.primary_hashtag(shown).tag,
                href=layout.movement_href(loaded.slug, shown, spec.default_language, language),
                language=shown,
            )
        )
    return entries
