"""Which folders of movements/ are movements, what is passed over (said, not silent), and
symbolic links, which may not bring files from elsewhere on the machine into a site.

Real folders in `tmp_path`, read through a relative `movements` path so that messages read
as they do in a project.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from generator.errors import MovementError
from generator.movement import discover_movements, load_movement
from generator.movement.discover import skipped_entries
from tests.support import REPO

MOVEMENTS = Path("movements")
MOVEMENT = """\
name: Semaine des soins
tagline: Plus de soignantes.
organization: {name: Syndicat, handle: CareUnion, url: https://example.org/}
site_url: https://example.org/soins/
hashtags: [{tag: NursingWeek, primary: true}]
"""
LINK_REASON = "the site would publish files from elsewhere on the machine"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty project folder, the current directory: its movements/ and, beside it, a
    folder standing for the rest of the machine."""
    (tmp_path / "project" / "movements").mkdir(parents=True)
    (tmp_path / "elsewhere").mkdir()
    monkeypatch.chdir(tmp_path / "project")
    return tmp_path / "project"


def add(path: Path, text: str = MOVEMENT) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def skipped(project: Path) -> list[str]:
    return [str(problem) for problem in skipped_entries(MOVEMENTS)]


def refused(project: Path) -> list[str]:
    with pytest.raises(MovementError) as caught:
        discover_movements(MOVEMENTS)
    return [str(problem) for problem in caught.value.problems]


# --- skipped entries -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "name", ["movement.yaml", "Movement.yml", "movement.YML", "movement.yml.txt", "movement.json"]
)
def test_a_misnamed_movement_file_is_skipped_with_a_warning(project: Path, name: str) -> None:
    add(project / "movements" / "foo" / name)
    assert discover_movements(MOVEMENTS) == []
    assert skipped(project) == [
        f"movements/foo/{name}:1:1: warning: skipped: a movement file must be named "
        "movement.yml; rename it"
    ]


def test_warnings_are_problems_of_severity_warning(project: Path) -> None:
    add(project / "movements" / "foo" / "movement.yaml")
    (problem,) = skipped_entries(MOVEMENTS)
    assert (problem.file, problem.line, problem.column, problem.key, problem.severity) == (
        "movements/foo/movement.yaml",
        1,
        1,
        "",
        "warning",
    )


def test_a_folder_without_a_movement_file_is_skipped_with_a_warning(project: Path) -> None:
    (project / "movements" / "bar" / "snapshots").mkdir(parents=True)
    add(project / "movements" / "bar" / "notes.md", "# notes\n")
    assert discover_movements(MOVEMENTS) == []
    assert skipped(project) == [
        "movements/bar:1:1: warning: skipped: no movement.yml in this folder; create one with "
        "portevoix new bar, or remove the folder"
    ]


def test_an_empty_folder_whose_name_is_no_slug_gets_the_general_advice(project: Path) -> None:
    (project / "movements" / "Nursing Week").mkdir()
    assert skipped(project) == [
        "movements/Nursing Week:1:1: warning: skipped: no movement.yml in this folder; create "
        "one with portevoix new SLUG (a folder name of lower-case letters, digits and '-'), or "
        "remove the folder"
    ]


@pytest.mark.parametrize(
    ("name", "target"),
    [
        ("demo.yml", "movements/demo/movement.yml"),
        ("nursing-week.yaml", "movements/nursing-week/movement.yml"),
        ("movement.yml", "movements/SLUG/movement.yml"),
        ("Demo Week.yml", "movements/SLUG/movement.yml"),
    ],
)
def test_a_movement_file_directly_in_movements_is_skipped_with_a_warning(
    project: Path, name: str, target: str
) -> None:
    add(project / "movements" / name)
    assert discover_movements(MOVEMENTS) == []
    assert skipped(project) == [
        f"movements/{name}:1:1: warning: skipped: a movement file goes in its own folder; "
        f"move it to {target}"
    ]


def test_movements_hidden_entries_and_other_files_give_no_warning(project: Path) -> None:
    add(project / "movements" / "soins" / "movement.yml")
    add(project / "movements" / "soins" / "movement.yaml")  # a leftover beside the real one
    (project / "movements" / ".git").mkdir()
    add(project / "movements" / ".draft" / "movement.yaml")
    add(project / "movements" / ".hidden.yml")
    add(project / "movements" / "README.md", "# Our movements\n")
    assert discover_movements(MOVEMENTS) == [MOVEMENTS / "soins" / "movement.yml"]
    assert skipped(project) == []


def test_a_broken_link_in_movements_is_skipped_with_a_warning(project: Path) -> None:
    (project / "movements" / "old").symlink_to("../../elsewhere/gone")
    assert skipped(project) == [
        "movements/old:1:1: warning: skipped: a symbolic link to ../../elsewhere/gone, which "
        "does not exist; remove it"
    ]


def test_no_movements_folder_skips_nothing(tmp_path: Path) -> None:
    assert skipped_entries(tmp_path / "movements") == []


def test_the_example_movements_skip_nothing() -> None:
    assert skipped_entries(REPO / "movements") == []


# --- symbolic links ------------------------------------------------------------------------


def test_a_movement_folder_linked_from_outside_is_refused(project: Path) -> None:
    outside = add(project.parent / "elsewhere" / "soins" / "movement.yml").parent
    (project / "movements" / "soins").symlink_to(outside)
    assert refused(project) == [
        f"movements/soins:1:1: is a symbolic link to {outside}, outside movements/: "
        f"{LINK_REASON}; copy the folder into movements/ instead of linking to it"
    ]


def test_a_movement_file_linked_from_outside_is_refused(project: Path) -> None:
    outside = add(project.parent / "elsewhere" / "movement.yml")
    (project / "movements" / "soins").mkdir()
    (project / "movements" / "soins" / "movement.yml").symlink_to(outside)
    assert refused(project) == [
        f"movements/soins/movement.yml:1:1: is a symbolic link to {outside}, outside "
        f"movements/: {LINK_REASON}; copy the file into movements/soins/ instead of linking to it"
    ]


def test_every_link_out_is_reported_together(project: Path) -> None:
    """A logo, and a snapshots folder, whose files the site would publish."""
    elsewhere = project.parent / "elsewhere"
    add(elsewhere / "logo.svg", "<svg/>")
    (elsewhere / "snapshots").mkdir()
    folder = add(project / "movements" / "soins" / "movement.yml").parent
    (folder / "logo.svg").symlink_to(elsewhere / "logo.svg")
    (folder / "snapshots").symlink_to(elsewhere / "snapshots")
    add(project / "movements" / "velo" / "movement.yml")
    (project / "movements" / "velo" / "assets").mkdir()
    (project / "movements" / "velo" / "assets" / "logo.png").symlink_to(elsewhere / "gone.png")
    (folder / ".#movement.yml").symlink_to("me@host.1234")  # an editor's lock: hidden, left
    assert refused(project) == [
        f"movements/soins/logo.svg:1:1: is a symbolic link to {elsewhere / 'logo.svg'}, outside "
        f"movements/: {LINK_REASON}; copy the file into movements/soins/ instead of linking to it",
        f"movements/soins/snapshots:1:1: is a symbolic link to {elsewhere / 'snapshots'}, "
        f"outside movements/: {LINK_REASON}; copy the folder into movements/soins/ instead of "
        "linking to it",
        f"movements/velo/assets/logo.png:1:1: is a symbolic link to {elsewhere / 'gone.png'}, "
        f"outside movements/: {LINK_REASON}; copy the file into movements/velo/assets/ instead "
        "of linking to it",
    ]


def test_links_inside_movements_are_followed(project: Path) -> None:
    """Another name for a movement folder, a shared logo: the same checks apply to them."""
    add(project / "movements" / "soins" / "movement.yml", MOVEMENT + "theme: {logo: logo.svg}\n")
    demo_logo = (REPO / "movements" / "demo" / "logo.svg").read_bytes()
    (project / "movements" / "shared").mkdir()
    (project / "movements" / "shared" / "logo.svg").write_bytes(demo_logo)
    (project / "movements" / "soins" / "logo.svg").symlink_to("../shared/logo.svg")
    (project / "movements" / "care").symlink_to("soins")
    (project / "movements" / "soins" / "loop").symlink_to(".")
    assert discover_movements(MOVEMENTS) == [
        MOVEMENTS / "care" / "movement.yml",
        MOVEMENTS / "soins" / "movement.yml",
    ]
    loaded = load_movement(MOVEMENTS / "soins" / "movement.yml")
    assert loaded.warnings == ()


def test_a_linked_logo_is_checked_like_any_logo(project: Path) -> None:
    add(project / "movements" / "soins" / "movement.yml", MOVEMENT + "theme: {logo: logo.png}\n")
    add(project / "movements" / "shared" / "logo.png", "not a picture\n")
    (project / "movements" / "soins" / "logo.png").symlink_to("../shared/logo.png")
    with pytest.raises(MovementError) as caught:
        load_movement(MOVEMENTS / "soins" / "movement.yml")
    assert [str(p) for p in caught.value.problems] == [
        "movements/soins/movement.yml:6:9: theme.logo: 'logo.png' holds text, not a PNG image "
        "(its content, not its name, decides); export the logo again as PNG"
    ]


def test_load_movement_refuses_a_logo_linked_from_outside(project: Path) -> None:
    """Loading one file directly (as `serve` does) checks its logo's link too."""
    outside = add(project.parent / "elsewhere" / "logo.svg", "<svg/>")
    add(project / "movements" / "soins" / "movement.yml", MOVEMENT + "theme: {logo: logo.svg}\n")
    (project / "movements" / "soins" / "logo.svg").symlink_to(outside)
    with pytest.raises(MovementError) as caught:
        load_movement(MOVEMENTS / "soins" / "movement.yml")
    assert [str(p) for p in caught.value.problems] == [
        f"movements/soins/movement.yml:6:9: theme.logo: 'logo.svg' is a symbolic link to "
        f"{outside}, outside movements{os.sep}: {LINK_REASON}; copy the file into "
        f"movements/soins{os.sep} instead of linking to it"
    ]
