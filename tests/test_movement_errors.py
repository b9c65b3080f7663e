"""Malformed movement files, and the exact messages Porte-voix gives for each.

Each folder of `tests/data/malformed/` is one case:

- `movement.yml`: a small movement file, valid but for the problem under test (its first
  line says which); the folder's name is the movement's slug;
- `expected.txt`: what `load_movement` reports, one `str(Problem)` per line, in order.

The test copies `movement.yml` to `<tmp>/movements/<case>/movement.yml` and loads it from
`<tmp>` with a relative path, so every message starts `movements/<case>/movement.yml:LINE:COL:`
whatever machine runs the suite.

Cases listed in `KNOWN_BAD_MESSAGES` are bugs of the loader: their `expected.txt` holds the
message the code SHOULD give, written by hand, and the case is a strict xfail until the code
is fixed; then remove it from `KNOWN_BAD_MESSAGES`.

To regenerate the expected files after a deliberate change of messages, run

    PORTEVOIX_UPDATE_GOLDEN=1 python3 -m pytest tests/test_movement_errors.py

It rewrites `expected.txt` of every case except those of `KNOWN_BAD_MESSAGES` (hand-written).
Then read `git diff tests/data/malformed` as the person who wrote the file would: each
message must name the place (line, column, key) and say how to fix it. Do not commit a
message that fails that reading: write the one it should be and add the case to
`KNOWN_BAD_MESSAGES`.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from generator.cli import main
from generator.errors import MovementError
from generator.movement import load_movement
from generator.movement.yamlpos import Position
from generator.movement.yamlread import read_located_yaml
from tests.support import VALID_MOVEMENT as VALID

REPO = Path(__file__).resolve().parent.parent
MALFORMED = Path(__file__).resolve().parent / "data" / "malformed"
MOVEMENT_FILE = "movement.yml"
EXPECTED_FILE = "expected.txt"
UPDATE = os.environ.get("PORTEVOIX_UPDATE_GOLDEN") == "1"

# Case → why its expected.txt differs from what the code prints today.
KNOWN_BAD_MESSAGES: dict[str, str] = {}


def _case_names() -> list[str]:
    return sorted(path.name for path in MALFORMED.iterdir() if path.is_dir())


def _cases() -> list[pytest.ParameterSet]:
    params = []
    for name in _case_names():
        reason = KNOWN_BAD_MESSAGES.get(name)
        marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
        params.append(pytest.param(name, id=name, marks=marks))
    return params


def _expected_lines(case: str) -> list[str]:
    return (MALFORMED / case / EXPECTED_FILE).read_text(encoding="utf-8").splitlines()


def _add_movement(root: Path, case: str, slug: str | None = None) -> Path:
    """Copy the case's movement file into the project `root`, as movement `slug`."""
    folder = root / "movements" / (slug or case)
    folder.mkdir(parents=True)
    shutil.copyfile(MALFORMED / case / MOVEMENT_FILE, folder / MOVEMENT_FILE)
    return folder / MOVEMENT_FILE


def _problem_lines(case: str, root: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """What `load_movement` reports for the case, with paths relative to `root`."""
    _add_movement(root, case)
    monkeypatch.chdir(root)
    with pytest.raises(MovementError) as caught:
        load_movement(Path("movements", case, MOVEMENT_FILE))
    return [str(problem) for problem in caught.value.problems]


def test_corpus_is_complete() -> None:
    names = _case_names()
    assert len(names) >= 24
    for name in names:
        assert (MALFORMED / name / MOVEMENT_FILE).is_file(), name
        assert (MALFORMED / name / EXPECTED_FILE).is_file(), name
    assert set(KNOWN_BAD_MESSAGES) <= set(names)


def test_non_utf8_case_is_not_utf8() -> None:
    """An editor that re-saves the corpus as UTF-8 would silently empty this case."""
    data = (MALFORMED / "non-utf8" / MOVEMENT_FILE).read_bytes()
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")


# Case → bytes its movement file must hold: an editor re-saving the corpus would drop them.
KEPT_BYTES = {
    "file-windows-1252": b"\xe9",
    "file-mixed-encoding": b"\xc3\xb4",  # the UTF-8 'ô' before the Windows-1252 'é'
    "file-utf8-bom": b"\xef\xbb\xbf#",
    "file-utf16-le": b"\xff\xfe#\x00",
    "file-utf16-be": b"\xfe\xff\x00#",
    "file-utf16-without-mark": b"#\x00 \x00",
    "file-binary": b"\x89PNG",
    "yaml-control-characters": b"\x0b",
    "yaml-control-character-and-unknown-key": b"\x0b",
}


@pytest.mark.parametrize("case", sorted(KEPT_BYTES))
def test_encoding_cases_keep_their_bytes(case: str) -> None:
    assert KEPT_BYTES[case] in (MALFORMED / case / MOVEMENT_FILE).read_bytes()


@pytest.mark.parametrize("case", _cases())
def test_messages(case: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    actual = _problem_lines(case, tmp_path, monkeypatch)
    if UPDATE and case not in KNOWN_BAD_MESSAGES:
        text = "".join(f"{line}\n" for line in actual)
        (MALFORMED / case / EXPECTED_FILE).write_text(text, encoding="utf-8")
    assert actual == _expected_lines(case)


def _error_count_line(lines: list[str]) -> str:
    count = sum(1 for line in lines if ": warning: " not in line)
    return f"{count} {'error' if count == 1 else 'errors'}; nothing was written."


def _run_check(root: Path) -> subprocess.CompletedProcess[str]:
    """`portevoix check` in `root`, as a separate process: tracebacks would show in stderr."""
    shutil.copyfile(REPO / "mkdocs.yml", root / "mkdocs.yml")  # what makes `root` a project
    environment = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.run(
        [sys.executable, "-c", "from generator.cli import main; main()", "check"],
        cwd=root,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )


# A syntax error, an unreadable file, an empty one, several problems, an error with a warning
# (which the count leaves out), a bad folder name.
CLI_CASES = [
    "yaml-unclosed-bracket",
    "non-utf8",
    "empty-file",
    "several-problems",
    "warning-with-error",
    "Bad_Slug",
    # Each of these ended in a traceback: ReaderError, ConstructorError, ValueError,
    # RecursionError; and a file in another encoding.
    "yaml-control-characters",
    "yaml-env-tag",
    "yaml-invalid-date",
    "yaml-recursive-alias",
    "file-utf16-le",
]


@pytest.mark.parametrize("case", CLI_CASES)
def test_check_reports_and_exits_2(case: str, tmp_path: Path) -> None:
    _add_movement(tmp_path, case)
    result = _run_check(tmp_path)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr + result.stdout
    assert result.stdout == ""
    expected = _expected_lines(case)
    if case in KNOWN_BAD_MESSAGES:  # today's wording differs; test_messages pins it as an xfail
        located = f"movements/{case}/movement.yml:"
        assert sum(located in line for line in result.stderr.splitlines()) == len(expected)
    else:
        for line in expected:
            assert line in result.stderr
    assert result.stderr.rstrip("\n").endswith(_error_count_line(expected))


def test_check_reports_every_movement_together(tmp_path: Path) -> None:
    """Two broken files: all problems of both, in slug order, one count line."""
    for case in ("empty-file", "several-problems"):
        _add_movement(tmp_path, case)
    result = _run_check(tmp_path)
    expected = _expected_lines("empty-file") + _expected_lines("several-problems")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    positions = [result.stderr.index(line) for line in expected]
    assert positions == sorted(positions)
    assert result.stderr.rstrip("\n").endswith(_error_count_line(expected))


def test_check_stderr_is_only_problem_lines(tmp_path: Path) -> None:
    _add_movement(tmp_path, "several-problems")
    result = _run_check(tmp_path)
    expected = _expected_lines("several-problems")
    assert result.stderr.splitlines() == [*expected, _error_count_line(expected)]


def _snapshot(root: Path) -> dict[str, tuple[bytes | None, int, int]]:
    """Every path under `root`: its bytes (None for a folder), inode and modification time."""
    snapshot = {}
    for path in sorted(root.rglob("*")):
        status = path.lstat()
        content = path.read_bytes() if path.is_file() else None
        snapshot[str(path.relative_to(root))] = (content, status.st_ino, status.st_mtime_ns)
    return snapshot


def test_build_with_a_malformed_movement_writes_nothing(tmp_path: Path) -> None:
    project = tmp_path / "project"
    project.mkdir()
    shutil.copyfile(REPO / "mkdocs.yml", project / "mkdocs.yml")
    shutil.copytree(REPO / "docs", project / "docs")
    shutil.copytree(REPO / "overrides", project / "overrides")
    # A valid movement beside the broken one: it must not be built either.
    _add_movement(project, "Bad_Slug", slug="nursing-week")
    _add_movement(project, "several-problems")
    site = project / "site"
    (site / "old-movement").mkdir(parents=True)
    (site / "index.html").write_text("<p>previous portal</p>\n", encoding="utf-8")
    (site / "old-movement" / "index.html").write_bytes(b"<p>previous site \xc3\xa9</p>\n")
    before = _snapshot(tmp_path)

    result = CliRunner().invoke(main, ["build", "--project", str(project)])

    assert result.exit_code == 2, result.output
    assert isinstance(result.exception, SystemExit)
    for line in _expected_lines("several-problems"):
        assert line.replace("movements/", f"{project}/movements/", 1) in result.stderr
    assert "nothing was written" in result.stderr
    assert _snapshot(tmp_path) == before


VALID_LINES = VALID.count("\n")
LOCATED = re.compile(r"movements/case/movement\.yml:(\d+):(\d+): ")


def _problems_of(data: str | bytes, root: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """What `load_movement` reports for a movement file holding `data`; [] if it loads."""
    folder = root / "movements" / "case"
    folder.mkdir(parents=True)
    (folder / MOVEMENT_FILE).write_bytes(data.encode() if isinstance(data, str) else data)
    monkeypatch.chdir(root)
    try:
        load_movement(Path("movements", "case", MOVEMENT_FILE))
    except MovementError as error:
        return [str(problem) for problem in error.problems]
    return []


def test_the_valid_movement_is_valid(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert _problems_of(VALID, tmp_path, monkeypatch) == []


def test_a_utf8_byte_order_mark_moves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The mark is no character of the first line: the hint for '@' finds the '@' at 1:7."""
    problems = _problems_of(b"\xef\xbb\xbfname: @Nursing\n", tmp_path, monkeypatch)
    assert problems == [
        "movements/case/movement.yml:1:7: YAML syntax error: a value cannot start with '@' "
        "unless it is in quotes; write a username without '@'"
    ]


@pytest.mark.parametrize("key", ["yes", "no", "on", "off", "y", "n", "true", "null", "~", "1"])
def test_keys_are_reported_as_written(
    key: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """YAML reads `yes:` as the key True: the message says 'yes', as the file does."""
    problems = _problems_of(f"{VALID}{key}: 1\n", tmp_path, monkeypatch)
    assert len(problems) == 1
    located = f"movements/case/movement.yml:{VALID_LINES + 1}:1: {key}: unknown key '{key}'; "
    assert problems[0].startswith(located)


def test_aliases_are_located_where_they_stand() -> None:
    document = read_located_yaml("items:\n  - &first {tag: A}\n  - *first\n")
    assert document.data == {"items": [{"tag": "A"}, {"tag": "A"}]}
    assert document.positions[("items", 1)] == Position(3, 5)
    assert document.positions[("items", 1, "tag")] == Position(2, 13)  # where it is written


MERGES = [
    "base: &base {fr: x, en: y}\nmerged:\n  <<: *base\n  en: z\n",
    "a: &a {k: 1, l: 1}\nb: &b {k: 2, m: 2}\nmerged:\n  <<: [*a, *b]\n",
    "a: &a {k: 1}\nb: &b {<<: *a, l: 2}\nmerged: {<<: *b, k: 3}\n",
]


@pytest.mark.parametrize("text", MERGES)
def test_merge_keys_are_read_as_pyyaml_reads_them(text: str) -> None:
    """A key of the mapping's own overrides a merged one, as `<<` means: no duplicate."""
    document = read_located_yaml(text)
    assert document.data == yaml.safe_load(text)
    assert document.duplicates == []


# Ways past the syntax to an exception of PyYAML or of its constructors, beyond those of the
# corpus: each must end in located problems in the added lines, never in an exception.
ODDITIES = [
    "description: !!python/name:os.system\n",
    "description: !!python/object/new:os.system [ls]\n",
    "description: !!binary é\n",
    "description: !!float abc\n",
    "description: !!bool maybe\n",
    "description: !!omap [1]\n",
    "description: !!pairs 3\n",
    "description: !!seq x\n",
    "description: !!map [1]\n",
    "description: !!str {a: 1}\n",
    "description: {<<: [1, 2]}\n",
    "description: {<<: [*nothing]}\n",
    "? {a: 1}\n: b\n",
    "{[a]: b}: c\n",
    "&k description: x\nother: *k\n",
    "description: x\n---\n---\n",
    "description: " + "9" * 5000 + "\n",
    "description: 2024-13-45\n",
    'description: "\\uD800"\n',
    'description: "\\x00 \\e"\n',
    "description: !e!x y\n",
    "%TAG !e! tag:example.com,2000:\n",
    ":\n",
    "- x\n",
    "description: 'a\u2028b'\n",
    "description: \u0085x\n",
]


@pytest.mark.parametrize("text", ODDITIES)
def test_yaml_oddities_end_in_located_problems(
    text: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    problems = _problems_of(VALID + text, tmp_path, monkeypatch)
    assert problems
    for problem in problems:
        located = LOCATED.match(problem)
        assert located, problem
        assert int(located[1]) > VALID_LINES, problem
