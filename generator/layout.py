"""Where things live in the output: languages, pages and their addresses."""

from __future__ import annotations


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
