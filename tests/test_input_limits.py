"""Movement files that would cost a reader unbounded time or memory are refused, quickly.

The limits are module constants of `generator.movement.limits`. A file that breaks one gets
a located message naming the limit. Each bomb is loaded in a child process with its address
space capped and a timeout, so that a regression fails the test instead of taking the machine
down; the child times `load_movement` itself, without the cost of starting Python.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from generator.errors import MovementError
from generator.movement import load_movement
from generator.movement.limits import (
    MAX_ALIAS_VALUES,
    MAX_DEPTH,
    MAX_FILE_BYTES,
    MAX_VALUES,
)
from tests.support import VALID_MOVEMENT as VALID

REPO = Path(__file__).resolve().parent.parent
DEMO = REPO / "movements" / "demo"
MEMORY_LIMIT = 1024 * 1024 * 1024
"""Address space of the child: a bomb dies with MemoryError there, not in the machine."""
CHILD_TIMEOUT = 60
TIME_LIMIT = 2.0

VALID_LINES = VALID.count("\n")

_CHILD = """
import json, resource, sys, time
from pathlib import Path

limit = int(sys.argv[2])
resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
from generator.errors import MovementError
from generator.movement import load_movement

start = time.perf_counter()
try:
    load_movement(Path(sys.argv[1]))
    problems = []
except MovementError as error:
    problems = [str(problem) for problem in error.problems]
print(json.dumps({"seconds": time.perf_counter() - start, "problems": problems}))
"""


def _write(root: Path, text: str, slug: str = "bomb") -> Path:
    folder = root / "movements" / slug
    folder.mkdir(parents=True)
    (folder / "movement.yml").write_text(text, encoding="utf-8")
    return Path("movements", slug, "movement.yml")


def _load_in_child(root: Path, relative: Path) -> dict[str, Any]:
    """What `load_movement` reports for the file, in a child with capped memory and time."""
    try:
        result = subprocess.run(
            [sys.executable, "-c", _CHILD, str(relative), str(MEMORY_LIMIT)],
            cwd=root,
            env={**os.environ, "PYTHONPATH": str(REPO)},
            capture_output=True,
            text=True,
            timeout=CHILD_TIMEOUT,
            check=False,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"loading took more than {CHILD_TIMEOUT} s")
    assert result.returncode == 0, result.stderr[-3000:]
    assert "Traceback" not in result.stderr
    report: dict[str, Any] = json.loads(result.stdout)
    return report


def _assert_refused(report: dict[str, Any], expected: str) -> None:
    assert report["problems"] == [expected]
    assert report["seconds"] < TIME_LIMIT


def _billion_laughs(levels: int = 9) -> str:
    """Each post repeats the one before ten times: 10**levels values once expanded."""
    lines = ["description: &lol0 {fr: lol, en: lol}", "posts:"]
    for level in range(1, levels + 1):
        aliases = ", ".join([f"*lol{level - 1}"] * 10)
        lines.append(f"  - &lol{level} [{aliases}]")
    return VALID + "\n".join(lines) + "\n"


def test_alias_bomb_is_refused_where_it_goes_past_the_limit(tmp_path: Path) -> None:
    relative = _write(tmp_path, _billion_laughs())
    # Values repeated: 50 by posts[0], 510 by posts[1], 5,110 by posts[2]; the first *lol3
    # of posts[3] brings 5,111 more, past 10,000.
    line = VALID_LINES + 6
    assert MAX_ALIAS_VALUES == 10_000
    _assert_refused(
        _load_in_child(tmp_path, relative),
        f"{relative}:{line}:12: posts[3][0]: YAML aliases here would expand to more than "
        "10,000 values; write the values out instead of repeating '*lol3'",
    )


def test_aliases_below_the_limit_are_read(tmp_path: Path) -> None:
    """Three levels repeat 5,670 values: allowed; the posts are then wrong for other reasons."""
    relative = _write(tmp_path, _billion_laughs(levels=3))
    report = _load_in_child(tmp_path, relative)
    assert report["problems"]
    assert not any("YAML aliases" in problem for problem in report["problems"])


def _nested_keys(levels: int) -> str:
    lines = ["description:"] + [f"{'  ' * level}a:" for level in range(1, levels + 1)]
    return VALID + "\n".join(lines) + " end\n"


def test_deeply_nested_keys_are_refused(tmp_path: Path) -> None:
    """500 levels of keys: a RecursionError, once; now refused at level 33."""
    relative = _write(tmp_path, _nested_keys(500))
    # The root mapping is level 1, the value of `description` level 2: level 33 is the value
    # of the 31st `a`, and starts with the 32nd, on line 33 after VALID.
    assert MAX_DEPTH == 32
    line, column = VALID_LINES + 33, 2 * 32 + 1
    path = "description" + ".a" * 31
    _assert_refused(
        _load_in_child(tmp_path, relative),
        f"{relative}:{line}:{column}: {path}: the lists and mappings here are nested more "
        "than 32 levels deep, and a movement file needs 5; check the indentation, and that "
        "each '[' and '{' is closed",
    )


def test_deeply_nested_brackets_are_refused(tmp_path: Path) -> None:
    relative = _write(tmp_path, VALID + "description: " + "[" * 40 + "]" * 40 + "\n")
    column = len("description: ") + MAX_DEPTH  # the 32nd '[' is level 33
    _assert_refused(
        _load_in_child(tmp_path, relative),
        f"{relative}:{VALID_LINES + 1}:{column}: description{'[0]' * 31}: the lists and "
        "mappings here are nested more than 32 levels deep, and a movement file needs 5; "
        "check the indentation, and that each '[' and '{' is closed",
    )


def test_brackets_past_the_parsers_own_limit_are_refused(tmp_path: Path) -> None:
    """100,000 '[': libyaml stops at its own limit of 1,000 levels, scanning ahead of us."""
    relative = _write(tmp_path, VALID + "description: " + "[" * 100_000 + "]" * 100_000 + "\n")
    report = _load_in_child(tmp_path, relative)
    assert len(report["problems"]) == 1
    assert re.fullmatch(
        rf"{relative}:{VALID_LINES + 1}:\d+: YAML syntax error: the lists and mappings here "
        r"are nested more than 32 levels deep, and a movement file needs 5; check the "
        r"indentation, and that each '\[' and '\{' is closed",
        report["problems"][0],
    )
    assert report["seconds"] < TIME_LIMIT


def test_nesting_through_aliases_is_refused(tmp_path: Path) -> None:
    """Each alias nests 16 levels inside 16 levels: shallow as written, too deep expanded."""
    deep = "[" * 16 + "x" + "]" * 16
    around = "[" * 16 + "*deep" + "]" * 16
    relative = _write(tmp_path, VALID + f"description: &deep {deep}\nposts: {around}\n")
    column = len("posts: ") + 16 + 1
    _assert_refused(
        _load_in_child(tmp_path, relative),
        f"{relative}:{VALID_LINES + 2}:{column}: posts{'[0]' * 16}: '*deep' here would nest "
        "lists and mappings more than 32 levels deep; write the values out instead of "
        "repeating '*deep'",
    )


def test_too_many_values_are_refused(tmp_path: Path) -> None:
    """100,000 one-letter values fit in 300 kB, and took 450 MB of memory to read."""
    values = ", ".join(["a"] * (MAX_VALUES + 10))
    relative = _write(tmp_path, VALID + f"questions: [{values}]\n")
    # VALID writes 38 values, then come `questions` and the list: this item is value 100,001.
    index = MAX_VALUES - 40
    column = len("questions: [") + 3 * index + 1
    _assert_refused(
        _load_in_child(tmp_path, relative),
        f"{relative}:{VALID_LINES + 1}:{column}: questions[{index}]: the file holds more "
        "than 100,000 values (keys, texts, lists) by here, and a movement file needs a few "
        "thousand; check that this is the movement file, and take out what does not belong "
        "in it",
    )


def _sized(size: int) -> str:
    """A valid movement with a long description, exactly `size` bytes of UTF-8."""
    start = VALID + "description: >-\n"
    line = "  " + "x" * 97 + "\n"
    lines = (size - len(start.encode()) - 3) // len(line)
    rest = size - len(start.encode()) - lines * len(line)  # 3 or more: "  x…\n"
    return start + line * lines + "  " + "x" * (rest - 3) + "\n"


def test_a_file_over_the_size_limit_is_refused_where_it_goes_past(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert MAX_FILE_BYTES == 2 * 1024 * 1024
    text = _sized(MAX_FILE_BYTES + 1)
    relative = _write(tmp_path, text)
    monkeypatch.chdir(tmp_path)
    with pytest.raises(MovementError) as caught:
        load_movement(relative)
    data = text.encode()
    line = data[:MAX_FILE_BYTES].count(b"\n") + 1
    column = MAX_FILE_BYTES - data.rfind(b"\n", 0, MAX_FILE_BYTES)  # ASCII there
    assert [str(p) for p in caught.value.problems] == [
        f"{relative}:{line}:{column}: the file grows past 2 MiB here, the most a movement "
        "file can be (real ones are under 100 kB); check that this is the movement file, and "
        "take out what does not belong in it"
    ]


def test_a_file_at_the_size_limit_is_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    relative = _write(tmp_path, _sized(MAX_FILE_BYTES))
    assert (tmp_path / relative).stat().st_size == MAX_FILE_BYTES
    monkeypatch.chdir(tmp_path)
    loaded = load_movement(relative)
    assert loaded.spec.description is not None


def _demo_of_size(size: int) -> str:
    """The demo movement with its posts repeated, ids made unique, up to `size` bytes."""
    demo = (DEMO / "movement.yml").read_text(encoding="utf-8")
    head, rest = demo.split("\nposts:\n", 1)
    posts, tail = rest.split("\nquestions:\n", 1)
    blocks = [block for block in re.split(r"(?m)^(?=  - id: )", posts) if block.strip()]
    parts = [head, "\nposts:\n"]
    length = len(f"{head}\nposts:\n\nquestions:\n{tail}".encode())
    count = 0
    while length < size:
        block = re.sub(r"- id: (\S+)", rf"- id: \1-{count}", blocks[count % len(blocks)], count=1)
        if count >= len(blocks):  # the one-pager prints three posts at most
            block = block.replace("    print: true\n", "")
        parts.append(block)
        length += len(block.encode())
        count += 1
    return "".join([*parts, "\nquestions:\n", tail])


@pytest.fixture(scope="module")
def megabyte_movement(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("large") / "movements" / "large"
    folder.mkdir(parents=True)
    (folder / "movement.yml").write_text(_demo_of_size(1_000_000), encoding="utf-8")
    shutil.copyfile(DEMO / "logo.svg", folder / "logo.svg")
    shutil.copytree(DEMO / "photos", folder / "photos")
    return folder / "movement.yml"


def _seconds_to_load(source: Path) -> float:
    start = time.perf_counter()
    loaded = load_movement(source)
    seconds = time.perf_counter() - start
    assert len(loaded.spec.posts) > 1000
    return seconds


def test_a_1mb_movement_file_loads_in_under_2_seconds(megabyte_movement: Path) -> None:
    assert _seconds_to_load(megabyte_movement) < TIME_LIMIT
