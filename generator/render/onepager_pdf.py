"""The printable one-pager of a movement in one language: one PDF page, drawn offline.

A sheet to hand out or pin up: the movement's name in large type, its tagline, then its
ask, the site's address and its hashtags beside a large QR code of the site, posts to share
(each with the QR code of its card on the posts page) and accounts to follow. Black on
white only, so that any black-and-white printer prints it as it is; large type.

It always fits on one page. The name shrinks (32 pt down to 22 pt) to fit three lines;
fixed parts are capped (tagline three lines, ask two, hashtags three, eight accounts then
"…"). The posts get the room left: their text shrinks step by step from 12 pt to 9 pt,
then the longest text loses lines, its last one ending with "…" after a whole word; if even
so a post finds no room, the posts' QR codes shrink from 25 mm to their smallest (modules
of 0.5 mm), and only then are posts left out, from the last. The cost is bounded: each
text is wrapped once per size, so even a 10 000-character post takes milliseconds.

Text is drawn in Roboto (regular and bold instances of its variable font), with Noto Emoji
and Noto Sans Symbols where Roboto has no glyph, all embedded as subsets (`pdf_fonts`
makes static instances of the document's glyphs only). Characters no face has (CJK…) are
left out, as in the social images (`generator.render.fonts.missing_characters` names
them). Input is plain text: fpdf2's markdown is never enabled. QR codes are vector rectangles (a module is
0.5 mm at least, with a white quiet zone of four modules), and clickable links.

The bytes depend only on the input: the creation date is fixed (2000-01-01 UTC), creator
and producer are "Porte-voix", and fpdf2's default file `/ID` is an MD5 of the file's own
bytes and that date.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Literal

from fpdf import FPDF
from fpdf.fonts import TTFFont
from fpdf.prefs import ViewerPreferences

from generator.layout import bare_address
from generator.render import onepager_layout as layout
from generator.render.onepager_layout import Block, Metrics, Style
from generator.render.pdf_fonts import FALLBACKS, FAMILY, add_faces
from generator.render.qr import QUIET_ZONE, PrintedQr, dark_runs, printed_qr

Paper = Literal["letter", "a4"]


@dataclass(frozen=True)
class PrintedPost:
    """A post to share, as printed."""

    title: str
    text: str
    """The full text to post (text, hashtags, link); may hold newlines and emoji."""
    qr_url: str | None
    """The absolute address of its card on the posts page, or None (no site address)."""


@dataclass(frozen=True)
class PrintedAccount:
    """An account to follow."""

    name: str
    handle: str
    """"@Handle" as typed."""


@dataclass(frozen=True)
class OnePagerLabels:
    """Every word the page shows besides the movement's own, already translated."""

    hashtags: str
    posts: str
    follow: str
    scan_site: str
    scan_post: str
    ask: str


@dataclass(frozen=True)
class OnePager:
    """What the one-pager of a movement shows, in one language."""

    language: str
    name: str
    tagline: str
    ask_label: str | None
    ask_url: str | None
    hashtags: tuple[str, ...]
    posts: tuple[PrintedPost, ...]
    accounts: tuple[PrintedAccount, ...]
    site_url: str | None
    """The site's address in this language; without it the page has no QR code at all."""
    labels: OnePagerLabels
    paper: Paper = "letter"


MARGIN = 15.0
"""Blank border of the page, in millimetres: printers cannot print to the edge."""

_MAKER = "Porte-voix"
_CREATED = datetime(2000, 1, 1, tzinfo=UTC)


def onepager_pdf(page: OnePager) -> bytes:
    """The one-pager as PDF bytes: one page, the same bytes for the same `page`."""
    pdf = _document(page)
    content = page_block(page, pdf.w - 2 * MARGIN, pdf.h - 2 * MARGIN, _metrics(pdf))
    pdf.add_page()
    for item in content.moved(MARGIN, MARGIN):
        if isinstance(item, layout.TextLine):
            _draw_text(pdf, item)
        elif isinstance(item, PrintedQr):
            _draw_qr(pdf, item)
        else:
            _draw_rule(pdf, item)
    return bytes(pdf.output())


_TITLE = tuple(Style(size, bold=True, leading=1.1) for size in (32, 30, 28, 26, 24, 22))
_TAGLINE, _HEADING = Style(14), Style(12, bold=True)
_ASK, _ASK_ADDRESS = Style(18, bold=True, leading=1.2), Style(12)
_SITE, _SITE_CAPTION = Style(14, bold=True), Style(10)
_HASHTAGS = Style(20, bold=True, leading=1.2)
_POST_TITLE, _POST_CAPTION = Style(13, bold=True), Style(8, leading=1.2)
_POST_TEXT = tuple(Style(size, leading=1.3) for size in (12, 11.5, 11, 10.5, 10, 9.5, 9))
_ACCOUNT, _HANDLE = Style(11, bold=True), Style(11)
_GAP, _POST_GAP, _COLUMN_GAP = 6.0, 5.0, 5.0
"""Between the parts of the page, between posts, and beside a QR code, in millimetres."""
_SITE_QR = (40.0, 70.0)
"""Nominal and largest size of the site's QR code, in millimetres."""
_POST_QR, _POST_QR_LIMIT, _POST_SIDE = (25.0, 0.0), 45.0, 30.0
"""Sizes a post's QR code is tried at (0: its smallest), its largest, its column's width."""
_MAX_ACCOUNTS = 8


def page_block(page: OnePager, width: float, height: float, metrics: Metrics) -> Block:
    """Everything the page shows, in a box `width` by `height` millimetres."""
    name = layout.text_block(page.name, _TITLE, width, 3, metrics)
    tagline = layout.text_block(page.tagline, _TAGLINE, width, 3, metrics)
    header = layout.stack([name, tagline], 2.0)
    top = _top_row(page, width, metrics)
    accounts = _accounts(page, width, metrics)
    room = height - layout.stack([header, top, accounts], _GAP).height - _GAP
    posts = _posts(page, width, room, metrics)
    return layout.stack([header, top, posts, accounts], _GAP)


def _top_row(page: OnePager, width: float, metrics: Metrics) -> Block:
    """The ask, the site's address and the hashtags, beside the site's QR code."""
    code = None
    if page.site_url:
        code = printed_qr(page.site_url, *_SITE_QR)
    text_width = width - (code.size + _COLUMN_GAP if code else 0.0)
    site = layout.EMPTY
    if page.site_url:
        address = bare_address(page.site_url)
        site = layout.address_block(address, page.site_url, _SITE, text_width, 2, metrics)
    parts = [_ask(page, text_width, metrics), site, _hashtags(page, text_width, metrics)]
    left = layout.stack(parts, 5.0)
    if code is None:
        return left
    side = layout.qr_block(code, page.labels.scan_site, _SITE_CAPTION, 2, metrics)
    return layout.beside(left, side, width - code.size)


def _ask(page: OnePager, width: float, metrics: Metrics) -> Block:
    if not (page.ask_label or page.ask_url):
        return layout.EMPTY
    url = page.ask_url or ""
    parts = [
        layout.text_block(page.labels.ask, _HEADING, width, 1, metrics),
        layout.text_block(page.ask_label or "", _ASK, width, 2, metrics),
        layout.address_block(bare_address(url), url, _ASK_ADDRESS, width, 2, metrics),
    ]
    return layout.stack(parts, 1.0)


def _hashtags(page: OnePager, width: float, metrics: Metrics) -> Block:
    tags = [tag for tag in (layout.printable(tag, metrics).strip() for tag in page.hashtags) if tag]
    if not tags:
        return layout.EMPTY
    lines = layout.wrap(tags, "   ", _HASHTAGS, width, metrics)
    lines = layout.cut(lines, 3, _HASHTAGS, width, metrics)
    heading = layout.text_block(page.labels.hashtags, _HEADING, width, 1, metrics)
    return layout.stack([heading, layout.lines_block(lines, _HASHTAGS, metrics)], 1.0)


def _posts(page: OnePager, width: float, room: float, metrics: Metrics) -> Block:
    """The posts that fit in `room` millimetres: their texts shrunk or cut to fit, their
    QR codes made as small as they may be before a post is left out."""
    heading = layout.text_block(page.labels.posts, _HEADING, width, 1, metrics)
    versions = [
        [_entry(page, post, width, size, metrics) for post in page.posts] for size in _POST_QR
    ]
    room -= heading.height + 2.0
    blocks = layout.fit_entries(versions, _POST_TEXT, room, _POST_GAP, metrics)
    if not blocks:
        return layout.EMPTY
    return layout.stack([heading, layout.stack(blocks, _POST_GAP, rule=width)], 2.0)


def _entry(
    page: OnePager, post: PrintedPost, width: float, qr_size: float, metrics: Metrics
) -> layout.Entry:
    """A post, with the QR code of its card at the right if the site has an address."""
    code = None
    if page.site_url and post.qr_url:
        code = printed_qr(post.qr_url, qr_size, _POST_QR_LIMIT)
    if code is None:
        title = layout.text_block(post.title, _POST_TITLE, width, 2, metrics)
        return layout.Entry(title, post.text, width, layout.EMPTY, width)
    caption = page.labels.scan_post
    side = layout.qr_block(code, caption, _POST_CAPTION, 2, metrics, _POST_SIDE)
    column = max(code.size, _POST_SIDE)
    title = layout.text_block(post.title, _POST_TITLE, width - column - _COLUMN_GAP, 2, metrics)
    return layout.Entry(title, post.text, width - column - _COLUMN_GAP, side, width - column)


def _accounts(page: OnePager, width: float, metrics: Metrics) -> Block:
    """Up to eight accounts in two columns, then "…" if there are more."""
    if not page.accounts:
        return layout.EMPTY
    column = (width - _COLUMN_GAP) / 2
    items: list[layout.Item] = []
    for index, account in enumerate(page.accounts[:_MAX_ACCOUNTS]):
        x, y = (index % 2) * (column + _COLUMN_GAP), (index // 2) * _HANDLE.pitch
        items.extend(_account(account, column, metrics).moved(x, y))
    grid = Block((min(len(page.accounts), _MAX_ACCOUNTS) + 1) // 2 * _HANDLE.pitch, tuple(items))
    more = ["…"] if len(page.accounts) > _MAX_ACCOUNTS else []
    heading = layout.text_block(page.labels.follow, _HEADING, width, 1, metrics)
    return layout.stack([heading, grid, layout.lines_block(more, _HANDLE, metrics)], 1.0)


def _account(account: PrintedAccount, width: float, metrics: Metrics) -> Block:
    """Name in bold then handle on one line, the name cut first if they do not fit."""
    handle = layout.one_line(account.handle, _HANDLE, width, metrics)
    handle_width = metrics.width(handle, _HANDLE)
    room = width - handle_width - 2.0
    name = layout.one_line(account.name, _ACCOUNT, room, metrics) if room > 10.0 else ""
    name_width = metrics.width(name, _ACCOUNT)
    x = name_width + 2.0 if name else 0.0
    items = (
        layout.TextLine(0.0, 0.0, name, _ACCOUNT, name_width),
        layout.TextLine(x, 0.0, handle, _HANDLE, handle_width),
    )
    return Block(_HANDLE.pitch, tuple(item for item in items if item.text))


def _document(page: OnePager) -> FPDF:
    pdf = FPDF(orientation="portrait", unit="mm", format=page.paper)
    pdf.set_margins(MARGIN, MARGIN, MARGIN)
    pdf.set_auto_page_break(False)
    pdf.c_margin = 0
    pdf.set_title(page.name)
    pdf.set_lang(page.language)
    pdf.set_creator(_MAKER)
    pdf.set_producer(_MAKER)
    pdf.set_creation_date(_CREATED)
    pdf.viewer_preferences = ViewerPreferences(display_doc_title=True)
    add_faces(pdf, _characters(page))
    pdf.set_text_color(0)
    pdf.set_draw_color(0)
    return pdf


def _characters(page: OnePager) -> frozenset[int]:
    """Every character the document may draw: its texts, and all the printable ASCII and
    punctuation its layout adds or measures (ellipses, no-break spaces)."""
    texts = [page.name, page.tagline, page.ask_label or "", page.ask_url or ""]
    texts += [page.site_url or "", *page.hashtags, *vars(page.labels).values()]
    texts += [part for post in page.posts for part in (post.title, post.text)]
    texts += [part for account in page.accounts for part in (account.name, account.handle)]
    return frozenset(map(ord, "".join(texts) + _ALWAYS))


_ALWAYS = "".join(map(chr, range(0x20, 0x7F))) + "\u00a0\u2026"


def _metrics(pdf: FPDF) -> Metrics:
    """The advance widths fpdf2 will use, face by face, in its fallback order."""

    def widths(key: str) -> dict[int, float]:
        font = pdf.fonts[key]
        assert isinstance(font, TTFFont)
        return {code: font.cw[code] for code in font.cmap}

    fallbacks = tuple(widths(key) for _, key in FALLBACKS)
    return Metrics(widths(FAMILY), widths(FAMILY + "B"), fallbacks)


def _draw_text(pdf: FPDF, line: layout.TextLine) -> None:
    pdf.set_font(FAMILY, "B" if line.style.bold else "", line.style.size)
    pdf.set_xy(line.x, line.y)
    pdf.cell(line.width, line.style.pitch, line.text, link=line.link or "")


def _draw_qr(pdf: FPDF, code: PrintedQr) -> None:
    """The quiet zone as a white square, then one black rectangle per run of dark modules."""
    pdf.set_fill_color(255)
    pdf.rect(code.x, code.y, code.size, code.size, style="F")
    pdf.set_fill_color(0)
    origin_x = code.x + QUIET_ZONE * code.module
    origin_y = code.y + QUIET_ZONE * code.module
    for row, column, length in dark_runs(code.modules):
        x, y = origin_x + column * code.module, origin_y + row * code.module
        pdf.rect(x, y, length * code.module, code.module, style="F")
    pdf.link(code.x, code.y, code.size, code.size, code.url)


def _draw_rule(pdf: FPDF, rule: layout.Rule) -> None:
    pdf.set_line_width(0.3)
    pdf.line(rule.x, rule.y, rule.x + rule.width, rule.y)
