"""Preflight: the press PDF read back and judged by PDF/X-1a:2003 and GB/T 9704 rule by rule."""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field

import pikepdf
from pikepdf import Name

from ..diagnostics import Diagnostic
from ..i18n import _
from ..style import MM, Style
from .pdfx import PDFX_VERSION, TOLERANCE, is_black, same_color
from .settings import Press

BOX_TOLERANCE = 0.01  # pt
NUMBER_TOLERANCE = 0.5 * MM  # how far a page number may stray from its place
INSET_TOLERANCE = 0.15  # em of the number: the dashes' ink stands back from their cells
RGB_SPACES = {"/DeviceRGB", "/CalRGB"}
TEXT_SHOWS = {"Tj", "TJ", "'", '"'}
FONT_FILES = ("/FontFile", "/FontFile2", "/FontFile3")
REGISTERED = {"FOGRA27", "FOGRA28", "FOGRA29", "FOGRA30", "FOGRA39", "FOGRA40", "FOGRA45", "FOGRA47",
              "FOGRA51", "FOGRA52", "FOGRA53", "FOGRA54", "CGATS TR 001", "CGATS TR 003", "CGATS TR 005",
              "CGATS TR 006", "JC200103", "JCN2002", "JCW2003", "IFRA26", "IFRA30"}


@dataclass
class Preflight:
    """What the preflight found, and the figures it measured."""

    findings: list[Diagnostic] = field(default_factory=list)
    pages: int = 0
    trim: tuple[float, float] = (0.0, 0.0)  # mm
    bleed: tuple[float, float] = (0.0, 0.0)  # mm
    fonts: int = 0
    black_texts: int = 0  # text-showing operators in pure black, all overprinting when nothing is found
    condition: str = ""

    def fail(self, message: str, hint: str, code: str) -> None:
        """Record an error."""
        self.findings.append(Diagnostic("error", None, message, hint, code))

    def summary(self) -> str:
        """The preflight's figures in one line."""
        return _("preflight: {version}, output intent {condition}; {pages} pages, TrimBox {tw} × {th} mm, "
                 "BleedBox {bw} × {bh} mm; no RGB, no transparency; {fonts} font subsets, all embedded; "
                 "{texts} pieces of black text, all overprinting").format(
            version=PDFX_VERSION, condition=self.condition, pages=self.pages,
            tw=_mm(self.trim[0]), th=_mm(self.trim[1]), bw=_mm(self.bleed[0]), bh=_mm(self.bleed[1]),
            fonts=self.fonts, texts=self.black_texts)


def _mm(value: float) -> str:
    """Millimetres as an editor writes them: 210, 215.9."""
    return f"{round(value, 1):g}"


def preflight(data: bytes, style: Style, press: Press, pages: int) -> Preflight:
    """Every finding of the press PDF in `data`, made for an issue of `pages` pages in this style."""
    found = Preflight()
    with pikepdf.open(io.BytesIO(data)) as pdf:
        check_file(data, pdf, found)
        check_output_intent(pdf, press, found)
        check_page_count(pdf, pages, found)
        for number, page in enumerate(pdf.pages, start=1):
            check_boxes(number, page, style, press, found)
            Scan(number, style, press, found).page(page)
        found.fonts = len(fonts_of(pdf))
        check_fonts(pdf, found)
        trims = [box(page, "/TrimBox") for page in pdf.pages]
    check_house_red(style, found)
    if style.page_numbers:
        check_page_numbers(data, trims, style, found)
    return found


# ---------------------------------------------------------------- the file

def check_file(data: bytes, pdf: pikepdf.Pdf, found: Preflight) -> None:
    """PDF 1.4 or lower, a cross-reference table, /ID, and the document information of PDF/X."""
    if pdf.pdf_version > "1.4":
        found.fail(_("PDF/X-1a: the file is PDF {version}; PDF/X-1a:2003 allows PDF 1.4 at most").format(
            version=pdf.pdf_version), _("write it again with paiban build --press"), "pdfx-version")
    start = data.rfind(b"startxref")
    offset = int(data[start + 9:].split()[0]) if start >= 0 else -1
    if not data[offset:offset + 4] == b"xref":
        found.fail(_("PDF/X-1a: the file has a cross-reference stream, a PDF 1.5 feature"),
                   _("write it again with paiban build --press"), "pdfx-xref")
    identifier = pdf.trailer.get(Name.ID)
    if not isinstance(identifier, pikepdf.Array) or len(identifier) != 2:
        found.fail(_("PDF/X-1a: the trailer has no document /ID"), _("write it again with paiban build --press"),
                   "pdfx-id")
    info = pdf.trailer.get(Name.Info, pikepdf.Dictionary())
    if str(info.get("/GTS_PDFXVersion", "")) != PDFX_VERSION:
        found.fail(_("PDF/X-1a: GTS_PDFXVersion is not {version}").format(version=PDFX_VERSION),
                   _("write it again with paiban build --press"), "pdfx-info")
    if info.get("/Trapped") not in (Name("/True"), Name("/False")):
        found.fail(_("PDF/X-1a: /Trapped is neither /True nor /False"), _("write it again with paiban build --press"),
                   "pdfx-info")
    for key in ("/Title", "/CreationDate", "/ModDate"):
        if key not in info:
            found.fail(_("PDF/X-1a: the document information lacks {key}").format(key=key),
                       _("write it again with paiban build --press"), "pdfx-info")


def check_output_intent(pdf: pikepdf.Pdf, press: Press, found: Preflight) -> None:
    """One /GTS_PDFX output intent naming the printing condition; its profile, if any, CMYK."""
    intents = [i for i in pdf.Root.get(Name.OutputIntents, []) if i.get(Name.S) == Name.GTS_PDFX]
    if len(intents) != 1:
        found.fail(_("PDF/X-1a: the file has {count} /GTS_PDFX output intents, not one").format(count=len(intents)),
                   _("write it again with paiban build --press"), "pdfx-intent")
        return
    intent = intents[0]
    found.condition = str(intent.get(Name.OutputConditionIdentifier, ""))
    if found.condition != press.output_condition:
        found.fail(_("PDF/X-1a: the output intent names {found}, not press: output_condition {wanted}").format(
            found=found.condition or "—", wanted=press.output_condition),
            _("write it again with paiban build --press"), "pdfx-intent")
    profile = intent.get(Name.DestOutputProfile)
    if profile is None and found.condition not in REGISTERED:
        found.fail(_("PDF/X-1a: {condition} is not a registered printing condition and no profile is embedded").format(
            condition=found.condition), _("give its ICC profile in press: output_profile"), "pdfx-intent")
    if profile is not None and (int(profile.get(Name.N, 0)) != 4 or profile.read_bytes()[16:20] != b"CMYK"):
        found.fail(_("PDF/X-1a: the embedded output profile is not a CMYK profile"),
                   _("give a CMYK output profile in press: output_profile"), "pdfx-intent")


def check_page_count(pdf: pikepdf.Pdf, pages: int, found: Preflight) -> None:
    """As many pages as the issue was laid out in."""
    found.pages = len(pdf.pages)
    if found.pages != pages:
        found.fail(_("the press PDF has {found} pages; the issue has {pages}").format(found=found.pages, pages=pages),
                   _("write it again with paiban build --press"), "press-pages")


# ---------------------------------------------------------------- boxes

def box(page: pikepdf.Page, key: str) -> tuple[float, ...] | None:
    """A page box as four numbers, or None when the page lacks it."""
    value = page.obj.get(key)
    return tuple(float(v) for v in value) if value is not None else None


def check_boxes(number: int, page: pikepdf.Page, style: Style, press: Press, found: Preflight) -> None:
    """TrimBox the paper (GB/T 9704 §5.2: A4), BleedBox the bleed beyond it, MediaBox room for the marks."""
    trim, bleed, media = box(page, "/TrimBox"), box(page, "/BleedBox"), box(page, "/MediaBox")
    if trim is None or bleed is None:
        found.fail(_("page {page}: PDF/X-1a: no TrimBox or no BleedBox").format(page=number),
                   _("write it again with paiban build --press"), "pdfx-boxes")
        return
    width, height = style.page_size
    found.trim = ((trim[2] - trim[0]) / MM, (trim[3] - trim[1]) / MM)
    found.bleed = ((bleed[2] - bleed[0]) / MM, (bleed[3] - bleed[1]) / MM)
    if abs(trim[2] - trim[0] - width) > BOX_TOLERANCE or abs(trim[3] - trim[1] - height) > BOX_TOLERANCE:
        found.fail(_("page {page}: TrimBox is {tw} × {th} mm, not the paper's {pw} × {ph} mm (GB/T 9704 §5.2)").format(
            page=number, tw=_mm(found.trim[0]), th=_mm(found.trim[1]), pw=_mm(style.paper_width),
            ph=_mm(style.paper_height)), _("write it again with paiban build --press"), "pdfx-boxes")
    out = press.bleed * MM
    wanted = (trim[0] - out, trim[1] - out, trim[2] + out, trim[3] + out)
    if any(abs(a - b) > BOX_TOLERANCE for a, b in zip(bleed, wanted)):
        found.fail(_("page {page}: BleedBox is not {bleed} mm beyond the TrimBox on every side").format(
            page=number, bleed=_mm(press.bleed)), _("write it again with paiban build --press"), "pdfx-boxes")
    room = (press.bleed + press.mark_length) * MM
    if (media[0] > trim[0] - room or media[1] > trim[1] - room or media[2] < trim[2] + room
            or media[3] < trim[3] + room):
        found.fail(_("page {page}: the MediaBox leaves no room for crop marks outside the bleed").format(page=number),
                   _("write it again with paiban build --press"), "pdfx-boxes")


# ---------------------------------------------------------------- colour, transparency, overprint

@dataclass
class State:
    """The part of the graphics state the preflight follows."""

    fill: tuple = ()  # CMYK operands of the fill colour, () when not CMYK
    overprint: bool = False  # fill overprint in force
    mode: int = 0  # overprint mode


class Scan:
    """One page's content, forms included, read for colour operators, transparency and black text."""

    def __init__(self, number: int, style: Style, press: Press, found: Preflight):
        self.number, self.style, self.press, self.found = number, style, press, found
        self.problems: set[str] = set()
        self.knocking = 0  # pieces of black text that do not overprint

    def page(self, page: pikepdf.Page) -> None:
        """Scan a page and report what it found once per kind of problem."""
        if Name.Group in page.obj:
            self.problem(_("a transparency group"))
        self.content(page.obj, page.obj.get(Name.Resources, pikepdf.Dictionary()), State())
        for problem in sorted(self.problems):
            self.found.fail(_("page {page}: PDF/X-1a: {problem}").format(page=self.number, problem=problem),
                            _("PDF/X-1a allows CMYK, grey and spot colours only, without transparency"), "pdfx-colour")
        if self.knocking and self.press.overprint_black:
            self.found.fail(_("page {page}: {count} pieces of black (K) text do not overprint").format(
                page=self.number, count=self.knocking), _("set press: overprint_black: true"), "press-overprint")

    def problem(self, what: str) -> None:
        """Note a kind of problem of this page."""
        self.problems.add(what)

    def content(self, holder, resources, state: State) -> None:
        """Follow the operators of a page or form."""
        self.resources(resources)
        stack = []
        for operands, operator in pikepdf.parse_content_stream(holder):
            name = str(operator)
            if name == "q":
                stack.append(State(state.fill, state.overprint, state.mode))
            elif name == "Q" and stack:
                state = stack.pop()
            elif name in ("rg", "RG"):
                self.problem(_("an RGB colour ({operator})").format(operator=name))
            elif name in ("cs", "CS"):
                self.space(operands[0])
                state.fill = () if name == "cs" else state.fill
            elif name in ("k", "K"):
                self.house_colour(operands)
                state.fill = tuple(float(v) for v in operands) if name == "k" else state.fill
            elif name == "gs":
                self.graphics_state(resources, operands[0], state)
            elif name in TEXT_SHOWS and len(state.fill) == 4 and is_black(state.fill):
                self.found.black_texts += 1
                self.knocking += not (state.overprint and state.mode == 1)
            elif name == "Do":
                self.draw(resources, operands[0], state)

    def resources(self, resources) -> None:
        """Colour spaces and images declared in resources."""
        for space in resources.get(Name.ColorSpace, {}).values():
            self.check_space(space)
        for state in resources.get(Name.ExtGState, {}).values():
            self.transparency(state)

    def space(self, operand) -> None:
        """A colour space set by cs/CS by its device name (named ones are checked with the resources)."""
        if str(operand) in RGB_SPACES:
            self.problem(_("an RGB colour space ({space})").format(space=operand))

    def check_space(self, space) -> None:
        """A colour space: no RGB, no ICC-based RGB, nor either as a base or alternate."""
        if isinstance(space, pikepdf.Name):
            if str(space) in RGB_SPACES:
                self.problem(_("an RGB colour space ({space})").format(space=space))
            return
        family = str(space[0])
        if family in RGB_SPACES:
            self.problem(_("an RGB colour space ({space})").format(space=family))
        elif family == "/ICCBased":
            if int(space[1].get(Name.N, 0)) == 3:
                self.problem(_("an ICC-based RGB colour space"))
            else:
                self.problem(_("an ICC-based colour space (PDF/X-1a wants device colours)"))
        elif family == "/Lab":
            self.problem(_("a Lab colour space"))
        elif family in ("/Separation", "/DeviceN"):
            self.check_space(space[2])
        elif family == "/Indexed":
            self.check_space(space[1])

    def transparency(self, state) -> None:
        """An ExtGState that makes things transparent."""
        soft = state.get(Name.SMask, Name("/None"))
        if soft != Name("/None") or float(state.get(Name.CA, 1)) < 1 or float(state.get(Name.ca, 1)) < 1 \
                or str(state.get(Name.BM, "/Normal")) not in ("/Normal", "/Compatible"):
            self.problem(_("transparency (soft mask, alpha or blend mode)"))

    def graphics_state(self, resources, operand, state: State) -> None:
        """Follow a gs: overprint and its mode."""
        entry = resources.get(Name.ExtGState, {}).get(operand)
        if entry is None:
            return
        if Name.op in entry or Name.OP in entry:
            state.overprint = bool(entry.get(Name.op, entry.get(Name.OP)))
        if Name.OPM in entry:
            state.mode = int(entry.OPM)

    def draw(self, resources, operand, state: State) -> None:
        """A placed XObject: an image's colour space and mask, a form's content."""
        xobject = resources.get(Name.XObject, {}).get(operand)
        if xobject is None:
            return
        if xobject.get(Name.Subtype) == Name.Image:
            if Name.SMask in xobject:
                self.problem(_("an image with a soft mask"))
            if Name.ColorSpace in xobject:
                self.check_space(xobject.ColorSpace)
            return
        if Name.Group in xobject:
            self.problem(_("a transparency group"))
        inner = xobject.get(Name.Resources, resources)
        self.content(xobject, inner, State(state.fill, state.overprint, state.mode))

    def house_colour(self, operands) -> None:
        """Every CMYK colour is pure black or the publication's red (the marks are in the registration colour)."""
        if is_black(operands) or same_color(operands, self.style.red_cmyk):
            return
        if all(abs(float(v)) < TOLERANCE for v in operands):
            return  # white
        values = " ".join(f"{float(v) * 100:g}" for v in operands)
        self.problem(_("a colour (CMYK {values}) that is neither black nor the red").format(values=values))


def check_house_red(style: Style, found: Preflight) -> None:
    """The red on the magenta and yellow plates only."""
    c, _m, _y, k = style.red_cmyk
    if c > TOLERANCE or k > TOLERANCE:
        found.fail(_("the red ({red}) prints on the cyan or black plate too; the masthead red is magenta and yellow only")
                   .format(red=style.red), _("set style: red to \"0 100 100 0\""), "press-red")


# ---------------------------------------------------------------- fonts

def fonts_of(pdf: pikepdf.Pdf) -> dict:
    """Every font of the file, found through the resources of pages and forms, by object."""
    found, seen = {}, set()

    def walk(resources) -> None:
        for font in resources.get(Name.Font, {}).values():
            found[font.objgen] = font
        for xobject in resources.get(Name.XObject, {}).values():
            if xobject.objgen not in seen and xobject.get(Name.Subtype) == Name.Form:
                seen.add(xobject.objgen)
                walk(xobject.get(Name.Resources, pikepdf.Dictionary()))

    for page in pdf.pages:
        walk(page.obj.get(Name.Resources, pikepdf.Dictionary()))
    return found


def check_fonts(pdf: pikepdf.Pdf, found: Preflight) -> None:
    """Every font embedded (PDF/X-1a)."""
    for font in fonts_of(pdf).values():
        if font.get(Name.Subtype) == Name.Type3:
            continue
        described = font.DescendantFonts[0] if Name.DescendantFonts in font else font
        descriptor = described.get(Name.FontDescriptor, pikepdf.Dictionary())
        if not any(key in descriptor for key in FONT_FILES):
            found.fail(_("PDF/X-1a: the font {font} is not embedded").format(font=str(font.get(Name.BaseFont, "?"))[1:]),
                       _("use fonts that may be embedded; paiban embeds every font it draws with"), "pdfx-fonts")


# ---------------------------------------------------------------- page numbers

NUMBER = re.compile(r"—\s*(\d+)\s*—")


def check_page_numbers(data: bytes, trims: list, style: Style, found: Preflight) -> None:
    """GB/T 9704 §7.5: `— N —` 7 mm below the block, odd pages right and even left, one character in;
    none on page 1 and none on the last (版记) page."""
    import pypdfium2

    from ..render.png import PDFIUM

    with PDFIUM:
        document = pypdfium2.PdfDocument(data)
        try:
            for index, trim in enumerate(trims):
                if trim is not None:
                    page = document[index]
                    text = page.get_textpage()
                    try:
                        check_number(index + 1, len(trims), text, trim, style, found)
                    finally:
                        text.close()
                        page.close()
        finally:
            document.close()


def below_block(text, trim: tuple, style: Style) -> list[tuple[str, tuple]]:
    """The characters of a page between the foot of the text block and the trim, with their ink boxes."""
    foot = trim[3] - style.top - style.block_height * MM
    found = []
    for index in range(text.count_chars()):
        box = text.get_charbox(index)
        if trim[1] < (box[1] + box[3]) / 2 < foot:
            found.append((text.get_text_range(index, 1), box))
    return found


def check_number(number: int, pages: int, text, trim: tuple, style: Style, found: Preflight) -> None:
    """One page's number: its text, height and side, or its absence."""
    boxes = below_block(text, trim, style)
    match = NUMBER.search("".join(char for char, _box in boxes))
    wanted = 1 < number < pages
    if not wanted:
        if match:
            found.fail(_("page {page}: carries a page number; page 1 and the 版记 page carry none (GB/T 9704 §7.5)")
                       .format(page=number), _("this is a fault of paiban; please report it"), "page-number")
        return
    if not match or int(match.group(1)) != number:
        found.fail(_("page {page}: no page number `— {page} —` (GB/T 9704 §7.5)").format(page=number),
                   _("this is a fault of paiban; please report it"), "page-number")
        return
    first, last = boxes[match.start()][1], boxes[match.end() - 1][1]
    left, top = trim[0], trim[3]
    dash = (top - (first[1] + first[3]) / 2) - (style.top + style.block_height * MM)
    inset = (first[0] - left - style.left) if number % 2 == 0 else (style.left + style.measure - (last[2] - left))
    if abs(dash - style.page_number_drop * MM) > NUMBER_TOLERANCE or \
            abs(inset - style.cell) > INSET_TOLERANCE * style.page_number_size:
        found.fail(_("page {page}: the page number's dashes are {drop} mm below the text block and {inset} mm in "
                     "from its {side} edge; GB/T 9704 §7.5 wants {wanted} mm and one character").format(
            page=number, drop=_mm(dash / MM), inset=_mm(inset / MM), side=_("right") if number % 2 else _("left"),
            wanted=_mm(style.page_number_drop)), _("this is a fault of paiban; please report it"), "page-number")
