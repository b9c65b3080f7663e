"""The only module that speaks to MkDocs: a `SiteSpec` in, one built site folder out.

MkDocs 1.x is frozen and Material reaches end of life in May 2027; keeping every MkDocs
import here means another engine only has to implement `build_site`.
"""

from __future__ import annotations

import copy
import html
import logging
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import yaml
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import MkDocsException
from mkdocs.plugins import BasePlugin

from generator.errors import BuildError
from generator.site.htmlfix import repair_theme_markup
from generator.site.output import safe_join
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


class _RepairMarkup(BasePlugin):  # type: ignore[type-arg,no-untyped-call]
    """Runs `repair_theme_markup` on every page MkDocs writes, the 404 page included."""

    def on_post_page(self, output: str, **_: Any) -> str:
        return repair_theme_markup(output)

    def on_post_template(self, output_content: str, **_: Any) -> str:
        return repair_theme_markup(output_content)


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
    plugins: list[Any] = [{"search": {"lang": language}}]
    for entry in base.get("plugins", []):
        name = entry if isinstance(entry, str) else next(iter(entry))
        if name != "search":
            plugins.append(entry)
    return plugins


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
    palette = {**theme.get("palette", {})} if isinstance(theme.get("palette"), dict) else {}
    if spec.primary_color:
        palette["primary"] = spec.primary_color
    if spec.accent_color:
        palette["accent"] = spec.accent_color
    theme["palette"] = palette
    if spec.logo is not None:
        theme["logo"] = f"assets/{spec.logo.name}"
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


def build_site(
    spec: SiteSpec, base: dict[str, Any], work_dir: Path, site_dir: Path, theme_dir: Path
) -> list[str]:
    """Build `spec` into `site_dir` using `work_dir` for its sources; return MkDocs' warnings."""
    docs_dir = work_dir / "docs"
    if docs_dir.exists():
        shutil.rmtree(docs_dir)
    for relative, text in spec.pages.items():
        target = safe_join(docs_dir, relative)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    for relative, data in spec.files.items():
        target = safe_join(docs_dir, relative)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    if spec.logo is not None:
        (docs_dir / "assets").mkdir(parents=True, exist_ok=True)
        shutil.copyfile(spec.logo, docs_dir / "assets" / spec.logo.name)
    config = MkDocsConfig(config_file_path=str(work_dir / "mkdocs.yml"))
    config.load_dict(site_config(spec, base, docs_dir, site_dir, theme_dir))
    with _mkdocs_warnings() as collector:
        errors, warnings = config.validate()
        if errors:
            details = "; ".join(f"{key}: {error}" for key, error in errors)
            raise BuildError(f"the MkDocs configuration is invalid: {details}")
        collector.messages.extend(f"{key}: {warning}" for key, warning in warnings)
        config.plugins["porte-voix/repair-markup"] = _RepairMarkup()
        try:
            config.plugins.on_startup(command="build", dirty=False)
            try:
                mkdocs_build(config)
            finally:
                config.plugins.on_shutdown()
        except MkDocsException as error:
            raise BuildError(f"MkDocs could not build the {spec.language} site: {error}") from None
    return collector.messages
