"""The posts page's cards: a heading, the text as shared, its wordings as choices, the share
sheet and Copy carrying that same text, and a link per network named in the page's language."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from generator.movement import discover_movements, load_movements
from generator.render.icons import icon, icon_names, icon_sprite
from generator.render.posts import default_title
from tests.support import REPO, read_page

EXAMPLES = {m.slug: m for m in load_movements(discover_movements(REPO / "movements"))}
NAMES = {
    "fr": [
        "Publier sur X",
        "Publier sur Bluesky",
        "Publier sur Mastodon",
        "Publier sur Threads",
        "Envoyer par WhatsApp",
        "Envoyer par Telegram",
        "Partager sur LinkedIn",
        "Partager sur Facebook",
        "Partager par courriel",
    ],
    "en": [
        "Post on X",
        "Post on Bluesky",
        "Post on Mastodon",
        "Post on Threads",
        "Send with WhatsApp",
        "Send with Telegram",
        "Share on LinkedIn",
        "Share on Facebook",
        "Share by email",
    ],
}


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("Venez nombreux! Le conseil vote mardi.", "Venez nombreux!"),
        ("Séance du conseil, mardi 19 h :\n✅ budget", "Séance du conseil, mardi 19 h"),
        ("  Un   texte\tcourt  ", "Un texte court"),
        (
            "Plus de 1 200 personnes demandent déjà des pistes protégées jusqu'aux écoles.",
            "Plus de 1 200 personnes demandent déjà des pistes protégées…",
        ),
        ("a" * 80, "a" * 59 + "…"),
    ],
)
def test_a_post_without_title_is_headed_by_its_first_words(text: str, title: str) -> None:
    assert default_title(text) == title
    assert len(default_title(text)) <= 60


def test_default_titles_never_cut_a_word() -> None:
    text = "Chaque matin, des parents font la haie d'honneur au coin du boulevard du Lac."
    title = default_title(text)
    assert title.endswith("…")
    assert text.startswith(title.removesuffix("…"))
    assert text[len(title) - 1] == " "  # the next character starts a new word


def _cards(html: str) -> list[str]:
    return re.findall(
        r'<div class="pv-card" data-pv-card>.*?\n</div>\n(?=\n|<h2|<div class="pv-sr)', html, re.S
    )


@pytest.mark.parametrize("slug", sorted(EXAMPLES))
def test_each_card_shows_shares_and_copies_the_same_text(example_site: Path, slug: str) -> None:
    loaded = EXAMPLES[slug]
    spec = loaded.spec
    for language in spec.languages:
        root = example_site / slug / ("" if language == spec.default_language else language)
        html_file = root / "kit" / "posts" / "index.html"
        text = html_file.read_text(encoding="utf-8")
        page = read_page(html_file)
        headings = [
            t.attrs["id"] for t in page.find("h2") if t.attrs.get("id", "").startswith("post-")
        ]
        assert headings == [f"post-{post.id}" for post in spec.shared_posts]
        for post in spec.shared_posts:
            if post.title:
                assert f'<h2 id="post-{post.id}">{post.title[language]}<' in html.unescape(text)
        cards = _cards(text)
        assert len(cards) == len(spec.shared_posts)
        for post, card in zip(spec.shared_posts, cards, strict=True):
            wordings = [post.text, *post.variants]
            radios = re.findall(r'<input type="radio" class="pv-pick" name="pv-([a-z0-9-]+)"', card)
            assert radios == ([post.id] * len(wordings) if len(wordings) > 1 else [])
            copies = re.findall(r'data-copy="([^"]*)"', card)
            shares = re.findall(r'data-share-text="([^"]*)"', card)
            tags = " ".join(f"#{tag}" for tag in spec.post_hashtags(post, language))
            for wording, copy, share in zip(wordings, copies, shares, strict=True):
                said = " ".join(part for part in (wording[language].strip(), tags) if part)
                assert html.unescape(share) == said
                assert html.unescape(copy) == " ".join(p for p in (said, post.url or "") if p)
            names = re.findall(r'<span class="pv-sr-only">([^<]*)</span></a>', card)
            offered = [n for n in NAMES[language] if n in names]
            assert names == offered * len(wordings)  # in the same order on every wording
            assert NAMES[language][0] in names and NAMES[language][-1] in names


def test_every_icon_a_page_shows_is_drawn_once_in_it(example_site: Path) -> None:
    pages = sorted(example_site.rglob("kit/posts/index.html"))
    assert pages
    for html_file in pages:
        text = html_file.read_text(encoding="utf-8")
        used = set(re.findall(r'<use href="#pv-icon-([a-z]+)">', text))
        defined = re.findall(r'<symbol id="pv-icon-([a-z]+)"', text)
        assert used >= {"x", "bluesky", "whatsapp", "telegram", "email", "share", "copy"}
        assert sorted(defined) == sorted(set(defined)) and used <= set(defined), html_file


def test_icons_hide_from_screen_readers_and_refuse_unknown_names() -> None:
    assert str(icon("x")) == (
        '<svg class="pv-icon" aria-hidden="true" focusable="false">'
        '<use href="#pv-icon-x"></use></svg>'
    )
    sprite = str(icon_sprite())
    assert sprite.startswith('<div class="pv-sprite" hidden>')
    assert [f"pv-icon-{name}" for name in icon_names()] == re.findall(
        r'<symbol id="([^"]+)"', sprite
    )
    assert "<!--" not in sprite and "<script" not in sprite
    with pytest.raises(ValueError, match="no icon 'myspace'"):
        icon("myspace")
