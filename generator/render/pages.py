"""The pages of a movement site and the portal, rendered to Markdown for one language."""

from __future__ import annotations

import datetime as dt
import functools
import html
import json
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from generator.errors import BuildError
from generator.i18n import N_, format_long_date, format_number, translations
from generator.layout import bare_address, page_dir
from generator.movement.load import LoadedMovement
from generator.movement.notes import left_out_pages
from generator.movement.schema import Movement
from generator.render import escape
from generator.render.activity import History, activity_view
from generator.render.context import page_context
from generator.render.icons import icon, icon_sprite
from generator.render.print_page import print_view
from generator.share import Shareable, ShareLink, share_links

TEMPLATES_DIR = Path(__file__).parent.parent / "templates"


@dataclass(frozen=True)
class PageSpec:
    """One page of every movement site: where it goes, its title, what renders it."""

    path: str
    title: str
    section: str | None
    template: str

    def template_name(self, language: str) -> str:
        """The Jinja template name; guide pages come from `docs/<language>/`."""
        return self.template.format(language=language)


GUIDE = N_("Guide")
KIT = N_("Toolkit")

# The pages, in navigation order. Titles are English msgids translated by the catalogs.
MOVEMENT_PAGES: tuple[PageSpec, ...] = (
    PageSpec("index.md", N_("Home"), None, "pages/home.md.j2"),
    PageSpec("guide/index.md", N_("Overview"), GUIDE, "{language}/guide/index.md"),
    PageSpec("guide/novice.md", N_("Novice"), GUIDE, "{language}/guide/novice.md"),
    PageSpec("guide/competent.md", N_("Competent"), GUIDE, "{language}/guide/competent.md"),
    PageSpec("guide/expert.md", N_("Expert"), GUIDE, "{language}/guide/expert.md"),
    PageSpec("kit/hashtags.md", N_("Hashtags"), KIT, "pages/hashtags.md.j2"),
    PageSpec("kit/posts.md", N_("Posts"), KIT, "pages/posts.md.j2"),
    PageSpec("kit/targets.md", N_("Write to your representatives"), KIT, "pages/targets.md.j2"),
    PageSpec("kit/conversations.md", N_("Conversations"), KIT, "pages/conversations.md.j2"),
    PageSpec("kit/accounts.md", N_("Accounts to follow"), KIT, "pages/accounts.md.j2"),
    PageSpec("kit/lists.md", N_("Lists"), KIT, "pages/lists.md.j2"),
    PageSpec("kit/activity.md", N_("Activity"), KIT, "pages/activity.md.j2"),
    PageSpec("kit/print.md", N_("One-pager to print"), KIT, "pages/print.md.j2"),
)
PORTAL_PAGE = PageSpec("index.md", N_("Movements"), None, "pages/portal.md.j2")


def movement_pages(spec: Movement, has_snapshot: bool) -> tuple[PageSpec, ...]:
    """The pages of `spec`'s site: all but the kit pages it would have nothing to show on
    (`has_snapshot` when the movement has an activity snapshot). A left-out page is neither
    built nor in the navigation, and no page links to it."""
    left_out = {left.page for left in left_out_pages(spec, has_snapshot)}
    return tuple(page for page in MOVEMENT_PAGES if page.path not in left_out)


NavItem = tuple[str, "str | list[NavItem]"]


@jinja2.pass_context
def _number(context: jinja2.runtime.Context, value: int | float) -> Markup:
    """A number in the locale of the page being rendered (digits and separators are safe)."""
    return Markup(format_number(value, context["locale"]))


@jinja2.pass_context
def _long_date(context: jinja2.runtime.Context, value: dt.date) -> str:
    """A date in the locale of the page being rendered."""
    return format_long_date(value, context["locale"])


@functools.cache
def make_environment(docs_dir: Path, language: str) -> jinja2.Environment:
    """A Jinja environment whose every printed value is escaped for Markdown and HTML."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader([str(TEMPLATES_DIR), str(docs_dir)]),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        autoescape=False,  # `finalize` escapes for Markdown, which also covers HTML
        finalize=escape.finalize,
        extensions=["jinja2.ext.i18n"],
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.install_gettext_translations(translations(language), newstyle=True)  # type: ignore[attr-defined]
    env.filters["hashtag"] = escape.hashtag
    env.filters["x_profile"] = escape.x_profile
    env.filters["url"] = escape.url
    env.filters["attr"] = escape.attribute
    env.filters["number"] = _number
    env.filters["bare"] = bare_address
    env.filters["long_date"] = _long_date
    env.filters["json"] = lambda value: json.dumps(value, ensure_ascii=False)
    env.globals["icon"] = icon
    env.globals["icon_sprite"] = icon_sprite
    return env


PAGE_SHARE = "pages/_page_share.j2"
PAGE_URL_PLACEHOLDER = "PORTEVOIX_PAGE_URL"
"""Stands for the page's address in share links when the site's address is unknown;
the page's script puts `location.href` in its place (the buttons stay hidden without it)."""


def front_matter(title: str) -> str:
    """YAML front matter: the page's title, HTML-escaped for the theme."""
    meta = {"title": html.escape(title)}
    lines = [f"{key}: {json.dumps(value, ensure_ascii=False)}" for key, value in meta.items()]
    return "---\n" + "\n".join(lines) + "\n---\n\n"


@dataclass(frozen=True)
class PageShare:
    """What the page's own share controls share: its title, its address (None until the
    page's script knows it), and a link per network."""

    title: str
    text: str
    url: str | None
    links: list[ShareLink]

    @property
    def needs_script(self) -> bool:
        return self.url is None


def page_share(title: str, context: dict[str, Any], page_url: str | None) -> PageShare:
    """The share controls of one page of the movement's site."""
    movement = context["movement"]
    text = title if title == movement.name else f"{title} · {movement.name}"
    item = Shareable(
        text=text,
        hashtags=(context["primary_hashtag"],),
        url=page_url or PAGE_URL_PLACEHOLDER,
        via=context["organization"].handle,
        subject=text,
    )
    return PageShare(title=text, text=item.words(), url=page_url, links=share_links(item))


def render_page(
    env: jinja2.Environment,
    page: PageSpec,
    language: str,
    context: dict[str, Any],
    site_root: str | None = None,
) -> str:
    """One page's Markdown, front matter (title, share buttons) included."""
    title = translations(language).gettext(page.title)
    if page.path == "index.md":
        title = context["movement"].name
    body = render_template(env, page.template_name(language), context, page_title=title)
    page_url = f"{site_root}{page_dir(page.path)}" if site_root else None
    share = page_share(title, context, page_url)
    return front_matter(title) + body + render_template(env, PAGE_SHARE, {"page_share": share})


def render_template(
    env: jinja2.Environment, name: str, context: dict[str, Any], **extra: Any
) -> str:
    """Render template `name`; a mistake in a template is reported at its file and line."""
    try:
        return env.get_template(name).render(context, **extra)
    except jinja2.TemplateNotFound as error:
        raise BuildError(f"{error.name}: template not found in {_template_dirs(env)}") from None
    except jinja2.TemplateSyntaxError as error:
        where = error.filename or error.name or name
        raise BuildError(
            f"{where}:{error.lineno}: template syntax error: {error.message}"
        ) from None
    except jinja2.UndefinedError as error:
        raise BuildError(f"{_template_place(env, name, error)}: {error.message}") from None


def _template_dirs(env: jinja2.Environment) -> str:
    loader = env.loader
    paths = getattr(loader, "searchpath", [])
    return ", ".join(str(path) for path in paths)


def _template_place(env: jinja2.Environment, name: str, error: Exception) -> str:
    """`file:line` of the template frame in the traceback of `error`."""
    traceback = error.__traceback__
    place = name
    while traceback is not None:
        filename = traceback.tb_frame.f_code.co_filename
        if filename.endswith((".md", ".j2", ".html")):
            place = f"{filename}:{traceback.tb_lineno}"
        traceback = traceback.tb_next
    return place


def render_movement(
    loaded: LoadedMovement,
    language: str,
    docs_dir: Path,
    site_root: str | None = None,
    history: History | None = None,
) -> dict[str, str]:
    """Every page of `loaded`'s site in `language` (whose root address is `site_root`, when
    known), as docs-relative path → Markdown; the activity page shows `history`, whose `now`
    (the build's time, else the clock) decides which dates are still to come."""
    env = make_environment(docs_dir, language)
    snapshots = history.snapshots if history else ()
    pages = movement_pages(loaded.spec, bool(snapshots))
    context = page_context(
        loaded,
        language,
        snapshots[-1] if snapshots else None,
        now=history.now if history else dt.datetime.now(dt.UTC),
        pages=frozenset(page.path for page in pages),
    )
    context["activity"] = activity_view(history, loaded.spec, language, context["locale"])
    context["print"] = print_view(loaded, language)
    return {page.path: render_page(env, page, language, context, site_root) for page in pages}


def movement_nav(language: str, paths: Collection[str] | None = None) -> list[NavItem]:
    """The navigation of a movement site, titles translated: the pages whose source paths
    are `paths` (the keys of `render_movement`'s result), or all of them."""
    gettext = translations(language).gettext
    nav: list[NavItem] = []
    sections: dict[str, list[NavItem]] = {}
    for page in MOVEMENT_PAGES:
        if paths is not None and page.path not in paths:
            continue
        entry: NavItem = (gettext(page.title), page.path)
        if page.section is None:
            nav.append(entry)
            continue
        if page.section not in sections:
            sections[page.section] = []
            nav.append((gettext(page.section), sections[page.section]))
        sections[page.section].append(entry)
    return nav


@dataclass(frozen=True)
class PortalEntry:
    """A movement as the portal lists it, in one language."""

    name: str
    tagline: str
    primary_hashtag: str
    href: str
    language: str
    """The language its entry is written in: the portal's, or the movement's own when the
    movement has no site in the portal's language."""


def render_portal(
    entries: list[PortalEntry], language: str, docs_dir: Path, title: str
) -> dict[str, str]:
    """The portal's single page in `language`."""
    env = make_environment(docs_dir, language)
    body = render_template(
        env,
        PORTAL_PAGE.template,
        {"entries": entries, "locale": language, "language": language},
        page_title=title,
    )
    return {PORTAL_PAGE.path: front_matter(title) + body}
