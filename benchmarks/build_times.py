"""Measure Porte-voix builds at 1, 10 and 100 movements on this machine.

    .venv/bin/python benchmarks/build_times.py [--sizes 1 10 100] [--keep DIR]

For each size N it makes a project of N synthetic movements (copies of the demo movement
with their own names, without its sample snapshots) and measures, in separate processes:
a full build with --jobs 1 and with --jobs 2, a rebuild with nothing changed, a rebuild
after one movement changed, the peak memory of the full build, the deployed size, and the
same pages built by one plain `mkdocs build` per site and language (the reference).
It also measures what drawing costs: every post image of the demo (square and story, each
wording, both languages) drawn anew in one process, and its one-pager PDFs, per image and per
PDF, and against the full build of one movement. It prints Markdown tables; README.md carries
the latest ones.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
PORTEVOIX = [sys.executable, "-m", "generator"]


@dataclass
class Run:
    seconds: float
    peak_mb: float


def run(command: list[str], cwd: Path, env: dict[str, str] | None = None) -> Run:
    """Run `command` to completion; its wall time and peak resident memory."""
    start = time.perf_counter()
    process = subprocess.Popen(
        command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    if status != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{process.stderr.read().decode()}")  # type: ignore[union-attr]
    return Run(seconds, usage.ru_maxrss / 1024)


def make_project(root: Path, count: int) -> Path:
    """A project with `count` movements made from the demo, without its snapshots."""
    root.mkdir(parents=True)
    for name in ("mkdocs.yml", "docs", "overrides"):
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, root / name)
        else:
            shutil.copy(source, root / name)
    demo = (REPO / "movements" / "demo" / "movement.yml").read_text(encoding="utf-8")
    for index in range(count):
        folder = root / "movements" / f"movement-{index:03d}"
        folder.mkdir(parents=True)
        text = demo.replace("à Belvent-sur-Lac\n", f"à Belvent-sur-Lac {index}\n", 1)
        (folder / "movement.yml").write_text(text, encoding="utf-8")
        shutil.copy(REPO / "movements" / "demo" / "logo.svg", folder / "logo.svg")
    return root


def export_plain_projects(project: Path, target: Path) -> list[Path]:
    """The same sites as plain MkDocs projects (pages, files, mkdocs.yml), one per language."""
    code = f"""
import sys, yaml
from pathlib import Path
import generator.build as build_module
import generator.build.jobs as jobs_module
from generator.site import engine
configs = []
def export(spec, base, work, site_dir, theme_dir):
    root = Path({str(target)!r}) / f"site-{{len(configs):04d}}"
    docs = root / "docs"
    for relative, text in spec.pages.items():
        (docs / relative).parent.mkdir(parents=True, exist_ok=True)
        (docs / relative).write_text(text, encoding="utf-8")
    for relative, data in spec.files.items():
        (docs / relative).parent.mkdir(parents=True, exist_ok=True)
        (docs / relative).write_bytes(data)
    theme = root / "theme"
    import shutil
    shutil.copytree(theme_dir, theme)
    config = engine.site_config(spec, base, docs, root / "site", theme)
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    configs.append(root)
    Path(site_dir).mkdir(parents=True, exist_ok=True)  # where the real build would write
    return []
jobs_module.build_site = export
build_module.build(build_module.BuildOptions(build_module.Project(Path({str(project)!r})),
    Path({str(target / "ignored")!r}), jobs=1, force=True))
"""
    subprocess.run([sys.executable, "-c", code], check=True, cwd=project)
    return sorted(target.glob("site-*"))


def plain_mkdocs(sites: list[Path]) -> float:
    """Seconds to build every exported site with its own `mkdocs build`."""
    total = 0.0
    for site in sites:
        total += run(
            [sys.executable, "-m", "mkdocs", "build", "-q", "-f", "mkdocs.yml"], site
        ).seconds
    return total


def size_mb(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 1e6


def measure(count: int, workdir: Path) -> dict[str, Any]:
    project = make_project(workdir / f"n{count}", count)
    site = ["--site-dir", "site"]
    serial = run([*PORTEVOIX, "build", "--jobs", "1", *site], project)
    shutil.rmtree(project / "site")
    parallel = run([*PORTEVOIX, "build", "--jobs", "2", *site], project)
    noop = run([*PORTEVOIX, "build", *site], project)
    changed = project / "movements" / "movement-000" / "movement.yml"
    changed.write_text(changed.read_text(encoding="utf-8") + "\n# changed\n", encoding="utf-8")
    one = run([*PORTEVOIX, "build", *site], project)
    deployed = size_mb(project / "site")
    pages_only = size_mb(project / "site") - size_mb(project / "site" / "assets")
    sites = export_plain_projects(project, workdir / f"n{count}-plain")
    reference = plain_mkdocs(sites)
    plain_size = sum(size_mb(s / "site") for s in sites)
    return {
        "movements": count,
        "serial": serial.seconds,
        "jobs2": parallel.seconds,
        "speedup_jobs": serial.seconds / parallel.seconds,
        "noop": noop.seconds,
        "one_changed": one.seconds,
        "peak_mb": max(serial.peak_mb, parallel.peak_mb),
        "deployed_mb": deployed,
        "theme_mb": deployed - pages_only,
        "plain_seconds": reference,
        "speedup_plain": reference / parallel.seconds,
        "plain_mb": plain_size,
    }


def drawing_costs() -> dict[str, float]:
    """Seconds per post image and per one-pager PDF of the demo, measured in a fresh process
    (the fonts' first loading included, as a build's worker pays it)."""
    code = """
import json, time
from pathlib import Path
from generator.build.images import post_image_files
from generator.movement import load_movement
from generator.render.onepager_pdf import onepager_pdf
from generator.render.print_page import one_pager
demo = load_movement(Path("movements/demo/movement.yml").resolve())
start = time.perf_counter()
count = sum(len(post_image_files(demo, language, None)[0]) for language in demo.spec.languages)
images = time.perf_counter() - start
start = time.perf_counter()
for language in demo.spec.languages:
    onepager_pdf(one_pager(demo, language))
pdfs = time.perf_counter() - start
print(json.dumps({"images": count, "image_seconds": images, "pdf_seconds": pdfs / 2}))
"""
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, check=True, capture_output=True, text=True
    )
    return dict(json.loads(result.stdout))


def drawing_table(costs: dict[str, float], one_movement: float) -> str:
    per_image = costs["image_seconds"] / costs["images"]
    share = (costs["image_seconds"] + 2 * costs["pdf_seconds"]) / one_movement
    return (
        "| demo images drawn | per image | one-pager PDF | images and PDFs vs one full build |\n"
        "|---:|---:|---:|---:|\n"
        f"| {costs['images']:.0f} | {per_image * 1000:.0f} ms | "
        f"{costs['pdf_seconds'] * 1000:.0f} ms | {share:.0%} of {one_movement:.1f} s |"
    )


def table(rows: list[dict[str, Any]]) -> str:
    header = (
        "| movements | full, --jobs 1 | full, --jobs 2 | jobs 2 vs 1 | no-op rebuild | "
        "one changed | peak memory | deployed (theme files) | plain `mkdocs build` | "
        "Porte-voix vs plain | plain deployed |\n"
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
    )
    lines = [header]
    for r in rows:
        lines.append(
            f"| {r['movements']} | {r['serial']:.1f} s | {r['jobs2']:.1f} s | "
            f"{r['speedup_jobs']:.2f}x | {r['noop']:.2f} s | {r['one_changed']:.1f} s | "
            f"{r['peak_mb']:.0f} MB | {r['deployed_mb']:.1f} MB ({r['theme_mb']:.1f} MB) | "
            f"{r['plain_seconds']:.1f} s | {r['speedup_plain']:.1f}x | {r['plain_mb']:.0f} MB |"
        )
    return "\n".join(lines)


def machine() -> str:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor() or "unknown CPU",
    )
    return (
        f"{os.cpu_count()} cores ({cpu}), Python {platform.python_version()}, {platform.system()}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1, 10, 100])
    parser.add_argument("--keep", type=Path, help="keep the projects in this folder")
    args = parser.parse_args()
    workdir = args.keep or Path(tempfile.mkdtemp(prefix="portevoix-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    rows = []
    for count in args.sizes:
        rows.append(measure(count, workdir))
        print(f"measured {count} movement(s)", file=sys.stderr)
    print(f"Machine: {machine()}\n")
    print(table(rows))
    print()
    print(drawing_table(drawing_costs(), rows[0]["serial"]))
    if args.keep is None:
        shutil.rmtree(workdir)


if __name__ == "__main__":
    main()
