"""Regenerate the README's screenshot of a generated site (Debian's Chromium, no network).

    .venv/bin/python .ci/screenshot.py

Builds the example movements into a temporary folder, serves them on localhost and saves the
demo's posts page, as a phone shows it, to .github/screenshot.png.
"""

from __future__ import annotations

import functools
import http.server
import tempfile
import threading
from pathlib import Path

from playwright.sync_api import sync_playwright

from generator.build import BuildOptions, Project, build

REPO = Path(__file__).resolve().parent.parent
TARGET = REPO / ".github" / "screenshot.png"
PAGE = "demo/en/kit/posts/"
ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip


def main() -> None:
    with tempfile.TemporaryDirectory() as scratch:
        site = Path(scratch) / "site"
        build(BuildOptions(project=Project(REPO), site_dir=site, force=True))
        handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        origin = f"http://127.0.0.1:{server.server_address[1]}"
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
            page = browser.new_page(viewport={"width": 412, "height": 915}, device_scale_factor=2)
            page.route(
                "**/*", lambda r: r.continue_() if r.request.url.startswith(origin) else r.abort()
            )
            page.goto(f"{origin}/{PAGE}")
            page.wait_for_load_state("networkidle")
            page.screenshot(path=str(TARGET))
            browser.close()
        server.shutdown()
    print(f"wrote {TARGET.relative_to(REPO)}")


if __name__ == "__main__":
    main()
