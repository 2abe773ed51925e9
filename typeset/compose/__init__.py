"""Chinese line composition: the rules as data (`rules`) and the composer (`lines`)."""

from .lines import Line, Piece, break_balanced, compose

__all__ = ["Line", "Piece", "break_balanced", "compose"]
