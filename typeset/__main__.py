"""`python -m typeset`."""

from .cli import run

run()
