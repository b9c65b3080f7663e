"""`portevoix build` and `portevoix assemble`, each a list of stages."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from generator.build.inputs import Inputs, load_inputs, select_movements, shard_of
from generator.build.jobs import PORTAL, BuildContext, Task, prepare_theme, run_tasks
from generator.build.jobs import build_portal as build_portal_into
from generator.build.options import (
    LOCK_TIMEOUT_SECONDS,
    BuildOptions,
    BuildReport,
    Progress,
    no_progress,
    raise_if_strict,
)
from generator.build.rebuild import (
    RebuildPlan,
    build_time,
    final_manifest,
    global_fingerprint,
    plan_rebuild,
    portal_entries_of,
    portal_metadata,
)
from generator.errors import BuildError
from generator.movement import LoadedMovement
from generator.project import Project
from generator.site import output
from generator.site.manifest import MANIFEST_NAME, Manifest, fingerprint_values, read_manifest


def build(options: BuildOptions, progress: Progress = no_progress) -> BuildReport:
    """Build the movements that changed (or all, with `force`) and the portal into
    `options.site_dir`: all or nothing, the previous output untouched on failure."""
    project, site_dir = options.project, options.site_dir
    inputs = load_inputs(project)
    selected = select_movements(inputs.movements, options.only)
    if options.shard is not None:
        selected = shard_of(selected, *options.shard)
    report = BuildReport(warnings=list(inputs.warnings))
    output.check_output_dir(site_dir, project.source_dirs, project.root)
    now = build_time()
    with output.output_lock(site_dir, options.lock_timeout):
        output.remove_leftovers(site_dir)
        previous = read_manifest(site_dir)
        plan = plan_rebuild(
            project,
            inputs.movements,
            selected,
            previous,
            site_dir,
            with_portal=options.shard is None,
            force=options.force,
            now=now,
        )
        report.kept = [m.slug for m in selected if m not in plan.to_build]
        if plan.is_noop(site_dir):
            raise_if_strict(options.strict, report.warnings)
            return report
        with _staged(site_dir) as staging, _workspace(project) as (work, theme_dir):
            context = BuildContext(
                project,
                inputs.base,
                theme_dir,
                work,
                staging,
                now,
                inputs.movements,
                previous_output=site_dir if site_dir.is_dir() else None,
            )
            _build_into(context, plan, previous, options, report, progress)
            output.write_text_atomically(
                staging / MANIFEST_NAME, final_manifest(previous, plan, staging).to_json()
            )
            raise_if_strict(options.strict, report.warnings)
    return report


def _build_into(
    context: BuildContext,
    plan: RebuildPlan,
    previous: Manifest,
    options: BuildOptions,
    report: BuildReport,
    progress: Progress,
) -> None:
    """Write the new output in the staging folder: the sites to build, then what is kept as
    it was."""
    site_dir, staging = options.site_dir, context.staging
    if not plan.portal and plan.wanted.portal is not None:
        output.carry_over(site_dir, staging, portal_entries_of(site_dir, previous))
    tasks: list[Task] = [None] if plan.portal else []
    for name, warnings in run_tasks(context, [*tasks, *plan.to_build], options.jobs, progress):
        report.warnings += warnings
        if name == PORTAL:
            report.portal_built = True
        else:
            report.built.append(name)
    kept = [m.slug for m in context.movements if m not in plan.to_build]
    if site_dir.is_dir():
        output.carry_over(site_dir, staging, kept)


@contextmanager
def _workspace(project: Project) -> Iterator[tuple[Path, Path]]:
    """A temporary folder for the engine's sources, and the theme prepared in it."""
    with tempfile.TemporaryDirectory(prefix="portevoix-") as scratch:
        work = Path(scratch)
        yield work, prepare_theme(project.overrides_dir, work / "theme")


@contextmanager
def _staged(site_dir: Path) -> Iterator[Path]:
    """A staging folder beside `site_dir`, published in its place when the block ends
    without error, removed otherwise."""
    staging = output.new_staging_dir(site_dir)
    try:
        yield staging
        output.publish(staging, site_dir)
    except BaseException:
        output.discard(staging)
        raise


def assemble_parts(
    project: Project, parts: list[Path], site_dir: Path, progress: Progress = no_progress
) -> BuildReport:
    """Join the outputs of `build --shard` runs and a freshly built portal into `site_dir`."""
    inputs = load_inputs(project)
    output.check_output_dir(site_dir, project.source_dirs, project.root)
    sources = find_parts(inputs.movements, parts)
    now = build_time()
    wanted = Manifest(
        portal=fingerprint_values(
            global_fingerprint(project, now), portal_metadata(inputs.movements)
        ),
        movements={
            slug: fingerprint
            for manifest in map(read_manifest, parts)
            for slug, fingerprint in manifest.movements.items()
            if slug in sources
        },
    )
    report = BuildReport(kept=sorted(sources), portal_built=True, warnings=list(inputs.warnings))
    with output.output_lock(site_dir, LOCK_TIMEOUT_SECONDS):
        output.remove_leftovers(site_dir)
        with _staged(site_dir) as staging:
            _assemble_into(staging, project, inputs, sources, wanted, report, progress)
    return report


def _assemble_into(
    staging: Path,
    project: Project,
    inputs: Inputs,
    sources: dict[str, Path],
    wanted: Manifest,
    report: BuildReport,
    progress: Progress,
) -> None:
    """Write the assembled output in `staging`: a new portal, and each part's sites."""
    with _workspace(project) as (work, theme_dir):
        context = BuildContext(
            project, inputs.base, theme_dir, work, staging, build_time(), inputs.movements
        )
        progress(PORTAL, 0, 1)
        report.warnings += build_portal_into(context, staging)
    for slug, part in sorted(sources.items()):
        output.carry_over(part, staging, [slug])
    output.write_text_atomically(staging / MANIFEST_NAME, wanted.to_json())


def find_parts(movements: list[LoadedMovement], parts: list[Path]) -> dict[str, Path]:
    """The part that holds each movement's site; every movement in exactly one part."""
    sources: dict[str, Path] = {}
    problems = []
    for loaded in movements:
        holders = [part for part in parts if (part / loaded.slug / "index.html").is_file()]
        if len(holders) == 1:
            sources[loaded.slug] = holders[0]
        elif not holders:
            problems.append(f"{loaded.slug}: no part holds its site; build every shard first")
        else:
            listed = ", ".join(str(part) for part in holders)
            problems.append(f"{loaded.slug}: several parts hold its site ({listed}); keep one")
    if problems:
        raise BuildError("cannot assemble:\n" + "\n".join(problems))
    return sources
