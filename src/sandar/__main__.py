"""`python -m sandar` runs the command line."""

from sandar.cli import main

main()
