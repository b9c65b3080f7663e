"""A movement file's bytes, read within `limits` and decoded as UTF-8, or why they cannot be.

A file saved in another encoding, or with text pasted from one, is told apart from binary
data, and each gets the way to re-save it.
"""

from __future__ import annotations

from pathlib import Path

from generator.errors import MovementError, Problem
from generator.movement.limits import MAX_FILE_BYTES, MAX_LISTED_CHARACTERS


def _byte_position(data: bytes, offset: int) -> tuple[int, int]:
    """1-based line and column (in characters) of byte `offset` of a file."""
    before = data[:offset]
    line_start = before.rfind(b"\n") + 1
    column = len(before[line_start:].decode("utf-8", errors="replace")) + 1
    return before.count(b"\n") + 1, column


def read_text(name: str, source: Path) -> str:
    """The text of a movement file, or a `MovementError` saying why it has none."""
    try:
        with source.open("rb") as file:
            data = file.read(MAX_FILE_BYTES + 1)  # never more: the file may be huge
    except OSError as error:
        raise MovementError(
            [Problem(name, 1, 1, "", f"cannot be read: {error.strerror}")]
        ) from None
    if len(data) > MAX_FILE_BYTES:
        line, column = _byte_position(data, MAX_FILE_BYTES)
        limit = f"{MAX_FILE_BYTES / 1024 / 1024:g} MiB"
        message = (
            f"the file grows past {limit} here, the most a movement file can be (real ones "
            "are under 100 kB); check that this is the movement file, and take out what "
            "does not belong in it"
        )
        raise MovementError([Problem(name, line, column, "", message)])
    if data.startswith(_UTF8_BOM):  # some Windows editors start UTF-8 files with it
        data = data[len(_UTF8_BOM) :]
    return _decode(name, data)


_UTF8_BOM = b"\xef\xbb\xbf"
_RESAVE = (
    "re-save it as UTF-8 (in Notepad: Save as → Encoding: UTF-8; in VS Code: the encoding "
    "in the status bar → Save with encoding → UTF-8)"
)


def _decode(name: str, data: bytes) -> str:
    wide = _wide_encoding(data)
    if wide is not None:
        raise MovementError([Problem(name, 1, 1, "", f"{_WIDE_ENCODINGS[wide]}; {_RESAVE}")])
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise MovementError(_not_utf8_problems(name, data, error)) from None


_WIDE_ENCODINGS = {
    "UTF-16 LE": "this file is saved as UTF-16 (Notepad calls it 'Unicode' or 'UTF-16 LE'), "
    "an encoding that stores each letter in two bytes, and Porte-voix reads UTF-8 only",
    "UTF-16 BE": "this file is saved as UTF-16 (Notepad calls it 'Unicode big endian' or "
    "'UTF-16 BE'), an encoding that stores each letter in two bytes, and Porte-voix reads "
    "UTF-8 only",
    "UTF-32": "this file is saved as UTF-32, an encoding that stores each letter in four "
    "bytes, and Porte-voix reads UTF-8 only",
}


def _wide_encoding(data: bytes) -> str | None:
    """The name of a UTF-16 or UTF-32 encoding, told by its byte-order mark or its zeros."""
    if data.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        return "UTF-32"
    if data.startswith(b"\xff\xfe"):
        return "UTF-16 LE"
    if data.startswith(b"\xfe\xff"):
        return "UTF-16 BE"
    # Without a mark: each Latin letter in UTF-16 is a byte and a zero.
    head = data[:400]
    if len(head) < 4:
        return None
    if head[1::2].count(0) >= len(head) * 0.4:
        return "UTF-16 LE"
    return "UTF-16 BE" if head[0::2].count(0) >= len(head) * 0.4 else None


def _not_utf8_problems(name: str, data: bytes, error: UnicodeDecodeError) -> list[Problem]:
    """One problem for a file saved in another encoding, or one per character pasted into
    an otherwise UTF-8 file."""
    if b"\x00" in data:
        line, column = _byte_position(data, error.start)
        message = (
            "this file is not text: it holds binary data, as an image or a word-processor "
            "document does; a movement file is plain text saved as UTF-8: start from "
            "`portevoix new SLUG`"
        )
        return [Problem(name, line, column, "", message)]
    if any(byte >= 0x80 for byte in data[: error.start]):  # UTF-8 letters before: mixed file
        return _pasted_bytes_problems(name, data, error.start)
    line, column = _byte_position(data, error.start)
    seen = _as_windows_1252(data[error.start])
    looks = f" (it looks like Windows-1252/Latin-1: byte {seen})" if seen else ""
    message = f"this file is not saved as UTF-8{looks}; {_RESAVE}"
    return [Problem(name, line, column, "", message)]


def _as_windows_1252(byte: int) -> str:
    """The text "0xE9 is 'é' there", or '' for a byte that is no letter in Windows-1252."""
    try:
        char = bytes([byte]).decode("cp1252")
    except UnicodeDecodeError:
        return ""
    return f"0x{byte:02X} is '{char}' there" if char.isprintable() else ""


def _pasted_bytes_problems(name: str, data: bytes, start: int) -> list[Problem]:
    problems: list[Problem] = []
    while start >= 0 and len(problems) < MAX_LISTED_CHARACTERS:
        line, column = _byte_position(data, start)
        seen = _as_windows_1252(data[start])
        looks = f" (in Windows-1252/Latin-1, byte {seen})" if seen else ""
        message = (
            f"this character is not UTF-8 like the rest of the file{looks}, pasted from "
            "another program perhaps; retype it"
        )
        problems.append(Problem(name, line, column, "", message))
        start = _next_bad_byte(data, start + 1)
    return problems


def _next_bad_byte(data: bytes, start: int) -> int:
    try:
        data[start:].decode("utf-8")
    except UnicodeDecodeError as error:
        return start + error.start
    return -1
