"""The command line through its real entry point: schema, new, check, build options."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml
from click.testing import CliRunner

from generator.cli import main, movement_schema_json
from tests.support import REPO, make_project, snapshot_tree


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    assert "Traceback" not in result.output + result.stderr
    return result.exit_code, result.stdout, result.stderr


def test_committed_schema_is_up_to_date() -> None:
    committed = (REPO / "movement.schema.json").read_text(encoding="utf-8")
    assert committed == movement_schema_json(), (
        "run `portevoix schema --write` and commit the result"
    )
    code, out, _ = run("schema")
    assert code == 0 and out == committed


@pytest.mark.parametrize("folder", sorted((REPO / "movements").iterdir()), ids=lambda p: p.name)
def test_example_movements_validate_against_the_json_schema(folder: Path) -> None:
    schema = json.loads(movement_schema_json())
    data = yaml.safe_load((folder / "movement.yml").read_text(encoding="utf-8"))
    jsonschema.validate(data, schema)


def test_json_schema_rejects_unknown_keys_like_the_loader() -> None:
    schema = json.loads(movement_schema_json())
    data = yaml.safe_load(
        (REPO / "movements" / "demo" / "movement.yml").read_text(encoding="utf-8")
    )
    data["hashtag"] = []
    with pytest.raises(jsonschema.ValidationError, match="hashtag"):
        jsonschema.validate(data, schema)


def test_new_writes_a_valid_commented_file(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    code, out, _ = run("new", "velo", "--project", str(project))
    assert code == 0, out
    text = (project / "movements" / "velo" / "movement.yml").read_text(encoding="utf-8")
    assert text.count("\n#") > 10  # commented for the person who edits it
    code, out, err = run("check", "--project", str(project))
    assert code == 0 and "1 movement file(s) valid." in out
    # The one thing left to say: where the site will be published, once it is known.
    assert [line.split(": warning: ")[1][:19] for line in err.splitlines()] == [
        "site_url: not set: "
    ]


def test_new_refuses_bad_or_existing_slugs(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    code, _, err = run("new", "Bad_Slug", "--project", str(project))
    assert code == 2 and "lower-case letters" in err
    code, _, err = run("new", "en", "--project", str(project))
    assert code == 2 and "not a name the site uses" in err
    assert run("new", "velo", "--project", str(project))[0] == 0
    before = (project / "movements" / "velo" / "movement.yml").read_bytes()
    code, _, err = run("new", "velo", "--project", str(project))
    assert code == 1 and "already exists" in err
    assert (project / "movements" / "velo" / "movement.yml").read_bytes() == before


def test_build_only_one_movement_keeps_the_others(tmp_path: Path) -> None:
    project = make_project(tmp_path, examples=True)
    assert run("build", "--project", str(project))[0] == 0
    site = project / "site"
    before = snapshot_tree(site / "ovpe")
    (project / "movements" / "demo" / "movement.yml").write_text(
        (project / "movements" / "demo" / "movement.yml")
        .read_text(encoding="utf-8")
        .replace("tagline:", "tagline:\n  # edited\n", 1),
        encoding="utf-8",
    )
    code, out, _ = run("build", "--project", str(project), "--movement", "demo")
    assert code == 0 and "Built 1 movement site(s)" in out
    assert snapshot_tree(site / "ovpe") == before
    assert (site / "demo" / "index.html").is_file() and (site / "index.html").is_file()


def test_build_unknown_movement_is_a_clear_error(tmp_path: Path) -> None:
    project = make_project(tmp_path, examples=True)
    code, _, err = run("build", "--project", str(project), "--movement", "nope")
    assert code == 2
    assert err == (
        "Error: no movement 'nope' in movements/ (known: demo, ovpe); a movement's name is its "
        "folder's name, movements/<name>/movement.yml (create one with `portevoix new NAME`)\n"
    )
    assert not (project / "site").exists()


STRICT_WARNING_MOVEMENT = """\
name: Test
tagline: Test
organization: {name: Org, handle: Org, url: https://example.org/}
hashtags: [{tag: infirmieresunies, primary: true}]
site_url: https://example.org/test/
"""


def test_strict_build_fails_on_warnings_and_writes_nothing(tmp_path: Path) -> None:
    project = make_project(tmp_path, {"test": STRICT_WARNING_MOVEMENT})
    code, _, err = run("build", "--project", str(project), "--strict")
    assert code == 2
    assert (
        "movement.yml:4:13: warning: hashtags[0].tag: 'infirmieresunies' is all lower case" in err
    )
    assert not (project / "site").exists()
    assert [p.name for p in project.iterdir() if p.name.startswith(".site")] == []
    code, _, err = run("build", "--project", str(project))
    assert code == 0 and "is all lower case" in err
    assert (project / "site" / "test" / "index.html").is_file()


def test_failed_build_leaves_the_previous_site_untouched(tmp_path: Path) -> None:
    project = make_project(tmp_path, examples=True)
    assert run("build", "--project", str(project))[0] == 0
    before = snapshot_tree(project / "site")
    guide = project / "docs" / "fr" / "guide" / "expert.md"
    guide.write_text(
        guide.read_text(encoding="utf-8") + "\n{{ movement.slogan }}\n", encoding="utf-8"
    )
    code, _, err = run("build", "--project", str(project))
    assert code == 2
    assert "fr/guide/expert.md:" in err and "has no attribute 'slogan'" in err
    assert snapshot_tree(project / "site") == before
    assert sorted(p.name for p in project.iterdir()) == [
        "docs",
        "mkdocs.yml",
        "movements",
        "overrides",
        "site",
    ]


def test_check_warns_about_a_primary_colour_too_pale_to_read(tmp_path: Path) -> None:
    text = (
        STRICT_WARNING_MOVEMENT.replace("infirmieresunies", "InfirmieresUnies")
        + "theme: {primary: teal}\n"
    )
    project = make_project(tmp_path, {"test": text})
    code, out, err = run("check", "--project", str(project))
    assert code == 0 and "1 movement file(s) valid." in out
    assert err.splitlines() == [
        f"{project}/movements/test/movement.yml:6:9: warning: theme.primary: 'teal' makes links, "
        "buttons and the header 3.77:1 against white, under the 4.5:1 that people with low "
        "vision need; choose one of: purple, deep purple, indigo, brown, grey, blue grey, black, white"
    ]


def test_serve_an_unknown_movement_names_the_known_ones(tmp_path: Path) -> None:
    project = make_project(tmp_path, examples=True)
    code, _, err = run("serve", "nope", "--project", str(project))
    assert code == 2
    assert err.startswith("Error: no movement 'nope' in movements/ (known: demo, ovpe);")


def test_serve_on_a_busy_port_names_the_port_and_the_option(tmp_path: Path) -> None:
    import socket

    project = make_project(tmp_path, examples=True)
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        code, _, err = run("serve", "demo", "--port", str(port), "--project", str(project))
    assert code == 2
    assert err == (
        f"Error: port {port} is already in use on 127.0.0.1 (another preview or server?); "
        f"stop it, or choose another port with --port {port + 1}\n"
    )


@pytest.mark.parametrize(
    "args",
    [["check"], ["build"], ["serve", "demo"], ["new", "velo"], ["snapshot", "--dry-run"]],
    ids=lambda a: a[0],
)
def test_commands_outside_a_project_say_where_to_run_them(tmp_path: Path, args: list[str]) -> None:
    (tmp_path / "movements").mkdir()
    code, _, err = run(*args, "--project", str(tmp_path))
    assert code == 2
    assert err == (
        f"Error: no Porte-voix project in {tmp_path.resolve()} (no mkdocs.yml); run this in the "
        "folder that holds mkdocs.yml, docs/ and movements/, or pass --project DIR\n"
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["movements"]  # nothing written
    assert list((tmp_path / "movements").iterdir()) == []


def test_check_strict_fails_on_a_warning_whatever_the_output(tmp_path: Path) -> None:
    project = make_project(tmp_path, {"test": STRICT_WARNING_MOVEMENT})
    assert run("check", "--project", str(project))[0] == 0
    code, _, err = run("check", "--project", str(project), "--strict")
    assert code == 2 and "is all lower case" in err
    assert run("build", "--project", str(project))[0] == 0  # builds, with the warning
    code, _, err = run("build", "--project", str(project), "--strict")  # nothing to rebuild…
    assert code == 2 and "is all lower case" in err  # …and still fails


def test_every_warning_is_printed_once(tmp_path: Path) -> None:
    project = make_project(tmp_path, {"test": STRICT_WARNING_MOVEMENT})
    code, _, err = run("build", "--project", str(project))
    assert code == 0
    warnings = [line for line in err.splitlines() if "warning" in line]
    assert warnings == [
        f"{project}/movements/test/movement.yml:4:13: warning: hashtags[0].tag: "
        "'infirmieresunies' is all lower case; if it joins several words, capitalize the first "
        "letter of each (like NursingWeek) so screen readers read it word by word"
    ]
