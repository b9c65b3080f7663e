"""Stage 2 of a build: a validated movement becomes Markdown pages, one set per language."""
