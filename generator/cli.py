"""The `portevoix` command line: the only place that prints."""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import signal
import sys
import threading
from pathlib import Path
from types import FrameType

import click

from generator import __version__
from generator.build import BuildOptions, BuildReport, assemble_parts, build, load_inputs
from generator.build.inputs import check_notes
from generator.errors import PorteVoixError, StrictModeError
from generator.movement.schema import Movement
from generator.progress import BuildProgress
from generator.project import Project, open_project
from generator.scaffold import new_movement_text
from generator.site import output

SCHEMA_FILE = "movement.schema.json"


def movement_schema_json() -> str:
    """The JSON Schema of the movement format, as committed in `movement.schema.json`."""
    schema = Movement.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def _open_project(ctx: click.Context, param: click.Parameter, value: Path) -> Project:
    return open_project(value)


project_option = click.option(
    "--project",
    "project",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("."),
    show_default=True,
    callback=_open_project,
    help="The folder holding mkdocs.yml, docs/, movements/ and overrides/.",
)


class _Group(click.Group):
    """Turns a file-system failure into a one-line error instead of a traceback."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except OSError as error:
            where = f"{error.filename}: " if error.filename else ""
            raise PorteVoixError(f"{where}{error.strerror or error}") from None


@click.group(cls=_Group)
@click.version_option(__version__, prog_name="portevoix")
@click.option("-v", "--verbose", is_flag=True, help="Say what each stage does.")
def main(verbose: bool) -> None:
    """Porte-voix: bilingual toolkit sites for social movements on X."""
    logging.basicConfig(
        level=logging.INFO if verbose else logging.WARNING, format="%(levelname)s: %(message)s"
    )
    signal.signal(signal.SIGTERM, _exit_on_sigterm)


SIGTERM_GRACE_SECONDS = 10.0


def _exit_on_sigterm(signum: int, frame: FrameType | None) -> None:
    """SIGTERM (a CI job cancelled, `kill`) unwinds like Ctrl+C: staging and temporary
    folders are removed and worker processes stopped on the way out. The exit is bounded:
    should the unwinding block (a pool's thread joined at exit), the process ends anyway after
    a grace period, and the next build removes what is left."""
    timer = threading.Timer(SIGTERM_GRACE_SECONDS, os._exit, args=(128 + signum,))
    timer.daemon = True
    timer.start()
    raise SystemExit(128 + signum)


def _print_warnings(warnings: list[str]) -> None:
    for warning in warnings:
        # A movement file's warnings already read `file:line:column: warning: …`.
        click.echo(warning if ": warning: " in warning else f"warning: {warning}", err=True)


@main.command()
@project_option
@click.option("--strict", is_flag=True, help="Fail (exit 2) if any warning is raised.")
def check(project: Project, strict: bool) -> None:
    """Validate every movement file; write nothing."""
    inputs = load_inputs(project)
    _print_warnings(inputs.warnings)
    for note in check_notes(inputs.movements):
        click.echo(note)
    if strict and inputs.warnings:
        raise StrictModeError(f"--strict: {len(inputs.warnings)} warning(s) above; fix them")
    click.echo(f"{len(inputs.movements)} movement file(s) valid.")


def _parse_shard(
    ctx: click.Context, param: click.Parameter, value: str | None
) -> tuple[int, int] | None:
    if value is None:
        return None
    try:
        index, count = (int(part) for part in value.split("/"))
    except ValueError:
        raise click.BadParameter("write it K/N, like 2/4") from None
    if not 1 <= index <= count:
        raise click.BadParameter(f"K must be between 1 and N, got {value}")
    return index, count


@main.command("build")
@project_option
@click.option(
    "--movement",
    "only",
    multiple=True,
    metavar="SLUG",
    help="Build only this movement (repeatable).",
)
@click.option(
    "--site-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Output folder [default: PROJECT/site].",
)
@click.option("--strict", is_flag=True, help="Fail, and write nothing, if any warning is raised.")
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=1),
    default=os.cpu_count() or 1,
    show_default="the number of cores",
    help="Build this many movements at once, in separate processes.",
)
@click.option(
    "--force", is_flag=True, help="Rebuild every site, even those whose inputs did not change."
)
@click.option(
    "--shard",
    metavar="K/N",
    callback=_parse_shard,
    help="Build only the K-th of N stable parts of the movements, without the portal "
    "(CI matrices; join the parts with `portevoix assemble`).",
)
def build_command(
    project: Project,
    only: tuple[str, ...],
    site_dir: Path | None,
    strict: bool,
    jobs: int,
    force: bool,
    shard: tuple[int, int] | None,
) -> None:
    """Build the movement sites and the portal into the site folder; only what changed."""
    target = site_dir if site_dir is not None else project.root / "site"
    options = BuildOptions(project, target, only, strict, jobs, force, shard)
    with BuildProgress() as progress:
        report = build(options, progress)
    _print_warnings(report.warnings)
    click.echo(_summary(report, target))


def _summary(report: BuildReport, target: Path) -> str:
    if not report.built and not report.portal_built:
        return f"Nothing changed: {target}/ is up to date ({len(report.kept)} movement site(s))."
    parts = [f"Built {len(report.built)} movement site(s)"]
    if report.kept:
        parts.append(f"kept {len(report.kept)} unchanged")
    if report.portal_built:
        parts.append("built the portal")
    return ", ".join(parts) + f" into {target}/"


@main.command()
@project_option
@click.option(
    "--site-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Output folder [default: PROJECT/site].",
)
@click.argument(
    "parts", nargs=-1, required=True, type=click.Path(exists=True, file_okay=False, path_type=Path)
)
def assemble(project: Project, site_dir: Path | None, parts: tuple[Path, ...]) -> None:
    """Join the outputs of `build --shard K/N` (PARTS) and the portal into one site."""
    target = site_dir if site_dir is not None else project.root / "site"
    with BuildProgress() as progress:
        report = assemble_parts(project, list(parts), target, progress)
    _print_warnings(report.warnings)
    click.echo(f"Assembled {len(report.kept)} movement site(s) and the portal into {target}/")


@main.command()
@project_option
@click.argument("slug")
@click.option(
    "--port",
    default=8000,
    show_default=True,
    type=click.IntRange(1, 65535),
    help="Port of the preview server on localhost.",
)
def serve(project: Project, slug: str, port: int) -> None:
    """Preview one movement's site, rebuilt when its file, the guide or the theme change."""
    from generator.serve import serve_movement

    serve_movement(project, slug, port)


@main.command()
@project_option
@click.argument("slug")
def new(project: Project, slug: str) -> None:
    """Create movements/SLUG/movement.yml, a valid, commented file to start from."""
    from generator.movement.discover import RESERVED_SLUGS, SLUG_PATTERN

    if not SLUG_PATTERN.fullmatch(slug) or slug in RESERVED_SLUGS:
        raise click.BadParameter(
            "use lower-case letters, digits and '-', and not a name the site uses "
            f"({', '.join(sorted(RESERVED_SLUGS))})",
            param_hint="SLUG",
        )
    target = project.movements_dir / slug / "movement.yml"
    if target.exists():
        raise click.ClickException(f"{target} already exists; pick another name or edit it")
    output.write_text_atomically(target, new_movement_text(slug))
    click.echo(f"Created {target}. Edit it, then run `portevoix build --movement {slug}`.")


@main.command()
@click.option(
    "--write", is_flag=True, help=f"Write {SCHEMA_FILE} in the current folder instead of printing."
)
def schema(write: bool) -> None:
    """Print the JSON Schema of movement files (editors use it to autocomplete)."""
    text = movement_schema_json()
    if write:
        output.write_text_atomically(Path(SCHEMA_FILE), text)
    else:
        sys.stdout.write(text)


@main.command("snapshot")
@project_option
@click.option(
    "--movement", "only", multiple=True, metavar="SLUG", help="Only this movement (repeatable)."
)
@click.option(
    "--network",
    "networks",
    multiple=True,
    type=click.Choice(["x", "bluesky", "mastodon"]),
    help="Read only this network (repeatable); by default every network a movement names.",
)
@click.option(
    "--dry-run", is_flag=True, help="Print each network's requests and cost; ask nothing."
)
@click.option(
    "--max-wait",
    type=click.FloatRange(min=0),
    default=300,
    show_default=True,
    help="Seconds the run may wait in all for a network's rate limits; past them, save what was read.",
)
@click.option(
    "--budget",
    "budget_usd",
    type=click.FloatRange(min=0),
    metavar="US$",
    help="Refuse to start a run that could cost more than this on X (nothing is requested).",
)
@click.option(
    "--members-max-age",
    type=click.IntRange(min=1),
    default=7,
    show_default=True,
    metavar="DAYS",
    help="Read an X List's members again after this many days, even if their count is unchanged.",
)
def snapshot_command(
    project: Project,
    only: tuple[str, ...],
    networks: tuple[str, ...],
    dry_run: bool,
    max_wait: float,
    budget_usd: float | None,
    members_max_age: int,
) -> None:
    """Read activity figures from X, Bluesky and Mastodon into movements/SLUG/snapshots/DATE.json.

    Secrets come from the environment only: X_BEARER_TOKEN for X, and for Bluesky's hashtag
    counts BLUESKY_HANDLE and BLUESKY_APP_PASSWORD (everything else is public and free).
    """
    import datetime as dt

    from generator.build import select_movements
    from generator.snapshot import bluesky_api
    from generator.snapshot.command import dry_run_lines, planning_apis, real_apis
    from generator.snapshot.plan import cost_usd
    from generator.snapshot.run import SnapshotOptions, check_budget, plan_snapshots, take_snapshots

    inputs = load_inputs(project)
    selected = select_movements(inputs.movements, only)
    options = SnapshotOptions(
        max_wait=max_wait, budget_usd=budget_usd, members_max_age_days=members_max_age
    )
    if dry_run:
        logged_in = bluesky_api.credentials_from_environment() is not None
        apis = planning_apis(networks, logged_in)
        plan = plan_snapshots(selected, options, dt.datetime.now(dt.UTC), apis)
        for line in dry_run_lines(plan):
            click.echo(line)
        check_budget(plan.x, options)
        return
    warnings: list[str] = []
    apis = real_apis(selected, networks, warnings)
    if not any((apis.x, apis.bluesky, apis.mastodon)):
        click.echo("No request to make: no movement names an account on the networks asked for.")
        return
    report = take_snapshots(selected, apis, options, say=lambda m: click.echo(m, err=True))
    for made in report.made:
        click.echo(f"{made.request.describe()}: US${cost_usd(made.resources):.3f}")
    _print_warnings(warnings + report.warnings)
    for path, partial in report.written:
        click.echo(f"Wrote {path}" + (" (partial: see its errors)" if partial else ""))
    click.echo(
        f"{len(report.made)} request(s) answered, about US${report.spent_usd:.3f} spent on X."
    )


@main.command()
@project_option
@click.argument("slug")
@click.option(
    "--until",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    required=True,
    help="Day of the last snapshot, YYYY-MM-DD.",
)
@click.option("--days", type=click.IntRange(min=1), default=64, show_default=True)
def sample(project: Project, slug: str, until: dt.datetime, days: int) -> None:
    """Replace a fictional movement's snapshots by a made-up daily history (never real accounts)."""
    from generator.build import select_movements
    from generator.snapshot.sample import write_sample_history

    (loaded,) = select_movements(load_inputs(project).movements, (slug,))
    paths = write_sample_history(loaded, until.date(), days)
    click.echo(f"Wrote {len(paths)} sample snapshots, {paths[0].name} to {paths[-1].name}.")
