"""Regenerate the screenshots of a generated site (Debian's Chromium, no network).

    .venv/bin/python .ci/screenshot.py

Builds the example movements, serves them on localhost and saves the top screen of the demo's
home, posts and activity pages on a phone, in each language, to .github/screenshots/ (the posts
page in dark mode too), and the English posts page to .github/screenshot.png for the README.
Beside them, for review: the demo's first post's square and story images and the first page of
its one-pager PDF (drawn by PDFium), in French.
Fails (status 1) if a page is missing or tried to load anything from another host.
"""

from __future__ import annotations

import functools
import http.server
import shutil
import sys
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Literal

import pypdfium2 as pdfium
from playwright.sync_api import Browser, Page, Route, ViewportSize, sync_playwright

from generator.build import BuildOptions, Project, build
from generator.errors import PorteVoixError
from generator.layout import movement_root, post_image_name
from generator.movement import load_movement

REPO = Path(__file__).resolve().parent.parent
FOLDER = REPO / ".github" / "screenshots"
README_SHOT = REPO / ".github" / "screenshot.png"
LANGUAGES = ("fr", "en")  # The demo's, its first at the root of its site.
PAGES = {"home": "", "posts": "kit/posts/", "activity": "kit/activity/"}
DARK = ("posts",)
PHONE: ViewportSize = {"width": 390, "height": 844}
Scheme = Literal["light", "dark"]
SCHEMES = {"light": "default", "dark": "slate"}  # The device's → Material's, on <body>.
STILL = "*, *::before, *::after { transition: none !important; animation: none !important; }"
ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip


class ShotError(Exception):
    """A page that cannot be shot as asked: missing, or in the wrong colour scheme."""


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        """Say nothing of each request: the files written are the output."""


def shots() -> Iterator[tuple[str, Scheme, Path]]:
    """Each screenshot: the page's address under the site, the colour scheme, the file."""
    for language in LANGUAGES:
        for name, path in PAGES.items():
            address = movement_root("demo", language, LANGUAGES[0]) + path
            yield address, "light", FOLDER / f"{name}-{language}.png"
            if name in DARK:
                yield address, "dark", FOLDER / f"{name}-{language}-dark.png"


def serve(site: Path) -> http.server.ThreadingHTTPServer:
    """A server for `site` on a free localhost port, answering from a thread of its own."""
    handler = functools.partial(QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def settle(page: Page, address: str, scheme: Scheme) -> None:
    """Wait for `page` to be still; check it shows the device's colour scheme."""
    page.wait_for_load_state("networkidle")
    page.add_style_tag(content=STILL)
    page.evaluate("document.fonts.ready.then(() => true)")
    shown = page.evaluate("document.body.dataset.mdColorScheme")
    if shown != SCHEMES[scheme]:
        raise ShotError(f"{address} shows scheme {shown!r} on a {scheme} device")


def shoot(browser: Browser, origin: str, address: str, scheme: Scheme, target: Path) -> list[str]:
    """Save the top screen of `address` on a `scheme` device to `target` (a fresh context: no
    scheme kept from another page); return the addresses on other hosts it tried, aborted."""
    aborted: list[str] = []

    def route(r: Route) -> None:
        if r.request.url.startswith(f"{origin}/"):
            r.continue_()
        else:
            aborted.append(r.request.url)
            r.abort()

    context = browser.new_context(
        viewport=PHONE, device_scale_factor=2, color_scheme=scheme, reduced_motion="reduce"
    )
    try:
        context.route("**/*", route)
        page = context.new_page()
        response = page.goto(f"{origin}/{address}", wait_until="load")
        if response is None or response.status != 200:
            raise ShotError(f"{address} answered {response.status if response else 'nothing'}")
        settle(page, address, scheme)
        page.screenshot(path=str(target))
    finally:
        context.close()
    return aborted


def shoot_all(origin: str) -> dict[str, list[str]]:
    """Every screenshot, then the README's; the other hosts each page tried, by page."""
    tried: dict[str, list[str]] = {}
    FOLDER.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        # Leaving the block ends the browser, whatever happened.
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        for address, scheme, target in shots():
            if aborted := shoot(browser, origin, address, scheme, target):
                tried[f"{address} ({scheme})"] = aborted
            print(f"wrote {target.relative_to(REPO)}")
    shutil.copyfile(FOLDER / "posts-en.png", README_SHOT)
    print(f"wrote {README_SHOT.relative_to(REPO)}")
    return tried


def copy_drawings(site: Path) -> None:
    """The demo's first post's images as built, and its French one-pager's first page."""
    files = site / "demo" / "kit" / "files"
    first = load_movement(REPO / "movements" / "demo" / "movement.yml").spec.posts[0].id
    for shape in ("square", "story"):
        source = files / post_image_name("demo", first, 0, "fr", shape)
        if not source.is_file():
            raise ShotError(f"{source} is missing")
        shutil.copyfile(source, FOLDER / f"post-image-{shape}.png")
        print(f"wrote .github/screenshots/post-image-{shape}.png ({source.name})")
    document = pdfium.PdfDocument(files / "demo-fr-one-pager.pdf")
    try:
        page = document[0].render(scale=150 / 72).to_pil()
        page.save(FOLDER / "one-pager-fr.png", optimize=True)
    finally:
        document.close()
    print("wrote .github/screenshots/one-pager-fr.png (page 1 of demo-fr-one-pager.pdf)")


def build_and_shoot() -> dict[str, list[str]]:
    """Build the sites into a temporary folder, serve them and shoot their pages."""
    with tempfile.TemporaryDirectory() as scratch:
        site = Path(scratch) / "site"
        build(BuildOptions(project=Project(REPO), site_dir=site, force=True))
        FOLDER.mkdir(parents=True, exist_ok=True)
        copy_drawings(site)
        server = serve(site)
        try:
            return shoot_all(f"http://127.0.0.1:{server.server_address[1]}")
        finally:
            server.shutdown()
            server.server_close()


def main() -> int:
    try:
        tried = build_and_shoot()
    except (PorteVoixError, ShotError) as error:
        print(f"screenshot.py: {error}", file=sys.stderr)
        return 1
    for page, urls in tried.items():
        lines = "".join(f"\n  {url}" for url in urls)
        print(f"screenshot.py: {page} tried to load from another host:{lines}", file=sys.stderr)
    return 1 if tried else 0


if __name__ == "__main__":
    sys.exit(main())
