"""The finished PDF's pages as form XObjects for the press, and the PDF/X-1a:2003 frame of a press file.

Each page becomes a form: pure black (K) set to overprint and every other colour to knock out,
and, for 套打, the red painting left out. `frame` adds the output intent and the document
information PDF/X asks for; `save` writes PDF 1.4 without object streams and with an /ID taken
from the content, so the same input gives the same bytes.
"""

from __future__ import annotations

import io

import pikepdf
from pikepdf import Array, Dictionary, Name, Operator, Pdf, String

from .settings import Press

PDFX_VERSION = "PDF/X-1a:2003"
PDF_VERSION = "1.4"
REGISTRY = "http://www.color.org"
OVERPRINT, KNOCKOUT = Name("/OverprintK"), Name("/Knockout")
FILL_PAINTS = {"f", "F", "f*", "B", "B*", "b", "b*"}
STROKE_PAINTS = {"S", "s"}
TEXT_SHOWS = {"Tj", "TJ", "'", '"'}
TOLERANCE = 1e-4


def page_forms(target: Pdf, source: Pdf, press: Press, red: tuple[float, ...]) -> list[pikepdf.Object]:
    """Every page of `source` as a form XObject owned by `target`, recoloured for the press."""
    forms = []
    for page in source.pages:
        form = target.copy_foreign(page.as_form_xobject())
        recolour(form, form.Resources, press, red)
        forms.append(form)
    return forms


def recolour(holder: pikepdf.Object, resources: Dictionary, press: Press, red: tuple[float, ...] | None) -> None:
    """Rewrite a form's or page's content for the press: the red left out for 套打, black overprinting."""
    instructions = pikepdf.parse_content_stream(holder)
    if press.preprinted and red is not None:
        instructions = without_paint(instructions, red)
    if press.overprint_black:
        instructions = with_overprint(instructions)
        states = entry(resources, Name.ExtGState)
        states[OVERPRINT] = Dictionary(Type=Name.ExtGState, OP=True, op=True, OPM=1)
        states[KNOCKOUT] = Dictionary(Type=Name.ExtGState, OP=False, op=False, OPM=0)
    holder.write(pikepdf.unparse_content_stream(instructions))


def entry(dictionary: Dictionary, key: Name) -> Dictionary:
    """The dictionary under a key of another, made empty when missing."""
    if key not in dictionary:
        dictionary[key] = Dictionary()
    return dictionary[key]


def is_black(operands) -> bool:
    """True for the CMYK operands of pure black: cyan, magenta and yellow all zero, some black."""
    c, m, y, k = (float(value) for value in operands)
    return max(c, m, y) < TOLERANCE and k > TOLERANCE


def same_color(operands, color: tuple[float, ...]) -> bool:
    """True when CMYK operands name this colour."""
    return len(operands) == len(color) and all(abs(float(a) - b) < TOLERANCE for a, b in zip(operands, color))


def with_overprint(instructions: list) -> list:
    """The instructions with a graphics state before each CMYK colour: overprint for pure black, else knockout."""
    result = []
    for operands, operator in instructions:
        if str(operator) in ("k", "K"):
            result.append(([OVERPRINT if is_black(operands) else KNOCKOUT], Operator("gs")))
        result.append((operands, operator))
    return result


def without_paint(instructions: list, red: tuple[float, ...]) -> list:
    """The instructions with whatever is filled or stroked in the red left unpainted (套打)."""
    result, fill, stroke, saved = [], None, None, []
    for operands, operator in instructions:
        name = str(operator)
        if name == "q":
            saved.append((fill, stroke))
        elif name == "Q" and saved:
            fill, stroke = saved.pop()
        elif name == "k":
            fill = tuple(operands)
        elif name == "K":
            stroke = tuple(operands)
        red_fill = fill is not None and same_color(fill, red)
        if red_fill and name in TEXT_SHOWS:
            result += [([], Operator("T*"))] if name in ("'", '"') else []
            continue
        if (red_fill and name in FILL_PAINTS) or (stroke and same_color(stroke, red) and name in STROKE_PAINTS):
            result.append(([], Operator("n")))
            continue
        result.append((operands, operator))
    return result


def frame(pdf: Pdf, info: Dictionary, press: Press, profile: bytes | None) -> None:
    """The document information and output intent of PDF/X-1a:2003."""
    fields = {key: value for key, value in info.items()}
    fields.update({"/GTS_PDFXVersion": String(PDFX_VERSION), "/Trapped": Name("/False")})
    pdf.trailer.Info = pdf.make_indirect(Dictionary(fields))
    pdf.Root.OutputIntents = Array([pdf.make_indirect(output_intent(pdf, press, profile))])


def output_intent(pdf: Pdf, press: Press, profile: bytes | None) -> Dictionary:
    """The /GTS_PDFX output intent naming the printing condition, with its profile when given."""
    intent = Dictionary(Type=Name.OutputIntent, S=Name.GTS_PDFX,
                        OutputConditionIdentifier=String(press.output_condition),
                        OutputCondition=String(press.output_condition),
                        RegistryName=String(REGISTRY), Info=String(press.output_condition))
    if profile is not None:
        stream = pikepdf.Stream(pdf, profile)
        stream.N = 4
        intent.DestOutputProfile = pdf.make_indirect(stream)
    return intent


def save(pdf: Pdf) -> bytes:
    """The press file's bytes: PDF 1.4, a cross-reference table, the /ID derived from the content."""
    buffer = io.BytesIO()
    if Name.ID in pdf.trailer:
        del pdf.trailer.ID  # a copied /ID would be kept as its first half
    pdf.remove_unreferenced_resources()
    pdf.save(buffer, force_version=PDF_VERSION, object_stream_mode=pikepdf.ObjectStreamMode.disable,
             compress_streams=True, deterministic_id=True, fix_metadata_version=False)
    return buffer.getvalue()
