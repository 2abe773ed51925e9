"""The import's report for the editor: each change with its paragraph and character, and each note."""

from __future__ import annotations

from ..i18n import _, ngettext
from .model import Note
from .normalise import Change


def shown(text: str) -> str:
    """A text as the report shows it: invisible characters named."""
    names = {" ": _("[space]"), "\u3000": _("[ideographic space]"), "\n": _("[line break]"), "\t": _("[tab]"),
             "\u00a0": _("[no-break space]")}
    return "".join(names.get(char, char) for char in text)


def change_line(source: str, change: Change) -> str:
    """One change: where, what it was, what it became, and by which rule."""
    where = _("{file}: paragraph {paragraph}, character {char}").format(
        file=source, paragraph=change.place, char=change.char)
    if change.new is None:
        return _("{where}: {note}").format(where=where, note=_(change.rule.flag))
    if not change.new:
        return _("{where}: '{old}' removed ({rule})").format(
            where=where, old=shown(change.old), rule=_(change.rule.description))
    return _("{where}: '{old}' → '{new}' ({rule})").format(
        where=where, old=shown(change.old), new=shown(change.new), rule=_(change.rule.description))


def note_line(source: str, note: Note) -> str:
    """One note: a paragraph's, or the whole file's."""
    if note.place:
        return _("{file}: paragraph {paragraph}: {note}").format(file=source, paragraph=note.place, note=note.message)
    return _("{file}: {note}").format(file=source, note=note.message)


def summary(source: str, changes: list[Change], kept: bool) -> str:
    """The closing line: how many changes were made and how many places are left to the editor."""
    made = sum(change.new is not None for change in changes)
    flagged = len(changes) - made
    line = ngettext("{file}: {count} change", "{file}: {count} changes", made).format(file=source, count=made)
    if flagged:
        line += ngettext("; {count} place to look at", "; {count} places to look at", flagged).format(count=flagged)
    if kept:
        line += _(" (--no-normalise: only indents and line breaks were touched)")
    return line


def lines(source: str, changes: list[Change], notes: list[Note], kept: bool) -> list[str]:
    """The whole report, notes first, then the changes in the order of the submission."""
    return [note_line(source, n) for n in notes] + [change_line(source, c) for c in changes] + [
        summary(source, changes, kept)]
