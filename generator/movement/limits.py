"""What reading a movement file may cost: past these bounds it is refused, with a message.

The size is checked on the bytes (`decode`), the rest on each event of the YAML parser
(`yamlcompose`), before anything grows.
"""

from __future__ import annotations

MAX_FILE_BYTES = 2 * 1024 * 1024
"""A movement file is refused above this size: real ones are 10 to 100 kB."""
MAX_DEPTH = 32
"""Levels of lists and mappings, aliases expanded: a movement file uses 5."""
MAX_VALUES = 100_000
"""Keys, texts, lists and mappings written in one file: a 1 MB movement file holds 24,000.
Each costs a few hundred bytes once read, so this, not the size, bounds memory."""
MAX_ALIAS_VALUES = 10_000
"""Values that `*name` aliases may repeat in one file, counting every value inside them."""
MAX_LISTED_CHARACTERS = 10
"""Invisible characters reported one by one; the rest are counted in one more problem."""

TOO_DEEP = (
    f"the lists and mappings here are nested more than {MAX_DEPTH} levels deep, and a "
    "movement file needs 5; check the indentation, and that each '[' and '{' is closed"
)
"""Said past `MAX_DEPTH`, whether the composer or libyaml's own limit meets it first."""
