"""typeset: print-production of Chinese government bulletins."""

__version__ = "0.1.0"
