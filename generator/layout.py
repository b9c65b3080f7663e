"""Where things live in the output: languages, sites, pages and their addresses.

Every relative or absolute address a build computes is made here, so that the layout of an
output (the portal at the root, each movement in `<slug>/`, a site's first language at its
root and the others in `<lang>/`) is written down once.
"""

from __future__ import annotations

from generator.i18n import LANGUAGE_NAMES
from generator.site.spec import Alternate

PORTAL_LANGUAGES = ("fr", "en")
"""The portal's languages; the first is served at the output's root."""


def language_subdir(language: str, default: str) -> str:
    """Where a language lives inside its site: the default at the root, others below."""
    return "" if language == default else f"{language}/"


def language_url(site_url: str | None, language: str, default: str) -> str | None:
    """The absolute root of a language of a site whose address is `site_url`."""
    if site_url is None:
        return None
    return f"{site_url.rstrip('/')}/{language_subdir(language, default)}"


def page_dir(path: str) -> str:
    """The address of a page's source `path` below its site's root: `kit/posts.md` → `kit/posts/`."""
    if path == "index.md" or path.endswith("/index.md"):
        return path.removesuffix("index.md")
    return path.removesuffix(".md") + "/"


def movement_root(slug: str, language: str, default: str) -> str:
    """A movement site's root in `language`, relative to the output's root."""
    return f"{slug}/{language_subdir(language, default)}"


def portal_root(language: str) -> str:
    """The portal's root in `language`, relative to the output's root ('' for the first)."""
    return language_subdir(language, PORTAL_LANGUAGES[0])


def alternates(languages: list[str], current: str, site_url: str | None) -> list[Alternate]:
    """The language switcher entries of a site, seen from its `current` language's root."""
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
    return up + portal_root(portal_language)


def movement_href(slug: str, shown: str, default: str, portal_language: str) -> str:
    """The link from the portal's `portal_language` page to a movement shown in `shown`."""
    up = "" if portal_language == PORTAL_LANGUAGES[0] else "../"
    return up + movement_root(slug, shown, default)


KIT_FILES_DIR = "kit/files"
"""Where a site keeps the files its kit pages offer (posts' images, the one-pager's PDF)."""
KIT_FILES_FROM_PAGE = "../files/"
"""`KIT_FILES_DIR` from a kit page's address (`kit/posts/`)."""


def post_image_name(slug: str, post_id: str, wording: int, language: str, shape: str) -> str:
    """The file name of an image of a post's wording (0 its text, 1… its variants), saying
    what it is: `demo-trajet-ecole-fr-square.png`, `demo-trajet-ecole-2-fr-story.png`."""
    number = f"-{wording + 1}" if wording else ""
    return f"{slug}-{post_id}{number}-{language}-{shape}.png"


def one_pager_name(slug: str, language: str) -> str:
    """The file name of a site's printable one-pager: `demo-fr-one-pager.pdf`."""
    return f"{slug}-{language}-one-pager.pdf"


def bare_address(url: str) -> str:
    """An address as people type it: without its scheme and final slash."""
    return url.split("://", 1)[-1].rstrip("/")
