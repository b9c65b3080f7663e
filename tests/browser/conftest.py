"""The real-browser layer: the example sites served on 127.0.0.1, driven in Debian's Chromium.

One Chromium for the whole session, a fresh context for every test (or page). Every context
routes each request for another host to a handler that records it and aborts it, and Chromium
resolves no host name but 127.0.0.1: nothing a page asks for can leave the machine.
"""

from __future__ import annotations

import functools
import sys
import threading
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn
from urllib.parse import urlsplit

import pytest

from generator.build import PORTAL_LANGUAGES
from generator.movement import discover_movements, load_movements
from tests.support import REPO

if TYPE_CHECKING:
    from playwright.sync_api import Browser, BrowserContext, Page, Route, WebSocketRoute

CHROMIUM = Path("/usr/bin/chromium")
# Without the background-networking flags Chromium calls Google's hosts at every start; the
# resolver rule makes every host but the test server unresolvable, even for a preconnect.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
]
# A page that needs more than this to load or to answer is broken, not slow.
TIMEOUT_MS = 15_000

EXAMPLES = load_movements(discover_movements(REPO / "movements"))
EXAMPLE_LANGUAGES: dict[str, list[str]] = {m.slug: list(m.spec.languages) for m in EXAMPLES}
PORTAL = "portal"
# Each example site in each of its languages, as test parameters.
EXAMPLE_SITES = [
    pytest.param(section, language, id=f"{section}-{language}")
    for section, languages in EXAMPLE_LANGUAGES.items()
    for language in languages
]
SERIOUS = ("serious", "critical")
# The phones the layout is checked on (CSS px), and WCAG 2.5.5's size of an action target.
PHONES = {"360x740": (360, 740), "390x844": (390, 844)}
MIN_TARGET = 44
# The phone's share sheet, as a test double (an init script): it records what the page hands
# it in `window.pvShared`.
SHARE_SHEET = """
window.pvShared = [];
Object.defineProperty(Navigator.prototype, "share", {
  configurable: true,
  value: function (data) { window.pvShared.push(data); return Promise.resolve(); },
});
"""


def language_root(section: str, language: str) -> str:
    """The URL path of a site's root in `language`: its first language sits at the top."""
    if section == PORTAL:
        first, prefix = PORTAL_LANGUAGES[0], "/"
    else:
        first, prefix = EXAMPLE_LANGUAGES[section][0], f"/{section}/"
    return prefix if language == first else f"{prefix}{language}/"


def section_files(site: Path, section: str) -> list[Path]:
    """Every HTML file of one example site (both languages), or of the portal."""
    if section != PORTAL:
        return sorted((site / section).rglob("*.html"))
    return sorted(
        p for p in site.rglob("*.html") if p.relative_to(site).parts[0] not in EXAMPLE_LANGUAGES
    )


def url_path(site: Path, html_file: Path) -> str:
    """The path the server answers `html_file` at (`kit/posts/index.html` → `/kit/posts/`)."""
    rel = html_file.relative_to(site).as_posix()
    return "/" + rel.removesuffix("index.html")


class QuietHandler(SimpleHTTPRequestHandler):
    """Serves a folder without a line of log per request."""

    def log_message(self, format: str, *args: Any) -> None:
        pass


class QuietServer(ThreadingHTTPServer):
    """A threaded server that says nothing when a closing page hangs up mid-answer."""

    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@pytest.fixture(scope="session")
def site_origin(example_site: Path) -> Iterator[str]:
    """The built example sites and portal, served on 127.0.0.1 for the whole session."""
    server = QuietServer(
        ("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(example_site))
    )
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()
    thread.join()


def browser_unavailable(reason: str) -> NoReturn:
    """A missing browser is a failure, never a skip: `bash .ci/setup --test` installs it."""
    pytest.fail(reason, pytrace=False)


@pytest.fixture(scope="session")
def chromium() -> Iterator[Browser]:
    """Debian's Chromium, started once; Playwright never downloads a browser of its own."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        browser_unavailable("Playwright is not installed: run `bash .ci/setup --test`")
    if not CHROMIUM.exists():
        browser_unavailable(
            f"{CHROMIUM} is missing: install Debian's chromium package "
            "(as root: `bash .ci/setup --test`, or `apt-get install chromium`)"
        )
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@dataclass
class GuardedContext:
    """A browser context whose requests to other hosts are recorded and aborted."""

    context: BrowserContext
    origin: str
    requests: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)

    def is_local(self, url: str) -> bool:
        """True for the test server's own URLs and for URLs that are no request (data:…)."""
        parts = urlsplit(url)
        if parts.scheme in ("data", "blob", "about"):
            return True
        scheme = {"ws": "http", "wss": "https"}.get(parts.scheme, parts.scheme)
        return f"{scheme}://{parts.netloc}" == self.origin

    def foreign_requests(self) -> list[str]:
        """Every URL of another host that a page of this context asked for, in order, once."""
        seen = [u for u in self.requests if not self.is_local(u)] + self.blocked
        return list(dict.fromkeys(seen))

    def new_page(self) -> Page:
        return self.context.new_page()

    def guard(self) -> None:
        self.context.on("request", lambda request: self.requests.append(request.url))
        self.context.route("**/*", self._local_only)
        self.context.route_web_socket("**/*", self._local_socket_only)

    def _local_only(self, route: Route) -> None:
        if self.is_local(route.request.url):
            route.continue_()
        else:
            self.blocked.append(route.request.url)
            route.abort("blockedbyclient")

    def _local_socket_only(self, socket: WebSocketRoute) -> None:
        self.requests.append(socket.url)
        if self.is_local(socket.url):
            socket.connect_to_server()
        else:
            self.blocked.append(socket.url)
            socket.close()


class ContextOpener:
    """Opens fresh guarded contexts (options as for `Browser.new_context`) and closes them all."""

    def __init__(self, browser: Browser, origin: str) -> None:
        self.browser, self.origin = browser, origin
        self.opened: list[BrowserContext] = []

    def __call__(self, **options: Any) -> GuardedContext:
        context = self.browser.new_context(base_url=self.origin, service_workers="block", **options)
        context.set_default_timeout(TIMEOUT_MS)
        self.opened.append(context)
        guarded = GuardedContext(context, self.origin)
        guarded.guard()
        return guarded

    def close_all(self) -> None:
        for context in self.opened:
            context.close()
        self.opened.clear()


@pytest.fixture
def open_context(chromium: Browser, site_origin: str) -> Iterator[ContextOpener]:
    """Opens fresh guarded contexts for one test."""
    opener = ContextOpener(chromium, site_origin)
    yield opener
    opener.close_all()


@pytest.fixture
def guarded(open_context: ContextOpener) -> GuardedContext:
    """A fresh guarded context with the browser's defaults (JavaScript on)."""
    return open_context()


# Pages load this many at a time, each in its own tab: both cores work, and the waits
# for an idle network overlap.
PARALLEL_LOADS = 6

AXE_START = "() => { window.__pvAxe = axe.run(document, {resultTypes: ['violations']}); }"
AXE_RESULT = "() => window.__pvAxe.then(results => results.violations)"


def describe_violation(violation: dict[str, Any]) -> str:
    """One rule, its impact and every element it names, for an assertion message."""
    lines = [f"  {violation['id']} ({violation['impact']}): {violation['help']}"]
    for node in violation["nodes"]:
        target = " ".join(str(t) for t in node["target"])
        html = " ".join(node["html"].split())[:120]
        lines.append(f"      {target}  ←  {html}")
    return "\n".join(lines)


# What a link is, as the browser sees it, for checking that it works without scripts.
LINK_FACTS = """els => els.map(a => ({
  tag: a.tagName.toLowerCase(),
  href: a.getAttribute("href") || "",
  target: a.getAttribute("target") || "",
  rel: (a.getAttribute("rel") || "").split(/\\s+/).filter(Boolean),
  role: a.getAttribute("role") || "",
  onclick: a.hasAttribute("onclick"),
  network: a.getAttribute("data-network"),
  visible: !!(a.offsetWidth || a.offsetHeight || a.getClientRects().length),
  text: a.textContent.trim().replace(/\\s+/g, " "),
}))"""


def link_facts(page: Page, selector: str) -> list[dict[str, Any]]:
    """LINK_FACTS for every element matching `selector`."""
    facts: list[dict[str, Any]] = page.eval_on_selector_all(selector, LINK_FACTS)
    return facts


def plain_new_tab_link_problems(link: Mapping[str, Any]) -> list[str]:
    """Why `link` is not a plain <a href> that opens in a new tab without opener or referrer."""
    problems = []
    if link["tag"] != "a" or not link["href"] or link["href"].startswith(("#", "javascript:")):
        problems.append(f"not a plain <a href> ({link['tag']} href={link['href']!r})")
    if link["role"] or link["onclick"]:
        problems.append(f"role={link['role']!r} onclick={link['onclick']}: acts as a script button")
    if link["target"] != "_blank":
        problems.append(f"target={link['target']!r}, not _blank")
    if not {"noopener", "noreferrer"} <= set(link["rel"]):
        problems.append(f"rel={' '.join(link['rel'])!r} lacks noopener or noreferrer")
    return [f"{link['text']!r} → {link['href'][:80]}: {p}" for p in problems]
