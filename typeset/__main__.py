"""`python -m typeset`."""

from .cli import main

main()
