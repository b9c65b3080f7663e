"""Posts' images on the posts page (downloads, preview, shared with the text where the phone
takes files) and the print page's QR codes, as a browser shows them."""

from __future__ import annotations

import io
import re
from urllib.parse import urljoin, urlsplit

import pytest
import zxingcpp
from PIL import Image

from tests.browser.conftest import EXAMPLE_SITES, EXAMPLES, GuardedContext, language_root

pytestmark = pytest.mark.browser

# The phone's share sheet as a test double, which records what it is handed (files by name,
# type and size) and takes files only when `accepts_files`.
SHARE_SHEET_WITH_FILES = """
window.pvShared = [];
const acceptsFiles = %s;
Object.defineProperty(Navigator.prototype, "share", {
  configurable: true,
  value: function (data) {
    const files = (data.files || []).map(f => ({name: f.name, type: f.type, size: f.size}));
    window.pvShared.push({title: data.title, text: data.text, url: data.url, files: files});
    return Promise.resolve();
  },
});
Object.defineProperty(Navigator.prototype, "canShare", {
  configurable: true,
  value: function (data) { return !data.files || acceptsFiles; },
});
"""
SITE_URLS = {m.slug: m.spec.site_url for m in EXAMPLES}
IMAGE_NAME = re.compile(
    r"^(?P<slug>[a-z0-9-]+?)-(?P<post>[a-z0-9-]+)-(?P<lang>fr|en)-(square|story)\.png$"
)


@pytest.mark.parametrize(("section", "language"), EXAMPLE_SITES)
def test_every_wording_offers_both_images_for_download_from_this_site(
    section: str, language: str, guarded: GuardedContext
) -> None:
    page = guarded.new_page()
    page.goto(language_root(section, language) + "kit/posts/")
    wordings = page.locator("article .pv-wording")
    assert wordings.count() >= 1
    for index in range(wordings.count()):
        wording = wordings.nth(index)
        links = wording.locator("a.pv-download[download]")
        assert links.count() == 2
        names = [links.nth(i).get_attribute("download") or "" for i in range(2)]
        assert [name.rsplit("-", 1)[-1] for name in names] == ["square.png", "story.png"]
        for name, i in zip(names, range(2), strict=True):
            match = IMAGE_NAME.match(name)
            assert match and match["slug"] == section and match["lang"] == language, name
            href = links.nth(i).evaluate("a => a.href")
            assert urlsplit(href).netloc == urlsplit(page.url).netloc  # same origin
            assert href.endswith(f"/kit/files/{name}")
            response = page.request.get(href)
            assert response.ok and response.headers["content-type"] == "image/png"
            size = Image.open(io.BytesIO(response.body())).size
            assert size == ((1080, 1080) if name.endswith("square.png") else (1080, 1920))
        # The preview's text alternative is the wording's own text, which the card shows.
        alt = wording.locator(".pv-preview img").get_attribute("alt") or ""
        assert alt and alt in wording.locator(".pv-post").inner_text()
    assert guarded.foreign_requests() == []


SHARE_LABELS = {
    True: {"fr": "Partager avec l'image", "en": "Share with the image"},
    False: {"fr": "Partager", "en": "Share"},
}


@pytest.mark.parametrize("takes_files", [True, False], ids=["takes-files", "text-only"])
@pytest.mark.parametrize(("section", "language"), EXAMPLE_SITES[:2])
def test_the_post_goes_with_its_square_image_only_where_the_phone_takes_files(
    section: str, language: str, takes_files: bool, guarded: GuardedContext
) -> None:
    guarded.context.add_init_script(SHARE_SHEET_WITH_FILES % str(takes_files).lower())
    page = guarded.new_page()
    page.goto(language_root(section, language) + "kit/posts/")
    wording = page.locator("article .pv-wording").first
    share = wording.locator("button.pv-native-share")
    assert share.inner_text().strip() == SHARE_LABELS[takes_files][language]
    square = wording.locator("a.pv-download").first
    size = len(page.request.get(square.evaluate("a => a.href")).body())
    share.click()
    page.wait_for_function("() => window.pvShared.length === 1")
    (shared,) = page.evaluate("() => window.pvShared")
    shown = wording.locator(".pv-post").inner_text().strip()
    if takes_files:
        name = square.get_attribute("download")
        assert shared["files"] == [{"name": name, "type": "image/png", "size": size}]
        # Apps that take a file often drop `url`: the link rides at the end of the text.
        assert shared["text"].replace("\n", " ") == shown.replace("\n", " ")
    else:
        assert shared["files"] == []
        assert " ".join(p for p in (shared["text"], shared.get("url") or "") if p) == shown
    assert guarded.foreign_requests() == []


@pytest.mark.parametrize(("section", "language"), EXAMPLE_SITES)
def test_every_qr_code_of_the_print_page_scans_to_the_address_it_claims(
    section: str, language: str, guarded: GuardedContext
) -> None:
    page = guarded.new_page()
    page.set_viewport_size({"width": 800, "height": 1200})
    root = language_root(section, language)
    page.goto(root + "kit/print/")
    codes = page.locator("article svg.pv-qr")
    site_url = SITE_URLS[section]
    if site_url is None:
        assert codes.count() == 0  # no address to encode
        return
    posts = page.locator("article .pv-onepager__post")
    assert codes.count() == 1 + posts.count() and posts.count() == 3
    language_url = site_url.rstrip("/") + "/" + ("" if root == f"/{section}/" else f"{language}/")
    expected = [language_url] + [
        urljoin(language_url, "kit/posts/") + f"#post-{post.id}"
        for post in next(m for m in EXAMPLES if m.slug == section).spec.printed_posts
    ]
    decoded = []
    for index in range(codes.count()):
        code = codes.nth(index)
        image = Image.open(io.BytesIO(code.screenshot()))
        results = zxingcpp.read_barcodes(image)
        assert len(results) == 1, f"QR code {index} does not scan"
        assert results[0].text == code.get_attribute("data-url")
        decoded.append(results[0].text)
    assert decoded == expected
    pdf = page.locator("a[download$='-one-pager.pdf']")
    assert pdf.get_attribute("download") == f"{section}-{language}-one-pager.pdf"
    response = page.request.get(pdf.evaluate("a => a.href"))
    assert response.ok and response.body().startswith(b"%PDF-")
    assert guarded.foreign_requests() == []
