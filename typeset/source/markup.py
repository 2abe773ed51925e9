"""The text rules: paragraphs at blank lines, **…** emphasis, explicit breaks, titles and run-in leads."""

from __future__ import annotations

from ..diagnostics import Report
from ..i18n import _
from .lint import is_han
from .model import Break, Inline, Lead, Located, Marks, Paragraph, Strong, Text

BREAK = "\\"  # at the end of a source line: the printed line breaks here
EMPHASIS = "**"


def paragraphs(text: Located, report: Report) -> list[Paragraph]:
    """A text's paragraphs as inlines."""
    return [inlines(part, report) for part in split_paragraphs(text)]


def split_paragraphs(text: Located) -> list[Located]:
    """Paragraphs split at blank lines; single line breaks are joined without a space.

    A line ending in a backslash, with more of its paragraph after it, ends in an explicit
    break instead: the backslash becomes "\n".
    """
    found: list[list[Located]] = [[]]
    for line in _lines(text):
        body = line.slice(0, len(line.value.rstrip()))
        if not body.value:
            found.append([])
        elif found[-1] and found[-1][-1].value.endswith(BREAK):
            last = found[-1][-1]
            found[-1][-1] = last.slice(0, -1) + Located("\n", last.file, last.marks[-1:])
            found[-1].append(body)
        else:
            found[-1].append(body)
    return [_joined(lines, text.file) for lines in found if lines]


def _joined(lines: list[Located], file: str) -> Located:
    """Lines joined into one text."""
    return Located("".join(line.value for line in lines), file or next((line.file for line in lines if line.file), ""),
                   Marks.joined(line.marks for line in lines))


def inlines(text: Located, report: Report) -> Paragraph:
    """A paragraph's text as inlines: **…** markers stripped around Strong runs, "\n" an explicit Break."""
    found: list[Inline] = []
    start = 0  # where the current run of characters began
    strong, opened_at, index, value = False, 0, 0, text.value

    def flush() -> None:
        if index > start:
            chars = text.slice(start, index)
            found.append(Strong(chars) if strong else Text(chars))

    while index < len(value):
        if value.startswith(EMPHASIS, index):
            flush()
            strong, opened_at = not strong, index
            index += len(EMPHASIS)
            start = index
            continue
        if value[index] == "\n":
            flush()
            found.append(Break(text.slice(index, index + 1)))
            start = index + 1
        index += 1
    flush()
    if strong:
        report.error(text.position(opened_at), _("emphasis '**' is opened but never closed"),
                     _("add the closing '**' or remove this one"), "emphasis")
    return Paragraph(tuple(found))


def written(paragraph: Paragraph) -> str:
    """A paragraph as an editor writes it in a body: **…** around emphasis, a backslash and a new line
    at an explicit break; a lead as plain text (it belongs in the brief's `lead:` key)."""
    parts = []
    for inline in paragraph.inlines:
        if isinstance(inline, Break):
            parts.append(BREAK + "\n")
        elif isinstance(inline, Strong):
            parts.append(EMPHASIS + inline.value + EMPHASIS)
        else:
            parts.append(inline.value)
    return "".join(parts)


def run_in(lead: Located, paragraph: Paragraph) -> Paragraph:
    """The paragraph run in with `lead`: its own opening if that is the lead, else the lead prepended."""
    size = len(lead.value)
    if not paragraph.text.startswith(lead.value):
        return Paragraph((Lead(lead),) + paragraph.inlines)
    return Paragraph((Lead(paragraph.source.slice(0, size)),) + drop(paragraph.inlines, size))


def drop(inlines: tuple[Inline, ...], count: int) -> tuple[Inline, ...]:
    """The inlines without their first `count` characters."""
    kept: list[Inline] = []
    for inline in inlines:
        length = len(inline.value)
        if count >= length:
            count -= length
            continue
        kept.append(type(inline)(inline.text.slice(count)) if count else inline)
        count = 0
    return tuple(kept)


def title_lines(text: Located) -> Located:
    """A title's lines, each stripped, empty ones dropped, joined again by "\n"."""
    chars: list[str] = []
    marks: list[tuple[int, int]] = []
    for line in _lines(text):
        body = line.value.strip()
        if not body:
            continue
        start = len(line.value) - len(line.value.lstrip())
        if chars:
            chars.append("\n")
            marks.append(line.marks[start] if line.marks else (1, 1))
        chars.append(body)
        marks.extend(line.marks[start:start + len(body)])
    return Located("".join(chars), text.file, tuple(marks))


def one_line(text: str) -> str:
    """Lines joined as folding joins them: no space beside Chinese, one between Latin words."""
    parts = text.split("\n")
    joined = parts[0]
    for part in parts[1:]:
        joined += ("" if is_han(joined[-1:]) or is_han(part[:1]) else " ") + part
    return joined


def _lines(text: Located) -> list[Located]:
    """The value's lines, each with its marks."""
    lines, start = [], 0
    for index, char in enumerate(text.value + "\n"):
        if char == "\n":
            lines.append(text.slice(start, index))
            start = index + 1
    return lines
