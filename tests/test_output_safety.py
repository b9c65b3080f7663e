"""An output folder can never be something else: the project, its sources, or a folder of
someone's files. Every command that writes a site refuses them before building anything."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.build import BuildOptions, Project, build
from generator.cli import main
from generator.errors import BuildError
from generator.site import output
from tests.support import REPO, make_project, snapshot_tree

MOVEMENT = """\
name: Test
tagline: Test
organization: {name: Org, handle: Org, url: https://example.org/}
hashtags: [{tag: TestTag, primary: true}]
site_url: https://example.org/test/
"""


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    assert "Traceback" not in result.output
    return result.exit_code, result.stderr


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = make_project(tmp_path / "project", {"test": MOVEMENT})
    (tmp_path / "sibling.txt").write_text("a file beside the project\n", encoding="utf-8")
    return root


# (where --site-dir points, relative to the project, and why it is refused)
REFUSED = [
    (".", "it is the project folder {root}"),
    ("..", "it holds the project folder {root}"),
    ("docs", "it is docs/, which the build reads"),
    ("docs/fr", "it lies inside docs/, which the build reads"),
    ("movements", "it is movements/, which the build reads"),
    ("movements/test", "it lies inside movements/, which the build reads"),
    ("overrides", "it is overrides/, which the build reads"),
]


@pytest.mark.parametrize("command", ["build", "assemble"])
@pytest.mark.parametrize(("where", "why"), REFUSED, ids=[w for w, _ in REFUSED])
def test_a_source_folder_is_refused_and_nothing_is_touched(
    project: Path, command: str, where: str, why: str
) -> None:
    before = snapshot_tree(project.parent)
    parts = [str(project / "part")] if command == "assemble" else []
    (project / "part").mkdir()
    code, err = run(command, "--project", str(project), "--site-dir", str(project / where), *parts)
    assert code == 2
    target = project / where
    reason = why.format(root=project.resolve())
    assert err == (
        f"Error: refusing to write the site into {target}: {reason}. Use an empty or new "
        "folder, such as site/ (the default) or --site-dir public\n"
    )
    (project / "part").rmdir()
    assert snapshot_tree(project.parent) == before
    assert sorted(p.name for p in project.iterdir()) == [
        "docs",
        "mkdocs.yml",
        "movements",
        "overrides",
    ]


def test_the_package_folder_is_refused_in_a_clone_of_porte_voix(tmp_path: Path) -> None:
    with pytest.raises(BuildError, match=r"generator/, which the build reads"):
        output.check_output_dir(REPO / "generator", Project(REPO).source_dirs, REPO)
    with pytest.raises(BuildError, match=r"lies inside .*generator/, which the build reads"):
        output.check_output_dir(REPO / "generator" / "x", Project(REPO).source_dirs, REPO)


def test_a_folder_that_is_not_ours_is_refused(project: Path, tmp_path: Path) -> None:
    public = tmp_path / "public"
    public.mkdir()
    (public / "notes.txt").write_text("mine\n", encoding="utf-8")
    code, err = run("build", "--project", str(project), "--site-dir", str(public))
    assert code == 2
    assert err == (
        f"Error: refusing to write the site into {public}: it is not empty and is not a "
        "Porte-voix output (it has no .porte-voix-build.json), so building would replace what "
        "it holds. Use an empty or new folder, such as site/ (the default) or --site-dir public\n"
    )
    assert (public / "notes.txt").read_text(encoding="utf-8") == "mine\n"


def test_a_symlink_to_the_project_is_refused(project: Path, tmp_path: Path) -> None:
    link = tmp_path / "link"
    link.symlink_to(project / "movements", target_is_directory=True)
    code, err = run("build", "--project", str(project), "--site-dir", str(link))
    assert code == 2 and "it is movements/, which the build reads" in err
    assert (project / "movements" / "test" / "movement.yml").is_file()


def test_an_empty_folder_and_our_own_output_are_written(project: Path, tmp_path: Path) -> None:
    public = tmp_path / "public"
    public.mkdir()
    assert run("build", "--project", str(project), "--site-dir", str(public))[0] == 0
    assert (public / output.MARKER).is_file() and (public / "test" / "index.html").is_file()
    assert run("build", "--project", str(project), "--site-dir", str(public), "--force")[0] == 0
    assert (public / "test" / "index.html").is_file()


def test_a_second_build_waits_for_the_lock_then_says_who_holds_it(project: Path) -> None:
    site = project / "site"
    options = BuildOptions(Project(project), site, lock_timeout=0.5)
    with output.output_lock(site, timeout=0), pytest.raises(BuildError) as raised:
        build(options)
    assert str(raised.value.message) == (
        f"another build is writing {site} (it holds the lock {output.lock_path(site)}); wait "
        "for it to finish, or build into another --site-dir"
    )
    assert not site.exists()
    assert build(options).built == ["test"]


def test_leftovers_of_interrupted_builds_are_removed_and_nothing_else(project: Path) -> None:
    site = project / "site"
    ours = project / ".site.staging-abc123"
    ours.mkdir()
    (ours / output.STAGING_MARKER).touch()
    (ours / "test").mkdir()
    retired = project / ".site.previous-def456"
    retired.mkdir()
    (retired / output.MARKER).write_text("{}", encoding="utf-8")
    foreign = project / ".site.staging-notes"
    foreign.mkdir()
    (foreign / "keep.txt").write_text("not a build's\n", encoding="utf-8")
    build(BuildOptions(Project(project), site))
    assert not ours.exists() and not retired.exists()
    assert (foreign / "keep.txt").read_text(encoding="utf-8") == "not a build's\n"


def test_a_logo_named_like_an_asset_never_replaces_it(project: Path) -> None:
    from io import BytesIO

    from PIL import Image

    logo = BytesIO()
    Image.new("RGB", (64, 64), "red").save(logo, format="PNG")
    folder = project / "movements" / "test"
    (folder / "social-card.png").write_bytes(logo.getvalue())
    movement = folder / "movement.yml"
    movement.write_text(MOVEMENT + "theme: {logo: social-card.png}\n", encoding="utf-8")
    build(BuildOptions(Project(project), project / "site"))
    assets = project / "site" / "test" / "assets"
    assert (assets / "logo.png").read_bytes() == logo.getvalue()
    with Image.open(assets / "social-card.png") as card:
        assert card.size == (1200, 630)
