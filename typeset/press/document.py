"""The press PDF: each finished page as a form on media with room for the bleed, crop marks and a slug line."""

from __future__ import annotations

import io

import pikepdf
from pikepdf import Array, Name, Pdf

from ..layout import Typesetter, chinese_date
from ..style import MM
from .marks import REGISTRATION, Box, crop_marks, marks_content, registration, retag_subsets, slug_pages
from .pdfx import entry, frame, page_forms, recolour, save
from .settings import Press


def press_settings(laid) -> Press:
    """The press settings of a laid-out issue, from its publication.yaml."""
    publication = laid.issue.publication
    return Press(publication.press, publication.path.parent)


def press_pdf(laid, ordinary: bytes) -> bytes:
    """The press PDF of a laid-out issue whose ordinary PDF is `ordinary`."""
    press = press_settings(laid)
    profile = press.profile()
    source = Pdf.open(io.BytesIO(ordinary))
    width, height = (float(v) for v in source.pages[0].MediaBox[2:])
    margin = press.margin
    media = (width + 2 * margin, height + 2 * margin)
    pdf = base_pages(laid, press, media, len(source.pages))
    forms = page_forms(pdf, source, press, laid.style.red_cmyk)
    trim = (margin, margin, margin + width, margin + height)
    marks = crop_marks(trim, press.bleed * MM, press.mark_length * MM)
    colour = registration(pdf)
    for number, (page, form) in enumerate(zip(pdf.pages, forms), start=1):
        place(page, {f"/P{number}": (form, margin, margin)}, media, trim, press.bleed * MM, (colour, marks))
    frame(pdf, source.docinfo, press, profile)
    return save(pdf)


def base_pages(laid, press: Press, media: tuple[float, float], count: int) -> Pdf:
    """The press pages before the finished ones are placed on them: the slug lines, or blank media."""
    if not press.slug:
        pdf = Pdf.new()
        for _ in range(count):
            pdf.add_blank_page(page_size=media)
        return pdf
    from ..build import metadata
    from ..render.pdf import render

    setter = Typesetter(laid.style, laid.fonts)
    texts = [slug_text(laid.issue, number, count) for number in range(1, count + 1)]
    left = press.margin + press.bleed * MM + press.mark_length * MM
    drawn = render(slug_pages(setter, texts, *media, left), metadata(laid.issue))
    pdf = Pdf.open(io.BytesIO(drawn))
    retag_subsets(pdf, "S")
    for page in pdf.pages:
        page.contents_coalesce()
        recolour(page.obj.Contents, page.Resources, press, None)
    return pdf


def slug_text(issue, number: int, count: int) -> str:
    """The slug line of a page: publication, issue, date and page."""
    masthead = issue.publication.masthead.value
    return (f"{masthead}　{issue.date.year}年第{issue.number}期（总第{issue.total}期）　"
            f"{chinese_date(issue.date)}　第{number}页　共{count}页")


def place(page: pikepdf.Page, forms: dict, media: tuple[float, float], trim: Box, bleed: float,
          marks: tuple[Array, list[str]]) -> None:
    """Put forms on a press page at their offsets, set its boxes and add the marks (colour space, lines)."""
    colour, lines = marks
    page.MediaBox = Array([0, 0, *media])
    page.TrimBox = Array(list(trim))
    page.BleedBox = Array([trim[0] - bleed, trim[1] - bleed, trim[2] + bleed, trim[3] + bleed])
    for key in ("/Trans", "/CropBox", "/ArtBox"):
        if key in page.obj:
            del page.obj[key]
    resources = entry(page.obj, Name.Resources)
    objects = entry(resources, Name.XObject)
    placed = []
    for name, (form, x, y) in forms.items():
        objects[name] = form
        placed.append(f"q 1 0 0 1 {x:.4f} {y:.4f} cm {name} Do Q")
    entry(resources, Name.ColorSpace)[REGISTRATION] = colour
    content = ("\n".join(placed) + "\n").encode() + marks_content(lines)
    page.contents_add(content, prepend=True)
