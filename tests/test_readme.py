"""What the README shows works as it says."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from click.testing import CliRunner
from PIL import Image

from generator.cli import main
from tests.support import REPO, make_project


def readme_movement() -> str:
    """The example movement file of the README's "The movement file" section."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("## The movement file", 1)[1]
    match = re.search(r"```yaml\n(.*?)```", section, re.DOTALL)
    assert match, "no ```yaml block in the README's movement file section"
    return match[1]


def test_the_readme_example_movement_passes_check_strict(tmp_path: Path) -> None:
    project = make_project(tmp_path, {"example": readme_movement()})
    shutil.copy(REPO / "movements" / "demo" / "logo.svg", project / "movements" / "example")
    (project / "movements" / "example" / "photos").mkdir()
    photo = project / "movements" / "example" / "photos" / "rue.jpg"
    Image.new("RGB", (640, 360), (40, 120, 80)).save(photo, format="JPEG")
    result = CliRunner().invoke(main, ["check", "--strict", "--project", str(project)])
    assert (result.exit_code, result.stderr) == (0, "")
    # No snapshot yet: a note, not a warning, which --strict lets pass.
    assert result.stdout == (
        f"{project}/movements/example/movement.yml: note: no activity snapshot yet; the "
        "Activity page is "
        "left out until portevoix snapshot has run (README: Activity snapshots)\n"
        "1 movement file(s) valid.\n"
    )
