"""The only module that speaks to MkDocs: a `SiteSpec` in, one built site folder out.

MkDocs 1.x is frozen and Material reaches end of life in May 2027; keeping every MkDocs
import here means another engine only has to implement `build_site`.
"""

from __future__ import annotations

import copy
import html
import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import jinja2
import yaml
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import MkDocsException
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import Files

from generator.errors import BuildError
from generator.i18n import N_, gettext
from generator.site import output
from generator.site.htmlfix import repair_theme_markup
from generator.site.search import fold_search_index_file
from generator.site.spec import NavItem, SiteSpec

log = logging.getLogger(__name__)


class _Collector(logging.Handler):
    """Keeps MkDocs' warnings so the build can report them (and fail under --strict)."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@contextmanager
def _mkdocs_warnings() -> Iterator[_Collector]:
    logger = logging.getLogger("mkdocs")
    collector = _Collector()
    previous = (logger.level, logger.propagate)
    logger.addHandler(collector)
    logger.setLevel(logging.WARNING)
    logger.propagate = False
    try:
        yield collector
    finally:
        logger.removeHandler(collector)
        logger.setLevel(previous[0])
        logger.propagate = previous[1]


class _InMemoryBytecodeCache(jinja2.BytecodeCache):
    """Compiled templates kept for the life of the process, keyed by name and source hash:
    every site built by one process compiles the theme's templates once, not once a site."""

    def __init__(self) -> None:
        self._store: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self._store.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._store[bucket.key] = bucket.bytecode_to_string()


_BYTECODE_CACHE = _InMemoryBytecodeCache()


_THEME_FILE_LISTS: dict[tuple[str, ...], list[str]] = {}


def _faster_theme_environment(config: MkDocsConfig) -> None:
    """Give this site's theme environment the process-wide caches: its (many thousand) files
    are listed once, its templates compiled once, for every site one process builds."""
    theme = config.theme
    make_environment = theme.get_env
    key = (*theme.dirs, "|", *sorted(theme.static_templates))

    def get_env() -> jinja2.Environment:
        env = make_environment()
        env.bytecode_cache = _BYTECODE_CACHE
        list_templates = env.list_templates

        def cached_list(
            extensions: Any = None, filter_func: Callable[[str], bool] | None = None
        ) -> list[str]:
            # MkDocs lists the theme's static files with the same filter for the same theme.
            if extensions is not None or filter_func is None:
                return list_templates(extensions, filter_func)
            if key not in _THEME_FILE_LISTS:
                _THEME_FILE_LISTS[key] = list_templates(extensions, filter_func)
            return list(_THEME_FILE_LISTS[key])

        setattr(env, "list_templates", cached_list)  # noqa: B010 - this environment only
        return env

    setattr(theme, "get_env", get_env)  # noqa: B010 - on this site's theme object only


class _SharedThemeAssets(BasePlugin):  # type: ignore[type-arg,no-untyped-call]
    """Leaves the theme's static files out of this site and points its pages at the copy
    that the portal keeps at `prefix` (relative to this site's root)."""

    def __init__(self, prefix: str, theme_dirs: list[str]) -> None:
        self.prefix = prefix
        self.theme_dirs = {str(Path(d).resolve()) for d in theme_dirs}
        self.shared: set[str] = set()

    def on_files(self, files: Files, **_: Any) -> Files:
        for file in list(files):
            from_theme = (
                file.src_dir is not None and str(Path(file.src_dir).resolve()) in self.theme_dirs
            )
            if from_theme and not file.is_documentation_page():
                self.shared.add(file.url)
                files.remove(file)
        return files

    def on_env(self, env: jinja2.Environment, **_: Any) -> jinja2.Environment:
        original = env.filters["url"]

        @jinja2.pass_context
        def url(context: Any, value: str) -> str:
            if value in self.shared:
                value = self.prefix + value
            return str(original(context, value))

        env.filters["url"] = url
        return env


class _RepairMarkup(BasePlugin):  # type: ignore[type-arg,no-untyped-call]
    """Runs `repair_theme_markup` on every page MkDocs writes, the 404 page included."""

    def on_post_page(self, output: str, **_: Any) -> str:
        return repair_theme_markup(output)

    def on_post_template(self, output_content: str, **_: Any) -> str:
        return repair_theme_markup(output_content)


class _FoldSearchIndex(BasePlugin):  # type: ignore[type-arg,no-untyped-call]
    """Adds accent-folded spellings to the search index once the search plugin wrote it
    (generator/site/search.py says how and why)."""

    @event_priority(-100)  # after every other plugin's, the search plugin's included
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        fold_search_index_file(Path(config.site_dir))


def read_base_config(config_file: Path) -> dict[str, Any]:
    """The shared `mkdocs.yml`, as plain data."""
    try:
        data = yaml.safe_load(config_file.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise BuildError(f"{config_file}: cannot be read as YAML: {error}") from None
    if not isinstance(data, dict):
        raise BuildError(f"{config_file}: must be a mapping of MkDocs settings")
    return data


def _nav(items: list[NavItem]) -> list[dict[str, Any]]:
    # Nav titles are printed unescaped by the theme: escape them here.
    return [
        {html.escape(title): target if isinstance(target, str) else _nav(target)}
        for title, target in items
    ]


def _plugins(base: dict[str, Any], language: str) -> list[Any]:
    """The shared plugins; search in the site's language only, with the shared options."""
    search: dict[str, Any] = {}
    plugins: list[Any] = []
    for entry in base.get("plugins", []):
        name = entry if isinstance(entry, str) else next(iter(entry))
        if name == "search":
            search = {**((entry.get("search") or {}) if isinstance(entry, dict) else {})}
        else:
            plugins.append(entry)
    return [{"search": {**search, "lang": language}}, *plugins]


DARK_TOGGLE = N_("Switch to dark mode")
LIGHT_TOGGLE = N_("Switch to light mode")
DEVICE_TOGGLE = N_("Use the device's setting")


def palette(base: Any, spec: SiteSpec) -> list[dict[str, Any]]:
    """Material's palette: the device's scheme, light or dark, until the visitor picks one
    with the header's button, which goes device → light → dark → device. Its icons are the
    theme's own (inlined SVG), its labels in the site's language. The first option follows
    the device at every page and when the device changes (with two options, the theme
    would keep the scheme of the first visit). The colours are the movement's, else those of
    the shared `theme.palette`."""
    shared = base if isinstance(base, dict) else {}
    colours = {
        "primary": spec.primary_color or shared.get("primary") or "indigo",
        "accent": spec.accent_color or shared.get("accent") or "indigo",
    }
    options = (
        ("(prefers-color-scheme)", "default", "material/brightness-auto", LIGHT_TOGGLE),
        ("(prefers-color-scheme: light)", "default", "material/weather-sunny", DARK_TOGGLE),
        ("(prefers-color-scheme: dark)", "slate", "material/weather-night", DEVICE_TOGGLE),
    )
    return [
        {
            "media": media,
            "scheme": scheme,
            **colours,
            # Each label names what a click does; the theme prints it unescaped.
            "toggle": {"icon": icon, "name": html.escape(gettext(spec.language, name))},
        }
        for media, scheme, icon, name in options
    ]


def _markdown_extensions(base: dict[str, Any], spec: SiteSpec) -> list[Any]:
    """The shared extensions, with the heading-link title in the site's language."""
    extensions: list[Any] = []
    for entry in base.get("markdown_extensions", []):
        if entry == "toc" or (isinstance(entry, dict) and "toc" in entry):
            options = {**(entry["toc"] or {})} if isinstance(entry, dict) else {}
            entry = {"toc": {**options, "permalink_title": spec.permalink_title}}
        extensions.append(entry)
    return extensions


def site_config(
    spec: SiteSpec, base: dict[str, Any], docs_dir: Path, site_dir: Path, theme_dir: Path
) -> dict[str, Any]:
    """The MkDocs configuration of one language of a site, the shared base merged in."""
    base = copy.deepcopy(base)  # MkDocs' validation consumes parts of the values it reads
    theme = {**base.get("theme", {})}
    theme.update(
        name="material", custom_dir=str(theme_dir), language=spec.language, locale=spec.language
    )
    theme["font"] = False  # fonts from Google would be a third-party request on every page
    theme["palette"] = palette(theme.get("palette"), spec)
    if spec.logo is not None:
        theme["logo"] = logo_path(spec.logo)
    extra = {**base.get("extra", {}), **spec.extra}
    # Material links each `extra.alternate` to a language's root. Ours lead to the same page:
    # a non-list `alternate` keeps Material's switcher slot (our partial) and drops its links.
    extra["alternate"] = bool(spec.alternates)
    extra["languages"] = [
        {
            "name": alt.name,
            "lang": alt.language,
            "link": alt.prefix,
            "url": alt.url,
            "current": alt.current,
        }
        for alt in spec.alternates
    ]
    extra["portal_prefix"] = spec.portal_prefix
    config = {**base}
    config["markdown_extensions"] = _markdown_extensions(base, spec)
    config.update(
        # The theme prints these unescaped: they come from movement files, so escape them.
        site_name=html.escape(spec.site_name),
        site_description=html.escape(spec.description),
        site_url=spec.site_url,
        docs_dir=str(docs_dir),
        site_dir=str(site_dir),
        nav=_nav(spec.nav),
        theme=theme,
        plugins=_plugins(base, spec.language),
        extra=extra,
        use_directory_urls=True,
        strict=False,
    )
    return config


def logo_path(logo: Path) -> str:
    """Where a site keeps its logo: a name of ours, so that a logo file named like another
    asset (`social-card.png`) can never replace it."""
    return f"assets/logo{logo.suffix.lower()}"


def build_site(
    spec: SiteSpec, base: dict[str, Any], work_dir: Path, site_dir: Path, theme_dir: Path
) -> list[str]:
    """Build `spec` into `site_dir` using `work_dir` for its sources; return MkDocs' warnings."""
    docs_dir = output.replace_scratch_dir(work_dir / "docs")
    output.write_files(docs_dir, {path: text.encode("utf-8") for path, text in spec.pages.items()})
    output.write_files(docs_dir, spec.files)
    if spec.logo is not None:
        output.write_files(docs_dir, {logo_path(spec.logo): spec.logo.read_bytes()})
    config = MkDocsConfig(config_file_path=str(work_dir / "mkdocs.yml"))
    config.load_dict(site_config(spec, base, docs_dir, site_dir, theme_dir))
    with _mkdocs_warnings() as collector:
        errors, warnings = config.validate()
        if errors:
            details = "; ".join(f"{key}: {error}" for key, error in errors)
            raise BuildError(f"the MkDocs configuration is invalid: {details}")
        collector.messages.extend(f"{key}: {warning}" for key, warning in warnings)
        config.plugins["porte-voix/repair-markup"] = _RepairMarkup()
        config.plugins["porte-voix/fold-search"] = _FoldSearchIndex()
        if spec.shared_assets is not None:
            config.plugins["porte-voix/shared-assets"] = _SharedThemeAssets(
                spec.shared_assets, config.theme.dirs
            )
        _faster_theme_environment(config)
        try:
            config.plugins.on_startup(command="build", dirty=False)
            try:
                mkdocs_build(config)
            finally:
                config.plugins.on_shutdown()
        except MkDocsException as error:
            raise BuildError(f"MkDocs could not build the {spec.language} site: {error}") from None
    return collector.messages
