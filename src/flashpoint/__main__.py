"""`python -m flashpoint` runs the command line."""

from flashpoint.cli import main

main()
