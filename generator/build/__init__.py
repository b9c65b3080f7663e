"""Stage 4 of Porte-voix: `portevoix build` turns validated movements into one output folder.

The stages, in the order `run.build` calls them: `inputs` (read and select the movements),
`rebuild` (what changed since the last build), `sites` (what each site is made of), `jobs`
(the engine builds them, in parallel processes), then the output is published whole through
`generator.site.output`.
"""

from __future__ import annotations

from generator.build.inputs import load_inputs, select_movements, shard_of
from generator.build.options import BuildOptions, BuildReport, Progress
from generator.build.rebuild import build_time
from generator.build.run import assemble_parts, build
from generator.layout import PORTAL_LANGUAGES
from generator.project import Project

__all__ = [
    "PORTAL_LANGUAGES",
    "BuildOptions",
    "BuildReport",
    "Progress",
    "Project",
    "assemble_parts",
    "build",
    "build_time",
    "load_inputs",
    "select_movements",
    "shard_of",
]
