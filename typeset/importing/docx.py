"""Read a .docx submission into blocks: runs with their weight, automatic numbers, alignment, size, styles.

python-docx reads the paragraphs, runs and styles; the text of automatic numbers it does not give
(its issue #471), so `numbering.py` works it out from numbering.xml.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from ..i18n import _
from .model import Block, Note, Picture, Run, Submission
from .numbering import W, Numbering

MARKUP = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
RELATION = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
BLIP = "{http://schemas.openxmlformats.org/drawingml/2006/main}blip"
VML_IMAGE = "{urn:schemas-microsoft-com:vml}imagedata"
LEFT_OUT = {W + "del", W + "moveFrom", W + "txbxContent", MARKUP + "Fallback"}  # runs under these are not text
TITLE_STYLES = ("title", "标题")  # Word's Title style; "标题 1" … are headings, below
HEADING_LEVEL = re.compile(r"^(?:heading|标题)\s*(\d)$")


def read_docx(path: Path) -> Submission:
    """The blocks of a Word document, in order, and notes on what was left out."""
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    document = docx.Document(str(path))
    numbering = Numbering.read(numbering_root(document))
    blocks, notes = [], []
    for child in document.element.body.iterchildren():
        if child.tag == W + "tbl":
            rows = len(Table(child, document).rows)
            notes.append(Note(len(blocks) + 1, _("a table ({rows} rows) was not imported; set it in by hand").format(
                rows=rows)))
        elif child.tag == W + "p":
            paragraph = Paragraph(child, document)
            if any(True for _box in child.iter(W + "txbxContent")):
                notes.append(Note(len(blocks) + 1, _("a text box was not imported; set its text in by hand")))
            blocks.append(replace(block_of(paragraph, numbering), pictures=pictures_of(child, document.part)))
    for name in sorted(numbering.unknown):
        notes.append(Note(0, _("list numbers in Word's format '{name}' were written as 1, 2, 3").format(name=name)))
    return Submission(blocks, notes)


def numbering_root(document):
    """The numbering.xml root element, or None when the document has no lists."""
    try:
        return document.part.numbering_part.element
    except (KeyError, NotImplementedError):
        return None


def pictures_of(element, part) -> tuple[Picture, ...]:
    """The images a paragraph shows (drawings and old-style pictures), by the parts they name."""
    found = []
    for node in element.iter(BLIP, VML_IMAGE):
        if any(ancestor.tag in LEFT_OUT for ancestor in node.iterancestors()):
            continue
        target = part.related_parts.get(node.get(RELATION + "embed") or node.get(RELATION + "id"))
        if target is not None:
            kind = target.content_type.split("/")[-1].lower().replace("jpg", "jpeg")
            found.append(Picture(target.blob, kind))
    return tuple(found)


def block_of(paragraph, numbering: Numbering) -> Block:
    """One paragraph as a block."""
    style = paragraph.style
    runs = tuple(Run(run.text.replace("\t", " "), effective_bold(run, style)) for run in inner_runs(paragraph))
    sizes = [size for size in (effective_size(run, style) for run in inner_runs(paragraph)) if size]
    return Block(runs, number_text(paragraph, style, numbering), alignment(paragraph, style),
                 max(sizes) if sizes else None, heading_level(style))


def inner_runs(paragraph):
    """The paragraph's runs as it reads with its tracked changes accepted: inserted text in, deleted text
    out, hyperlinks' runs in; text boxes (and the copies Word keeps for old readers) out."""
    from docx.text.run import Run as DocxRun

    for element in paragraph._p.iter(W + "r"):
        if not any(ancestor.tag in LEFT_OUT for ancestor in element.iterancestors()):
            yield DocxRun(element, paragraph)


def styles_up(style):
    """A style and the styles it is based on, nearest first."""
    while style is not None:
        yield style
        style = style.base_style


def effective_bold(run, paragraph_style) -> bool:
    """Whether a run prints bold: its own setting, else its character style's, else the paragraph style's."""
    if run.bold is not None:
        return bool(run.bold)
    for style in (*styles_up(run.style), *styles_up(paragraph_style)):
        if style.font.bold is not None:
            return bool(style.font.bold)
    return False


def effective_size(run, paragraph_style) -> float | None:
    """A run's size in points, from the run or its styles."""
    if run.font.size is not None:
        return run.font.size.pt
    for style in (*styles_up(run.style), *styles_up(paragraph_style)):
        if style.font.size is not None:
            return style.font.size.pt
    return None


def alignment(paragraph, style) -> str:
    """'center', 'right' or '', read from w:jc itself: LibreOffice writes start and end, which python-docx
    does not know."""
    for element in (paragraph._p, *(base.element for base in styles_up(style))):
        properties = element.find(W + "pPr")
        justified = properties.find(W + "jc") if properties is not None else None
        if justified is not None:
            value = justified.get(W + "val", "")
            return "center" if value == "center" else ("right" if value in ("right", "end") else "")
    return ""


def heading_level(style) -> int:
    """1 for a paragraph styled Title, N + 1 for Heading N (or their Chinese names), 0 for any other."""
    for base in styles_up(style):
        for name in (base.name or "", base.style_id or ""):
            name = name.strip().lower()
            level = HEADING_LEVEL.match(name.replace("heading", "heading ").replace("  ", " "))
            if level:
                return int(level.group(1)) + 1
            if name in TITLE_STYLES:
                return 1
    return 0


def number_text(paragraph, style, numbering: Numbering) -> str:
    """The automatic number of a list paragraph, from its own numPr or its style's."""
    for element in (paragraph._p, *(base.element for base in styles_up(style))):
        properties = element.find(W + "pPr")
        num = properties.find(W + "numPr") if properties is not None else None
        if num is not None:
            num_id = num.find(W + "numId")
            ilvl = num.find(W + "ilvl")
            if num_id is None:
                continue
            return numbering.next(num_id.get(W + "val"), int(ilvl.get(W + "val", "0")) if ilvl is not None else 0)
    return ""
