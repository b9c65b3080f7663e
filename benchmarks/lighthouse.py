"""Measure the Lighthouse scores of the example sites as a phone sees them.

    .venv/bin/python benchmarks/lighthouse.py [--json DIR]

Builds the example movements (demo, ovpe) into a temporary folder, serves them on
127.0.0.1 (compressed and cached, as static hosts serve) and runs Lighthouse (mobile, simulated throttling) on the home, posts and print pages
of each movement in each language, with Debian's Chromium. Lighthouse comes from the npm
registry, pinned below, installed once into ~/.cache/porte-voix (outside the repository).
It prints a Markdown table, then the failing audits of every category under its threshold,
and exits non-zero when a threshold is missed.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import io
import json
import os
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from generator.build import BuildOptions, Project, build

REPO = Path(__file__).resolve().parent.parent
VERSION = "12.8.2"  # the last Lighthouse that runs on Node.js 20 (13.x needs 22.19)
CACHE = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "porte-voix"
CHROME = "/usr/bin/chromium"
FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip
MOVEMENTS = ("demo", "ovpe")
LANGUAGES = ("fr", "en")
PAGES = ("", "kit/posts/", "kit/print/")
THRESHOLDS = {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100}
# Audits that count for a category's score or show as failed in its report ("hidden" ones,
# Lighthouse's own duplicates and side metrics, are left out).
SCORED_MODES = ("binary", "numeric", "metricSavings")


def lighthouse() -> Path:
    """The pinned Lighthouse command, installed with npm on first use."""
    prefix = CACHE / f"lighthouse-{VERSION}"
    command = prefix / "node_modules" / ".bin" / "lighthouse"
    if not command.exists():
        print(f"installing lighthouse@{VERSION} into {prefix}", file=sys.stderr)
        npm = ["npm", "install", "--prefix", str(prefix), "--no-save", "--no-package-lock"]
        subprocess.run(
            [*npm, "--no-audit", "--no-fund", f"lighthouse@{VERSION}"],
            check=True,
            stdout=subprocess.DEVNULL,
        )
    return command


@contextmanager
def served(site: Path) -> Iterator[str]:
    """Serve `site` on 127.0.0.1 with a threaded server; yields its origin."""
    handler = functools.partial(QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serves as static hosts do (GitHub Pages, Netlify): text compressed with gzip when the
    browser accepts it, cached for 10 minutes; Python's plain server does neither, and
    Lighthouse would score the server, not the site."""

    COMPRESSED = (".html", ".css", ".js", ".json", ".xml", ".svg", ".txt")

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "max-age=600")
        super().end_headers()

    def send_head(self) -> Any:
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        gzip_ok = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (gzip_ok and path.is_file() and path.suffix in self.COMPRESSED):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


def pages(site: Path) -> list[str]:
    """Paths of the measured pages; a language without its own folder is the site's root."""
    paths: list[str] = []
    for movement in MOVEMENTS:
        for language in LANGUAGES:
            own = (site / movement / language).is_dir()
            root = f"{movement}/{language}/" if own else f"{movement}/"
            paths.extend(root + page for page in PAGES)
    return paths


def audit(command: Path, url: str, output: Path) -> dict[str, Any]:
    """Run Lighthouse on `url` (mobile, simulated throttling); its JSON report."""
    options = [f"--only-categories={','.join(THRESHOLDS)}", f"--chrome-flags={' '.join(FLAGS)}"]
    result = subprocess.run(
        [str(command), url, "--output=json", f"--output-path={output}", "--quiet", *options],
        env={**os.environ, "CHROME_PATH": CHROME},
        capture_output=True,
        text=True,
    )
    if result.returncode != 0 or not output.exists():
        raise SystemExit(f"lighthouse failed on {url}:\n{result.stderr}")
    report: dict[str, Any] = json.loads(output.read_text(encoding="utf-8"))
    if report.get("runtimeError"):
        raise SystemExit(f"lighthouse failed on {url}: {report['runtimeError']}")
    return report


def scores(report: dict[str, Any]) -> dict[str, int | None]:
    """Each category's score out of 100 (None when Lighthouse could not score it)."""
    return {
        name: None if category["score"] is None else round(category["score"] * 100)
        for name, category in report["categories"].items()
    }


def failures(report: dict[str, Any], category: str) -> list[str]:
    """The failed audits that the report shows under `category` (its weighted metrics first):
    id, title, Lighthouse's value and the audit's weight in the score."""
    lines: list[str] = []
    refs = report["categories"][category]["auditRefs"]
    for ref in sorted(refs, key=lambda ref: -ref["weight"]):
        result = report["audits"][ref["id"]]
        shown = ref.get("group") != "hidden" and result["scoreDisplayMode"] in SCORED_MODES
        if shown and (result["score"] or 0) < 1:
            value = [result["displayValue"]] if result.get("displayValue") else []
            value += [f"weight {ref['weight']:g}"] if ref["weight"] else []
            lines.append(f"`{ref['id']}`: {result['title']} ({', '.join(value) or 'failed'})")
    return lines


def missed(score: int | None, category: str) -> bool:
    return score is None or score < THRESHOLDS[category]


def table(results: dict[str, dict[str, int | None]]) -> str:
    lines = [
        "| page | performance | accessibility | best practices | SEO |",
        "|---|---:|---:|---:|---:|",
    ]
    for page, row in results.items():
        cells = [
            "n/a" if row[c] is None else f"**{row[c]}**" if missed(row[c], c) else str(row[c])
            for c in THRESHOLDS
        ]
        lines.append(f"| `{page}` | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def details(reports: dict[str, dict[str, Any]]) -> list[str]:
    """For every category under 100 (performance under its threshold), its failing audits."""
    lines: list[str] = []
    for page, report in reports.items():
        for category, score in scores(report).items():
            limit = THRESHOLDS[category] if category == "performance" else 100
            if score is None or score < limit:
                lines.append(f"\n{page} — {category} {score}:")
                lines.extend(f"- {line}" for line in failures(report, category))
    return lines


def measure(json_dir: Path, scratch: Path) -> dict[str, dict[str, Any]]:
    """Build the example sites, serve them and audit every page; the reports by page."""
    command = lighthouse()
    site = scratch / "site"
    build(BuildOptions(project=Project(REPO), site_dir=site, force=True))
    reports = {}
    with served(site) as origin:
        for path in pages(site):
            output = json_dir / (path.strip("/").replace("/", "-") + ".json")
            reports[path] = audit(command, f"{origin}/{path}", output)
            print(f"measured {path}", file=sys.stderr)
    return reports


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", type=Path, metavar="DIR", help="keep the raw reports here")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="portevoix-lighthouse-") as scratch:
        json_dir = args.json or Path(scratch) / "reports"
        json_dir.mkdir(parents=True, exist_ok=True)
        reports = measure(json_dir, Path(scratch))
    results = {page: scores(report) for page, report in reports.items()}
    print(f"Lighthouse {VERSION}, mobile, simulated throttling, {CHROME}\n")
    print(table(results))
    print("\n".join(details(reports)))
    misses = [
        f"{page} {category} {score} < {THRESHOLDS[category]}"
        for page, row in results.items()
        for category, score in row.items()
        if missed(score, category)
    ]
    if misses:
        raise SystemExit("\nThresholds missed:\n  " + "\n  ".join(misses))
    print("\nEvery threshold met.")


if __name__ == "__main__":
    main()
