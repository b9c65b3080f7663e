"""`portevoix serve` previews a movement on localhost and rebuilds when its file changes."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from generator.serve import VERSION_PATH
from tests.support import make_project


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read().decode("utf-8")


def wait_for(predicate, seconds: float = 30.0) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if predicate():
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise AssertionError("timed out")


def test_serve_rebuilds_and_reloads_on_change(tmp_path: Path) -> None:
    project = make_project(tmp_path, examples=True)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "generator",
            "serve",
            "demo",
            "--port",
            str(port),
            "--project",
            str(project),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        wait_for(lambda: "Belvent" in fetch(f"{base}/demo/"))
        page = fetch(f"{base}/demo/")
        assert VERSION_PATH in page  # the reload script is injected in previewed pages only
        assert fetch(base + VERSION_PATH) == "0"

        movement = project / "movements" / "demo" / "movement.yml"
        text = movement.read_text(encoding="utf-8")
        # Only the name: the posts, and so their images, stay as they were.
        edited = text.replace("fr: Vélo sûr à Belvent-sur-Lac\n", "fr: Vélo sûr à Nouveauville\n")
        assert edited != text
        movement.write_text(edited, encoding="utf-8")
        wait_for(lambda: fetch(base + VERSION_PATH) == "1")
        assert "Nouveauville" in fetch(f"{base}/demo/")

        movement.write_text("name: [broken\n", encoding="utf-8")
        time.sleep(2)
        assert fetch(base + VERSION_PATH) == "1"  # a bad file keeps the last good preview
        assert "Nouveauville" in fetch(f"{base}/demo/")
    finally:
        server.terminate()
        output = server.communicate(timeout=10)[0].decode("utf-8")
    assert "YAML syntax error" in output and "Traceback" not in output


def test_a_failed_request_is_one_line_and_a_browser_going_away_is_nothing(capsys) -> None:
    """socketserver prints a traceback for any error of a request; the preview does not."""
    import http.server

    from generator.serve import _listen

    server = _listen(0, http.server.BaseHTTPRequestHandler)
    try:
        for gone in (BrokenPipeError(32, "Broken pipe"), ConnectionResetError(104, "reset")):
            try:
                raise gone
            except OSError:
                server.handle_error(None, ("127.0.0.1", 1))
        assert capsys.readouterr().err == ""
        try:
            raise FileNotFoundError(2, "No such file or directory")
        except OSError:
            server.handle_error(None, ("127.0.0.1", 1))
        assert capsys.readouterr().err == (
            "preview: a request failed (FileNotFoundError: [Errno 2] No such file or directory)\n"
        )
    finally:
        server.server_close()
