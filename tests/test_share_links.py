"""Every share link carries exactly the movement's words, percent-encoded for its network."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
import yaml

from generator.build import BuildOptions, Project, build
from generator.movement import discover_movements, load_movements
from generator.share import TELEGRAM_LIMIT, Shareable, share_lengths, share_links
from tests.support import make_project, read_page

TRICKY = 'Café & "thé" ? + % #100pour100 a=b 🎉👩‍👩‍👧 日本語の投稿\nNouvelle ligne\tet tab'
TRICKY_URL = "https://example.org/chemin?q=a%20b&r=é#fragment"
LONG_FOR_BLUESKY = "Une phrase assez longue pour dépasser Bluesky. " * 5
LONG_URL = "https://example.org/" + "a" * 60

TRICKY_MOVEMENT = yaml.safe_dump(
    {
        "name": {"fr": "Été & « guillemets »", "en": 'Summer & "quotes"'},
        "tagline": "Test",
        "organization": {"name": "Org", "handle": "Org_1", "url": "https://example.org/"},
        "site_url": "https://example.org/tricky/",
        "hashtags": [
            {"tag": "ÉtéSûr", "primary": True, "lang": "fr"},
            {"tag": "夏の安全", "primary": True, "lang": "en"},
        ],
        "posts": [
            {"id": "tricky", "text": TRICKY, "url": TRICKY_URL, "hashtags": ["ÉtéSûr", "夏の安全"]},
            {"id": "no-link", "text": TRICKY},
            {"id": "long", "text": LONG_FOR_BLUESKY, "url": LONG_URL},
        ],
        "questions": [TRICKY],
        "conversations": [
            {
                "post": "https://x.com/Org_1/status/1234567890123456789",
                "action": "quote",
                "prompt": TRICKY,
            },
            {"post": "https://x.com/Org_1/status/42", "action": "reply", "prompt": TRICKY},
        ],
    },
    allow_unicode=True,
)


def params(href: str) -> dict[str, str]:
    query = parse_qs(urlsplit(href).query, keep_blank_values=True, strict_parsing=True)
    assert all(len(values) == 1 for values in query.values()), href
    return {key: values[0] for key, values in query.items()}


def test_every_network_decodes_back_to_the_exact_text() -> None:
    item = Shareable(TRICKY, ("ÉtéSûr", "夏の安全"), TRICKY_URL, "Org_1", "Sujet & « objet »")
    links = {link.network: link for link in share_links(item)}
    full = f"{TRICKY} #ÉtéSûr #夏の安全 {TRICKY_URL}"
    assert item.full_text() == full
    assert params(links["x"].href) == {
        "text": TRICKY,
        "url": TRICKY_URL,
        "hashtags": "ÉtéSûr,夏の安全",
        "via": "Org_1",
    }
    assert params(links["bluesky"].href) == {"text": full}
    assert params(links["mastodon"].href) == {"text": full}
    assert params(links["threads"].href) == {
        "text": f"{TRICKY} #ÉtéSûr #夏の安全",
        "url": TRICKY_URL,
    }
    assert links["whatsapp"].href.startswith("https://wa.me/?")
    assert params(links["whatsapp"].href) == {"text": full}
    assert links["telegram"].href.startswith("https://t.me/share/url?")
    assert params(links["telegram"].href) == {
        "url": TRICKY_URL,
        "text": f"{TRICKY} #ÉtéSûr #夏の安全",
    }
    assert params(links["linkedin"].href) == {"url": TRICKY_URL}
    assert params(links["facebook"].href) == {"u": TRICKY_URL, "hashtag": "#ÉtéSûr"}
    email = links["email"].href
    assert email.startswith("mailto:?")
    assert params(email) == {"subject": "Sujet & « objet »", "body": full.replace("\n", "\r\n")}
    for link in links.values():
        assert " " not in link.href and "\n" not in link.href and '"' not in link.href


def test_messaging_apps_take_a_text_without_a_link() -> None:
    links = {link.network: link for link in share_links(Shareable("Bonjour", ("Été",)))}
    assert params(links["whatsapp"].href) == {"text": "Bonjour #Été"}
    # Telegram needs `url`: a text without a link goes there, and is what the chat receives.
    assert params(links["telegram"].href) == {"url": "Bonjour #Été"}


def test_messaging_apps_refuse_what_they_cannot_send() -> None:
    over = Shareable("a" * (TELEGRAM_LIMIT + 1))
    links = {link.network: link for link in share_links(over)}
    assert links["telegram"].href is None
    assert (links["telegram"].length, links["telegram"].limit) == (TELEGRAM_LIMIT + 1, 4096)
    assert links["whatsapp"].href is not None
    assert [length.is_offered for length in share_lengths(over)] == [
        link.is_offered for link in share_links(over)
    ]


def test_networks_that_cannot_take_a_text_say_why() -> None:
    no_link = {link.network: link for link in share_links(Shareable("Bonjour"))}
    assert no_link["linkedin"].href is None and no_link["linkedin"].needs_link
    assert no_link["facebook"].href is None and no_link["facebook"].needs_link
    long = {link.network: link for link in share_links(Shareable(LONG_FOR_BLUESKY, url=LONG_URL))}
    assert long["x"].href is not None and long["x"].length <= 280
    assert long["bluesky"].href is None
    assert (long["bluesky"].length, long["bluesky"].limit) == (
        len(LONG_FOR_BLUESKY.strip()) + 1 + len(LONG_URL),
        300,
    )
    assert long["mastodon"].href is not None  # Mastodon counts a link as 23


@pytest.fixture(scope="module")
def tricky(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The tricky movement's project, built into its site/ (the examples are the session's
    `example_site`)."""
    root = make_project(tmp_path_factory.mktemp("share"), {"tricky": TRICKY_MOVEMENT})
    build(BuildOptions(project=Project(root), site_dir=root / "site"))
    return root


@pytest.fixture(scope="module")
def sites(example_site: Path, tricky: Path) -> list[Path]:
    """The built sites' folders: the examples' and the tricky movement's; each holds its
    movements' sites, beside its project's `movements/`."""
    return [example_site, tricky / "site"]


def _split_at_page_share(page) -> tuple[list, list]:
    """The page's tags before its own share controls (`nav.pv-page-share`), and from them."""
    for index, tag in enumerate(page.tags):
        if tag.name == "nav" and "pv-page-share" in tag.attrs.get("class", ""):
            return page.tags[:index], page.tags[index:]
    return page.tags, []


def kit_links(page, network: str) -> list:
    """The share links of the page's content (not those that share the page itself)."""
    content, _ = _split_at_page_share(page)
    return [t for t in content if t.name == "a" and t.attrs.get("data-network") == network]


def page_share_links(page) -> dict[str, str]:
    """The links that share the page itself, by network."""
    _, share = _split_at_page_share(page)
    return {t.attrs["data-network"]: t.attrs["href"] for t in share if "data-network" in t.attrs}


def _language_roots(site: Path, loaded) -> dict[str, Path]:
    default = loaded.spec.default_language
    return {
        lang: site / loaded.slug / ("" if lang == default else lang)
        for lang in loaded.spec.languages
    }


def test_built_share_links_carry_the_movement_data(sites: list[Path]) -> None:
    built = [
        (loaded, site)
        for site in sites
        for loaded in load_movements(discover_movements(site.parent / "movements"))
    ]
    assert {m.slug for m, _ in built} == {"demo", "ovpe", "tricky"}
    checked = 0
    for loaded, site in built:
        spec = loaded.spec
        for language, root in _language_roots(site, loaded).items():
            page = read_page(root / "kit" / "posts" / "index.html")
            x_links = [t.attrs["href"] for t in kit_links(page, "x")]
            expected = []
            for post in spec.shared_posts:
                tags = spec.post_hashtags(post, language)
                for text in [post.text, *post.variants]:
                    query = {"text": text[language].strip(), "via": spec.organization.handle}
                    if post.url:
                        query["url"] = post.url
                    if tags:
                        query["hashtags"] = ",".join(tags)
                    expected.append(query)
            assert [params(href) for href in x_links] == expected
            copies = [
                t.attrs["data-copy"]
                for t in page.find("button")
                if "pv-copy" in t.attrs.get("class", "")
            ]
            bluesky = [params(t.attrs["href"])["text"] for t in kit_links(page, "bluesky")]
            assert set(bluesky) <= set(copies)
            checked += len(x_links)
    assert checked > 20


def test_tricky_texts_survive_the_whole_build(tricky: Path) -> None:
    root = tricky / "site" / "tricky"
    posts = read_page(root / "kit" / "posts" / "index.html")
    x_first = params(kit_links(posts, "x")[0].attrs["href"])
    assert x_first == {"text": TRICKY, "url": TRICKY_URL, "hashtags": "ÉtéSûr", "via": "Org_1"}
    copy = [
        t.attrs["data-copy"] for t in posts.find("button") if "pv-copy" in t.attrs.get("class", "")
    ]
    assert copy[0] == f"{TRICKY} #ÉtéSûr {TRICKY_URL}"
    text = " ".join(posts.text)
    assert "No LinkedIn button" not in text  # French page
    assert "Pas de bouton LinkedIn\u00a0: LinkedIn partage un lien, et ce texte n'en a pas." in text
    assert "Pas de bouton Bluesky" in text and "plus que les 300 permis" in text

    conversations = read_page(root / "kit" / "conversations" / "index.html")
    x_links = [params(t.attrs["href"]) for t in kit_links(conversations, "x")]
    question, quote, reply = x_links
    assert question == {"text": TRICKY}
    assert quote == {"text": TRICKY, "url": "https://x.com/Org_1/status/1234567890123456789"}
    assert reply == {"text": TRICKY, "in_reply_to": "42"}
    hrefs = [t.attrs.get("href", "") for t in conversations.find("a")]
    assert "https://x.com/intent/retweet?tweet_id=1234567890123456789" in hrefs
    assert "https://x.com/intent/like?tweet_id=42" in hrefs

    hashtags = read_page(root / "en" / "kit" / "hashtags" / "index.html")
    links = {t.attrs["href"] for t in hashtags.find("a")}
    assert "https://x.com/hashtag/%E5%A4%8F%E3%81%AE%E5%AE%89%E5%85%A8" in links
    assert "https://bsky.app/hashtag/%E5%A4%8F%E3%81%AE%E5%AE%89%E5%85%A8" in links
    assert unquote("https://x.com/intent/tweet?hashtags=%E5%A4%8F%E3%81%AE%E5%AE%89%E5%85%A8") in {
        unquote(link) for link in links
    }


def test_every_external_link_opens_apart_and_leaks_nothing(sites: list[Path]) -> None:
    for html_file in (f for site in sites for f in site.rglob("*.html")):
        for tag in read_page(html_file).find("a"):
            href = tag.attrs.get("href", "")
            if href.startswith(("http:", "https:")) and "pv-share" in tag.attrs.get("class", ""):
                assert tag.attrs.get("target") == "_blank", html_file
                assert set(tag.attrs.get("rel", "").split()) >= {"noopener", "noreferrer"}, (
                    html_file
                )


def test_page_share_buttons_share_the_page_itself(example_site: Path) -> None:
    page = read_page(example_site / "demo" / "en" / "kit" / "posts" / "index.html")
    navs = page.find("nav", **{"class": "pv-page-share"})
    assert len(navs) == 1 and "hidden" not in navs[0].attrs
    links = page_share_links(page)
    assert params(links["linkedin"]) == {"url": "https://example.org/porte-voix/demo/en/kit/posts/"}
    assert params(links["whatsapp"]) == {
        "text": "Posts · Safe Cycling in Belvent-sur-Lac #SafeCyclingBelvent "
        "https://example.org/porte-voix/demo/en/kit/posts/"
    }
    (sheet,) = [
        t for t in _split_at_page_share(page)[1] if "pv-native-share" in t.attrs.get("class", "")
    ]
    assert sheet.attrs["data-share-url"] == "https://example.org/porte-voix/demo/en/kit/posts/"
    assert (
        sheet.attrs["data-share-text"]
        == "Posts · Safe Cycling in Belvent-sur-Lac #SafeCyclingBelvent"
    )
    assert "hidden" in sheet.attrs  # until the page's script finds a share sheet
    # Without site_url, the buttons wait for the page's script to know the address.
    ovpe = read_page(example_site / "ovpe" / "kit" / "posts" / "index.html")
    nav = ovpe.find("nav", **{"class": "pv-page-share"})[0]
    assert "hidden" in nav.attrs and "data-pv-fill-url" in nav.attrs
    ovpe_links = page_share_links(ovpe)
    assert len(ovpe_links) == 9
    assert all("PORTEVOIX_PAGE_URL" in href for href in ovpe_links.values())


def test_check_warns_when_a_network_gets_no_button(tmp_path: Path) -> None:
    project = make_project(tmp_path, {"tricky": TRICKY_MOVEMENT})
    loaded = load_movements(discover_movements(project / "movements"))[0]
    # (Its posts' CJK text also draws warnings about their images: not the subject here.)
    warnings = [
        str(w).split("movement.yml:")[1]
        for w in loaded.warnings
        if "images leave out" not in str(w)
    ]
    position = warnings[0].split(": warning: ")[0]
    length = len(LONG_FOR_BLUESKY.strip()) + 1 + len(LONG_URL)
    assert warnings == [
        f"{position}: warning: posts[2].text: too long for Bluesky ({length}/300), so the page "
        "offers no Bluesky button for it; shorten it if its supporters use Bluesky"
    ]  # once: the text is the same in both languages
