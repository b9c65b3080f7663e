"""`python -m generator` runs the `portevoix` command line."""

from generator.cli import main

main()
