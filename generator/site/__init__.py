"""Stage 3 of a build: rendered pages become HTML sites, composed into one output folder."""
