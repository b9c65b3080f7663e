"""Builds redo only what changed, in parallel or in shards, and share the theme's files."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from generator.build import BuildOptions, Project, assemble_parts, build, shard_of
from generator.movement import discover_movements, load_movements
from generator.site.manifest import MANIFEST_NAME
from tests.support import make_project, snapshot_tree

EXTRA = ("demo-b", "demo-c", "demo-d")


def _project(folder: Path) -> Path:
    root = make_project(folder / "project", examples=True)
    source = (root / "movements" / "demo" / "movement.yml").read_text(encoding="utf-8")
    # The copies leave out the demo's posts: what they test is which sites are rebuilt, and
    # each post would cost them four images to draw in every build.
    head, rest = source.split("\nposts:\n", 1)
    without_posts = head + "\nquestions:\n" + rest.split("\nquestions:\n", 1)[1]
    for slug in EXTRA:
        (root / "movements" / slug).mkdir()
        (root / "movements" / slug / "movement.yml").write_text(
            without_posts.replace(
                "à Belvent-sur-Lac\n", f"à Belvent-sur-Lac {slug[-1].upper()}\n", 1
            ),
            encoding="utf-8",
        )
        (root / "movements" / slug / "logo.svg").write_bytes(
            (root / "movements" / "demo" / "logo.svg").read_bytes()
        )
    return root


def run_build(root: Path, site: str = "site", **options: object) -> object:
    return build(BuildOptions(project=Project(root), site_dir=root / site, **options))  # type: ignore[arg-type]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """The examples and three copies of the demo, not built yet."""
    return _project(tmp_path)


@pytest.fixture(scope="module")
def built_once(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The same project built once, serially, into site/: the starting point of the tests
    about what a second build does."""
    root = _project(tmp_path_factory.mktemp("built"))
    run_build(root, jobs=1)
    return root


@pytest.fixture
def built(built_once: Path, tmp_path: Path) -> Path:
    """A copy of `built_once` for one test: its sources copied, its site hard-linked (a build
    replaces the files it writes, never writes into one), so that the copy's next build
    finds it built (a test checks that it rebuilds nothing)."""
    root = tmp_path / "project"
    shutil.copytree(built_once, root, ignore=shutil.ignore_patterns("site"))
    shutil.copytree(built_once / "site", root / "site", copy_function=os.link)
    return root


def inodes(folder: Path) -> dict[str, int]:
    return {str(p.relative_to(folder)): p.stat().st_ino for p in folder.rglob("*") if p.is_file()}


def test_parallel_build_writes_the_same_bytes_as_a_serial_one(built: Path) -> None:
    parallel = run_build(built, "parallel", jobs=2)
    assert parallel.built == ["demo", "demo-b", "demo-c", "demo-d", "ovpe"]
    assert snapshot_tree(built / "site") == snapshot_tree(built / "parallel")  # built serially


def test_unchanged_inputs_rebuild_nothing(built: Path) -> None:
    before = inodes(built / "site")
    report = run_build(built)
    assert (report.built, report.portal_built) == ([], False)
    assert sorted(report.kept) == ["demo", "demo-b", "demo-c", "demo-d", "ovpe"]
    assert inodes(built / "site") == before  # not even rewritten


def test_one_changed_movement_rebuilds_only_itself(built: Path) -> None:
    before = inodes(built / "site")
    movement = built / "movements" / "demo-c" / "movement.yml"
    movement.write_text(movement.read_text(encoding="utf-8") + "\n# a comment\n", encoding="utf-8")
    report = run_build(built)
    assert (report.built, report.portal_built) == (["demo-c"], False)
    after = inodes(built / "site")
    for path, inode in before.items():
        if path.startswith("demo-c/") or path == MANIFEST_NAME:
            continue
        assert after[path] == inode, path  # carried over by hard link, not rebuilt


def test_the_portal_is_rebuilt_when_a_movement_it_lists_changes(built: Path) -> None:
    movement = built / "movements" / "demo-b" / "movement.yml"
    movement.write_text(
        movement.read_text(encoding="utf-8").replace("Belvent-sur-Lac B", "Belvent-sur-Lac Bis", 1),
        encoding="utf-8",
    )
    report = run_build(built)
    assert (report.built, report.portal_built) == (["demo-b"], True)
    assert "Belvent-sur-Lac Bis" in (built / "site" / "index.html").read_text(encoding="utf-8")


def test_guide_or_theme_changes_rebuild_everything_and_force_too(built: Path) -> None:
    guide = built / "docs" / "en" / "guide" / "expert.md"
    guide.write_text(guide.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")
    assert len(run_build(built).built) == 5
    assert run_build(built).built == []
    forced = run_build(built, force=True)
    assert len(forced.built) == 5 and forced.portal_built


def test_a_removed_movement_leaves_the_site(built: Path) -> None:
    shutil.rmtree(built / "movements" / "demo-d")
    report = run_build(built)
    assert report.portal_built
    assert not (built / "site" / "demo-d").exists()


def test_movement_sites_share_the_theme_files_of_the_portal(built: Path) -> None:
    site = built / "site"
    assert (site / "assets" / "javascripts").is_dir() and (site / "assets" / "stylesheets").is_dir()
    for slug in ("demo", "ovpe"):
        assert not (site / slug / "assets" / "javascripts").exists()
        assert not (site / slug / "assets" / "stylesheets").exists()
        assert not (site / slug / "en" / "assets" / "stylesheets").exists()
    html = (site / "demo" / "en" / "kit" / "posts" / "index.html").read_text(encoding="utf-8")
    assert 'href="../../../../assets/stylesheets/porte-voix.css"' in html
    assert (site / "demo" / "assets" / "social-card.png").is_file()  # the movement's own stay


def test_shards_assembled_equal_a_one_shot_build(built: Path) -> None:
    project = built
    movements = load_movements(discover_movements(project / "movements"))
    parts = [shard_of(movements, index, 3) for index in (1, 2, 3)]
    assert sorted(m.slug for part in parts for m in part) == sorted(m.slug for m in movements)
    assert shard_of(movements, 1, 3) == parts[0]  # stable
    for index in (1, 2, 3):
        report = run_build(project, f"part-{index}", shard=(index, 3))
        assert not report.portal_built and not (project / f"part-{index}" / "index.html").exists()
    assemble_parts(
        Project(project), [project / f"part-{index}" for index in (1, 2, 3)], project / "assembled"
    )
    assert snapshot_tree(project / "assembled") == snapshot_tree(project / "site")  # one shot


def test_build_time_is_fixed_by_source_date_epoch(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1790000000")
    run_build(project, "first")
    run_build(project, "second", force=True)
    assert snapshot_tree(project / "first") == snapshot_tree(project / "second")
    assert os.environ["SOURCE_DATE_EPOCH"] == "1790000000"
