"""Read a plain-text or Markdown submission into blocks."""

from __future__ import annotations

import re
from pathlib import Path

from ..i18n import _
from .model import Block, Note, Run, Submission

INDENT = re.compile(r"^[ \t\u3000\u00a0]{2,}|^\u3000")
MARKDOWN_HEADING = re.compile(r"^ {0,3}#{1,6}\s+(.*?)\s*#*\s*$")
MARKDOWN_ITEM = re.compile(r"^ {0,3}(?:[-*+]|(\d{1,3}[.)]))\s+")
MARKDOWN_BOLD = re.compile(r"\*\*(.+?)\*\*|__(.+?)__")
MARKDOWN_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
MARKDOWN_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
SENTENCE_ENDS = ("。", "！", "？", "；", "…", "）", ")")
TABLE_ROW = re.compile(r"^\s*\|.*\|\s*$")


def decode(data: bytes) -> tuple[str, str]:
    """The text of a file and the encoding it was in: UTF-8 (a BOM allowed), else GB18030 as Chinese Windows writes."""
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    return data.decode("utf-8", errors="replace"), "utf-8"


def read_lines(path: Path) -> tuple[list[str], list[Note]]:
    """The file's lines, and a note when it was not UTF-8."""
    text, encoding = decode(path.read_bytes())
    notes = [] if encoding == "utf-8-sig" else [Note(0, _("the file was read as {encoding} (it is not UTF-8)").format(
        encoding=encoding.upper()))]
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n"), notes


def paragraphs_of(lines: list[str]) -> list[list[str]]:
    """Lines grouped into paragraphs. A blank line ends one; so does a line that ends a sentence
    (。！？；…）) before a line that starts with an indent or a bracket, or any line when the text
    has no blank lines at all (one paragraph a line, as pasted text comes)."""
    has_blank = any(not line.strip() for line in lines[:-1])
    chunks, current = [], []
    for line in lines + [""]:
        if not line.strip():
            if current:
                chunks.append(current)
            current = []
        elif current and (not has_blank or starts_paragraph(current[-1], line)):
            chunks.append(current)
            current = [line]
        else:
            current.append(line)
    return chunks


def starts_paragraph(previous: str, line: str) -> bool:
    """A line that starts a new paragraph after `previous` in hard-wrapped text."""
    return bool(INDENT.match(line)) or line.lstrip().startswith(("（", "(")) \
        or previous.rstrip().endswith(SENTENCE_ENDS)


def read_text(path: Path) -> Submission:
    """A .txt file: one block per paragraph, its lines joined."""
    lines, notes = read_lines(path)
    return Submission([Block((Run("\n".join(chunk)),)) for chunk in paragraphs_of(lines)], notes)


def read_markdown(path: Path) -> Submission:
    """A .md file: headings are titles, list items and paragraphs are blocks, **…** is bold."""
    lines, notes = read_lines(path)
    blocks: list[Block] = []
    for chunk in markdown_chunks(lines):
        first = chunk[0]
        if TABLE_ROW.match(first):
            notes.append(Note(len(blocks) + 1, _("a table ({rows} rows) was not imported; set it in by hand").format(
                rows=len(chunk))))
            continue
        text = "\n".join(line.rstrip("\\").rstrip() if line.endswith(("\\", "  ")) else line for line in chunk)
        if MARKDOWN_IMAGE.search(text):
            notes.append(Note(len(blocks) + 1, _("a picture was not imported")))
            text = MARKDOWN_IMAGE.sub("", text)
        heading = MARKDOWN_HEADING.match(first)
        item = MARKDOWN_ITEM.match(first)
        number = ""
        if heading:
            text = heading.group(1) + text[len(first):]
        elif item:
            number = item.group(1) or ""
            text = text[item.end():]
        if text.strip() or number:
            level = len(first.strip()) - len(first.strip().lstrip("#")) if heading else 0
            blocks.append(Block(bold_runs(MARKDOWN_LINK.sub(r"\1", text)), number, heading=level))
    return Submission(blocks, notes)


def markdown_chunks(lines: list[str]) -> list[list[str]]:
    """Markdown's blocks: blank lines part them, and a heading, list item or table row starts one."""
    chunks, current = [], []
    for line in lines + [""]:
        starts = MARKDOWN_HEADING.match(line) or MARKDOWN_ITEM.match(line)
        in_table = current and TABLE_ROW.match(current[-1]) and TABLE_ROW.match(line)
        if not line.strip() or (starts and current) or (current and TABLE_ROW.match(line) and not in_table):
            if current:
                chunks.append(current)
            current = [line] if line.strip() else []
            if starts and MARKDOWN_HEADING.match(line):
                chunks.append(current)
                current = []
        else:
            current.append(line)
    return chunks


def bold_runs(text: str) -> tuple[Run, ...]:
    """Runs of a Markdown paragraph: **…** and __…__ bold, the rest plain."""
    runs, last = [], 0
    for match in MARKDOWN_BOLD.finditer(text):
        if match.start() > last:
            runs.append(Run(text[last:match.start()]))
        runs.append(Run(match.group(1) or match.group(2), True))
        last = match.end()
    if last < len(text):
        runs.append(Run(text[last:]))
    return tuple(runs)
