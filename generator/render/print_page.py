"""The printable one-pager of a site in one language: what it says (`one_pager`, drawn as a
PDF by `onepager_pdf`) and the print page that shows it with its QR codes (`print_view`).

Its QR codes lead to the site in that language and to each printed post's card; without a
`site_url` there is no address to encode, and both leave them out (`check` says so).
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from generator import layout
from generator.i18n import N_, gettext
from generator.movement import LoadedMovement
from generator.movement.schema_accounts import Account
from generator.render.onepager_pdf import (
    OnePager,
    OnePagerLabels,
    PrintedAccount,
    PrintedPost,
)
from generator.render.posts import default_title
from generator.render.qr import qr_svg
from generator.share import Shareable

POSTS_PAGE = "kit/posts/"
PAPER_NAMES = {"letter": N_("US Letter"), "a4": N_("A4")}
_LABELS = {
    "hashtags": N_("Our hashtags"),
    "posts": N_("Posts to share"),
    "follow": N_("Accounts to follow"),
    "scan_site": N_("Scan for the toolkit"),
    "scan_post": N_("Scan to share this post"),
    "ask": N_("What we ask"),
}


@dataclass(frozen=True)
class PrintedPostView:
    post: PrintedPost
    qr: Markup | None


@dataclass(frozen=True)
class PrintView:
    """What the print page shows: the one-pager, its QR codes as SVG, its PDF's name."""

    page: OnePager
    site_qr: Markup | None
    posts: list[PrintedPostView]
    pdf: str
    """The PDF's file name, in the kit's files."""
    paper: str
    """The paper's name, translated."""


def one_pager(loaded: LoadedMovement, language: str) -> OnePager:
    """The one-pager of `loaded` in `language`: its ask, hashtags, three posts, accounts."""
    spec = loaded.spec
    site_url = layout.language_url(spec.site_url, language, spec.default_language)
    via = spec.organization.handle
    posts = []
    for post in spec.printed_posts:
        tags = tuple(spec.post_hashtags(post, language))
        item = Shareable(post.text[language], tags, post.url, via, spec.name[language])
        title = post.title[language] if post.title else default_title(post.text[language])
        qr_url = f"{site_url}{POSTS_PAGE}#post-{post.id}" if site_url else None
        posts.append(PrintedPost(title, item.full_text(), qr_url))
    # The organization by its name, then the others by handle (their notes are too long).
    organization = spec.organization.handle
    accounts = [PrintedAccount(spec.organization.name[language], f"@{organization}")] + [
        PrintedAccount("", printed_identity(account))
        for account in spec.accounts
        if (account.handle or "").casefold() != organization.casefold()
    ]
    return OnePager(
        language=language,
        name=spec.name[language],
        tagline=spec.tagline[language],
        ask_label=spec.ask.label[language] if spec.ask else None,
        ask_url=spec.ask.url if spec.ask else None,
        hashtags=tuple(f"#{h.tag}" for h in spec.hashtags_for(language)),
        posts=tuple(posts),
        accounts=tuple(accounts),  # the PDF prints eight, then "…"
        site_url=site_url,
        paper=spec.print.paper,
        labels=OnePagerLabels(**{key: gettext(language, text) for key, text in _LABELS.items()}),
    )


def print_view(loaded: LoadedMovement, language: str) -> PrintView:
    """The print page's view of the one-pager of `loaded` in `language`; each QR code is
    named for screen readers by what it opens, its caption gives the address."""
    page = one_pager(loaded, language)
    site_label = gettext(language, N_("QR code of this toolkit"))
    post_label = gettext(language, N_("QR code of this post"))
    posts = [
        PrintedPostView(post, Markup(qr_svg(post.qr_url, post_label)) if post.qr_url else None)
        for post in page.posts
    ]
    return PrintView(
        page=page,
        site_qr=Markup(qr_svg(page.site_url, site_label)) if page.site_url else None,
        posts=posts,
        pdf=layout.one_pager_name(loaded.slug, language),
        paper=gettext(language, PAPER_NAMES[page.paper]),
    )


def printed_identity(account: Account) -> str:
    """How a poster names an account: its X handle, else its Bluesky or Mastodon one."""
    identities = account.identities()
    return f"@{next(iter(identities.values()))}".replace("@@", "@")
