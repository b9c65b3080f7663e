"""Files a movement points at: where its logo path leads, and whether that file can be read.

The checks here take paths and return what is wrong, in words for the person who made the
file; the loader places each finding at the key of the movement file that named the file.
What the file holds is for `logo` (and `svg`) to say. Later stages (the site engine, the
social card) trust what passed here.
"""

from __future__ import annotations

import os
from pathlib import Path

from generator.movement.discover import LINK_REASON, link_fix
from generator.movement.logo import (
    KINDS_TEXT,
    LOGO_SUFFIXES,
    MAX_RASTER_BYTES,
    WITH_ARTICLE,
    logo_data_problems,
)
from generator.movement.svg import MAX_SVG_BYTES


def logo_problems(folder: Path, logo: str, key: str = "logo") -> list[str]:
    """What is wrong with `logo`, a path relative to the movement folder `folder`, given at
    the movement file's `key` (`logo`, or a post's `image`, which Pillow draws: no SVG).

    `folder` is `movements/<slug>`: a symbolic link may lead anywhere under its parent
    (another movement's folder), never out of it.
    """
    written = Path(os.path.normpath(folder / logo))
    if not written.is_relative_to(Path(os.path.normpath(folder))):
        return [f"'{logo}' is outside the movement folder; put the image in it"]
    if written.suffix.lower() not in LOGO_SUFFIXES:
        return [f"'{logo}' is not {KINDS_TEXT}; export the {key} in one of these formats"]
    if key != "logo" and LOGO_SUFFIXES[written.suffix.lower()] == "SVG":
        return [
            f"'{logo}' is an SVG picture: post images are drawn at build time by Pillow, which "
            "draws no SVG; export it as PNG, JPEG or WebP"
        ]
    movements = folder.parent
    target = (folder / logo).resolve()
    if not target.is_relative_to(movements.resolve()):
        return [
            f"'{logo}' is a symbolic link to {target}, outside {movements}{os.sep}: "
            f"{LINK_REASON}; {link_fix('file', folder)}"
        ]
    if not target.is_file():
        return [f"'{logo}' does not exist in {folder}"]
    return logo_file_problems(target, logo, key)


def logo_file_problems(path: Path, name: str, key: str = "logo") -> list[str]:
    """What is wrong with the logo file at `path`, called `name` in the movement file."""
    kind = LOGO_SUFFIXES[path.suffix.lower()]
    limit = MAX_SVG_BYTES if kind == "SVG" else MAX_RASTER_BYTES
    try:
        size = path.stat().st_size
        if size > limit:
            return [
                f"'{name}' weighs {size:,} bytes, over the {limit // 2**20} MiB ({limit:,} "
                f"bytes) {WITH_ARTICLE[key]} may weigh; export it smaller ({_SHOWN[key]})"
            ]
        data = path.read_bytes()
    except OSError as error:
        return [f"'{name}' cannot be read: {error.strerror}"]
    return logo_data_problems(name, data, key)


_SHOWN = {
    "logo": "it is shown at most 320 pixels wide",
    "image": "it is drawn at most 1080 pixels wide",
}
