"""`portevoix serve`: a local preview of one movement, rebuilt and reloaded on every change."""

from __future__ import annotations

import errno
import functools
import http.server
import sys
import tempfile
import threading
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import click

from generator.build import BuildOptions, build, load_inputs, select_movements
from generator.errors import PorteVoixError
from generator.project import Project

POLL_SECONDS = 0.5
VERSION_PATH = "/__porte-voix/version"
# Injected in previewed pages only: it asks this local server whether a rebuild happened.
RELOAD_SCRIPT = (
    "<script>(function(){var v=null;setInterval(function(){fetch('" + VERSION_PATH + "')"
    ".then(function(r){return r.text()}).then(function(t){if(v!==null&&t!==v){location.reload()}v=t})"
    ".catch(function(){})},1000)})();</script>"
)


def watched_files(project: Project, slug: str) -> Iterable[Path]:
    """Every input of the movement's site: its folder, the guide, the theme, the config."""
    yield project.config_file
    for folder in (project.movements_dir / slug, project.docs_dir, project.overrides_dir):
        yield from (path for path in folder.rglob("*") if path.is_file())


def fingerprint(paths: Iterable[Path]) -> tuple[tuple[str, int, int], ...]:
    """What changes when any watched file is edited, added or removed."""
    stamps = []
    for path in paths:
        try:
            stat = path.stat()
        except FileNotFoundError:
            continue
        stamps.append((str(path), stat.st_mtime_ns, stat.st_size))
    return tuple(sorted(stamps))


class _Preview:
    def __init__(self, project: Project, slug: str, site_dir: Path) -> None:
        self.project, self.slug, self.site_dir = project, slug, site_dir
        self.version = 0

    def rebuild(self) -> None:
        try:
            build(BuildOptions(project=self.project, site_dir=self.site_dir, only=(self.slug,)))
        except PorteVoixError as error:
            click.echo(error.format_message(), err=True)
            click.echo("The preview keeps the last good build; fix the file and save.", err=True)
            return
        self.version += 1
        click.echo(f"rebuilt {self.slug} (#{self.version})", err=True)

    def watch(self) -> None:
        seen = fingerprint(watched_files(self.project, self.slug))
        while True:
            time.sleep(POLL_SECONDS)
            current = fingerprint(watched_files(self.project, self.slug))
            if current != seen:
                seen = current
                self.rebuild()


class _Handler(http.server.SimpleHTTPRequestHandler):
    preview: _Preview

    def do_GET(self) -> None:
        if self.path == VERSION_PATH:
            body = str(self.preview.version).encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.send_header("Cache-Control", "no-store")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        path = Path(self.translate_path(self.path))
        page = path / "index.html" if path.is_dir() else path
        if page.suffix == ".html" and page.is_file() and self.path.endswith(("/", ".html")):
            body = page.read_bytes().replace(b"</body>", RELOAD_SCRIPT.encode() + b"</body>", 1)
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        super().do_GET()

    def log_message(self, format: str, *args: Any) -> None:
        pass


def serve_movement(project: Project, slug: str, port: int) -> None:
    """Build `slug` into a temporary folder, serve it on localhost and rebuild on change."""
    select_movements(load_inputs(project).movements, (slug,))
    with tempfile.TemporaryDirectory(
        prefix="portevoix-serve-", ignore_cleanup_errors=True
    ) as scratch:
        site_dir = Path(scratch) / "site"
        preview = _Preview(project, slug, site_dir)
        handler = type("Handler", (_Handler,), {"preview": preview})
        server = _listen(port, functools.partial(handler, directory=str(site_dir)))
        try:
            build(BuildOptions(project=project, site_dir=site_dir, only=(slug,)))
            threading.Thread(target=preview.watch, daemon=True).start()
            click.echo(f"Previewing {slug} at http://127.0.0.1:{port}/{slug}/ (Ctrl+C to stop)")
            server.serve_forever()
        except KeyboardInterrupt:
            pass
        finally:
            server.server_close()


class _Server(http.server.ThreadingHTTPServer):
    """The preview's server: a request that fails says so in one line, never a traceback."""

    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        error = sys.exc_info()[1]
        if isinstance(error, ConnectionError | TimeoutError):
            return  # the browser went away (a reload, a closed tab): nothing to report
        click.echo(f"preview: a request failed ({type(error).__name__}: {error})", err=True)


def _listen(port: int, handler: Any) -> http.server.ThreadingHTTPServer:
    """A server bound to `port` on localhost, or an error that names the port and the fix."""
    try:
        return _Server(("127.0.0.1", port), handler)
    except OSError as error:
        if error.errno == errno.EADDRINUSE:
            raise PorteVoixError(
                f"port {port} is already in use on 127.0.0.1 (another preview or server?); "
                f"stop it, or choose another port with --port {port + 1 if port < 65535 else 8000}"
            ) from None
        if error.errno == errno.EACCES:
            raise PorteVoixError(
                f"port {port} needs administrator rights; choose one above 1023 with --port 8000"
            ) from None
        raise
