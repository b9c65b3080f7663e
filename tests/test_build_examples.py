"""End to end: the repository's example movements build into bilingual sites and a portal."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from generator.layout import page_dir
from generator.movement import discover_movements, load_movements
from generator.render.pages import movement_pages
from generator.snapshot.store import snapshot_files
from tests.support import REPO, read_page

EXAMPLES = load_movements(discover_movements(REPO / "movements"))
RESOURCE_TAGS = {
    "script": "src",
    "img": "src",
    "iframe": "src",
    "source": "src",
    "audio": "src",
    "video": "src",
}
RESOURCE_LINK_RELS = {"stylesheet", "preload", "modulepreload", "icon", "manifest", "prefetch"}


def language_root(site: Path, loaded, language: str) -> Path:
    """Where a movement's site in `language` is built: its default language at the root."""
    root = site / loaded.slug
    return root if language == loaded.spec.default_language else root / language


def all_html(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def language_of(site: Path, html_file: Path) -> str:
    """The language a built page must declare, from where it sits in the output."""
    parts = html_file.relative_to(site).parts
    slug_default = {m.slug: m.spec.default_language for m in EXAMPLES}
    if parts[0] in slug_default:
        return parts[1] if len(parts) > 2 and parts[1] in ("fr", "en") else slug_default[parts[0]]
    return "en" if parts[0] == "en" else "fr"


def resolve(from_file: Path, href: str) -> Path:
    """The built file a link leads to; a movement's absolute `site_url` maps to its folder."""
    for loaded in EXAMPLES:
        root = loaded.spec.site_url
        if root and href.startswith(root):
            site = next(p for p in from_file.parents if (p / loaded.slug).is_dir())
            href = str(site / loaded.slug / href.removeprefix(root))
    target = (from_file.parent / urlsplit(href).path).resolve()
    return target / "index.html" if href.endswith("/") or target.is_dir() else target


def built_pages(loaded):
    """The pages of an example's site: those it has something to show on."""
    return movement_pages(loaded.spec, bool(snapshot_files(loaded.folder)))


def test_examples_are_the_two_documented_ones() -> None:
    assert [m.slug for m in EXAMPLES] == ["demo", "ovpe"]


@pytest.mark.parametrize("loaded", EXAMPLES, ids=lambda m: m.slug)
def test_every_page_exists_in_every_language(example_site: Path, loaded) -> None:
    for language in loaded.spec.languages:
        root = language_root(example_site, loaded, language)
        for page in built_pages(loaded):
            html_file = root / page_dir(page.path) / "index.html"
            assert html_file.is_file(), html_file
            tag = read_page(html_file).find("html")[0]
            assert tag.attrs["lang"] == language


def test_every_page_declares_the_language_of_its_folder(example_site: Path) -> None:
    pages = all_html(example_site)
    assert len(pages) > 40
    for html_file in pages:
        assert read_page(html_file).find("html")[0].attrs["lang"] == language_of(
            example_site, html_file
        ), html_file


def test_language_menu_leads_to_the_same_page_in_the_other_language(example_site: Path) -> None:
    checked = 0
    for html_file in all_html(example_site):
        if html_file.name == "404.html":
            continue
        page = read_page(html_file)
        # In pages, none: Material would fetch sitemap.xml beside each (see test below).
        assert not [t for t in page.find("link", rel="alternate") if "hreflang" in t.attrs]
        switcher = [t for t in page.find("a") if "md-select__link" in t.attrs.get("class", "")]
        assert len(switcher) == 2, html_file
        for tag in switcher:
            target = resolve(html_file, tag.attrs["href"])
            assert target.is_file(), f"{html_file}: {tag.attrs['href']} does not exist"
            assert read_page(target).find("html")[0].attrs["lang"] == tag.attrs["hreflang"]
            # The same page: both files sit at the same place below their language roots.
            assert _page_key(example_site, target) == _page_key(example_site, html_file)
            checked += 1
    assert checked > 80


def _page_key(site: Path, html_file: Path) -> tuple[str, ...]:
    parts = html_file.relative_to(site).parts
    parts = tuple(p for i, p in enumerate(parts) if not (p in ("fr", "en") and i <= 1))
    return parts


def test_demo_site_url_gives_absolute_hreflang_in_the_sitemap(example_site: Path) -> None:
    demo = next(m for m in EXAMPLES if m.slug == "demo")
    assert demo.spec.site_url
    root = demo.spec.site_url.rstrip("/")
    other = next(lang for lang in demo.spec.languages if lang != demo.spec.default_language)
    sitemap = (example_site / "demo" / "sitemap.xml").read_text(encoding="utf-8")
    entry = sitemap[sitemap.index(f"<loc>{root}/kit/posts/</loc>") :].split("</url>")[0]
    assert (
        f'<xhtml:link rel="alternate" hreflang="{demo.spec.default_language}" href="{root}/kit/posts/"/>'
        in entry
    )
    assert (
        f'<xhtml:link rel="alternate" hreflang="{other}" href="{root}/{other}/kit/posts/"/>'
        in entry
    )


def test_no_page_loads_anything_from_another_host(example_site: Path) -> None:
    for html_file in all_html(example_site):
        page = read_page(html_file)
        for tag in page.tags:
            attr = RESOURCE_TAGS.get(tag.name)
            urls = [tag.attrs.get(attr, "")] if attr else []
            if tag.name == "link" and set(tag.attrs.get("rel", "").split()) & RESOURCE_LINK_RELS:
                urls.append(tag.attrs.get("href", ""))
            for url in urls:
                assert not _is_remote(url), f"{html_file}: <{tag.name}> loads {url}"
        text = html_file.read_text(encoding="utf-8")
        assert "fonts.googleapis" not in text and "fonts.gstatic" not in text
    for css in example_site.rglob("*.css"):
        for url in re.findall(r"url\(\s*['\"]?([^'\")]+)", css.read_text(encoding="utf-8")):
            assert not _is_remote(url), f"{css}: url({url})"
        assert "@import" not in css.read_text(encoding="utf-8")


def _is_remote(url: str) -> bool:
    return url.startswith(("http:", "https:", "//"))


def test_portal_lists_every_movement_in_both_languages(example_site: Path) -> None:
    for language, portal in (
        ("fr", example_site / "index.html"),
        ("en", example_site / "en" / "index.html"),
    ):
        page = read_page(portal)
        assert page.find("html")[0].attrs["lang"] == language
        text = " ".join(page.text)
        articles = [t for t in page.find("h2")]
        assert len(articles) >= len(EXAMPLES)
        for loaded in EXAMPLES:
            shown = language if language in loaded.spec.languages else loaded.spec.default_language
            assert loaded.spec.name[shown] in text
            assert loaded.spec.tagline[shown] in text
            assert f"#{loaded.spec.primary_hashtag(shown).tag}" in text
            links = [
                a.attrs["href"]
                for a in page.find("a")
                if a.attrs.get("href", "")
                .rstrip("/")
                .endswith(
                    loaded.slug
                    if shown == loaded.spec.default_language
                    else f"{loaded.slug}/{shown}"
                )
            ]
            assert links, f"no link to {loaded.slug} in the {language} portal"
            target = resolve(portal, links[0])
            assert read_page(target).find("html")[0].attrs["lang"] == shown


@pytest.mark.parametrize("loaded", EXAMPLES, ids=lambda m: m.slug)
def test_search_index_holds_only_its_own_language(example_site: Path, loaded) -> None:
    for language in loaded.spec.languages:
        root = language_root(example_site, loaded, language)
        index = json.loads((root / "search" / "search_index.json").read_text(encoding="utf-8"))
        assert index["config"]["lang"] == [language]
        locations = {doc["location"].split("#")[0] for doc in index["docs"]}
        assert locations == {page_dir(p.path) for p in built_pages(loaded)}


def test_navigation_and_site_name_are_translated(example_site: Path) -> None:
    fr = " ".join(read_page(example_site / "demo" / "index.html").text)
    en = " ".join(read_page(example_site / "demo" / "en" / "index.html").text)
    assert "Mots-clics" in fr and "Comptes à suivre" in fr and "Trousse" in fr
    assert "Hashtags" in en and "Accounts to follow" in en and "Toolkit" in en
    demo = next(m for m in EXAMPLES if m.slug == "demo")
    assert demo.spec.name["fr"] in fr and demo.spec.name["en"] in en


def _meta(page) -> dict[str, str]:
    return {
        t.attrs.get("property") or t.attrs.get("name", ""): t.attrs.get("content", "")
        for t in page.find("meta")
    }


def test_open_graph_and_twitter_card_tags(example_site: Path) -> None:
    demo = next(m for m in EXAMPLES if m.slug == "demo")
    root = demo.spec.site_url.rstrip("/")
    meta = _meta(read_page(example_site / "demo" / "en" / "kit" / "posts" / "index.html"))
    assert meta["og:title"] == f"Posts · {demo.spec.name['en']}"
    assert meta["og:description"] == demo.spec.tagline["en"]
    assert meta["og:locale"] == "en_CA" and meta["og:locale:alternate"] == "fr_CA"
    assert meta["og:url"] == f"{root}/en/kit/posts/"
    assert meta["og:image"] == f"{root}/en/assets/social-card.png"
    assert meta["twitter:card"] == "summary_large_image"
    assert meta["twitter:image"] == meta["og:image"]
    card = (example_site / "demo" / "en" / "assets" / "social-card.png").read_bytes()
    assert card[:8] == b"\x89PNG\r\n\x1a\n"
    assert (int.from_bytes(card[16:20], "big"), int.from_bytes(card[20:24], "big")) == (1200, 630)
    home = _meta(read_page(example_site / "demo" / "index.html"))
    assert home["og:title"] == demo.spec.name["fr"] and home["og:locale"] == "fr_CA"

    # Without site_url: the tags that need no absolute address, and a plain summary card.
    ovpe = _meta(read_page(example_site / "ovpe" / "kit" / "posts" / "index.html"))
    assert ovpe["og:locale"] == "fr_CA" and ovpe["twitter:card"] == "summary"
    assert "og:image" not in ovpe and "og:url" not in ovpe
