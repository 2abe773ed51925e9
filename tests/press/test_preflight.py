"""The preflight: nothing on the reference press PDF, and each fault it looks for found when it is there."""

from __future__ import annotations

import io

import pikepdf
import pytest

from typeset.press.document import press_settings
from typeset.press.preflight import preflight
from typeset.style import Style


def codes(data: bytes, laid, style: Style | None = None) -> set[str]:
    """The codes of what the preflight finds in a PDF made for the laid-out issue."""
    found = preflight(data, style or laid.style, press_settings(laid), len(laid.pages))
    return {finding.code for finding in found.findings}


def changed(data: bytes, change) -> bytes:
    """The PDF after `change(pdf)`."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        change(pdf)
        buffer = io.BytesIO()
        pdf.save(buffer, object_stream_mode=pikepdf.ObjectStreamMode.disable)
    return buffer.getvalue()


def first_form(pdf: pikepdf.Pdf) -> pikepdf.Object:
    """The finished page placed on the first press page."""
    return pdf.pages[0].Resources.XObject.P1


def prepend(form: pikepdf.Object, content: bytes) -> None:
    """Put operators before a form's content."""
    form.write(content + form.read_bytes())


@pytest.fixture(scope="module")
def reference(press_build):
    """The laid-out reference issue and its press PDF's bytes."""
    return press_build[0], press_build[2].read_bytes()


def test_the_reference_press_pdf_passes_and_says_its_figures(reference):
    laid, data = reference
    found = preflight(data, laid.style, press_settings(laid), len(laid.pages))
    assert found.findings == []
    assert (found.pages, found.condition, found.fonts) == (11, "FOGRA39", 10)  # digits from Noto Serif too
    assert found.trim == pytest.approx((210, 297)) and found.bleed == pytest.approx((216, 303))
    assert found.black_texts > 2000


def test_the_ordinary_pdf_is_no_press_pdf(reference_build, reference):
    laid = reference[0]
    found = codes(reference_build[1].read_bytes(), laid)
    assert {"pdfx-boxes", "pdfx-intent", "pdfx-info", "press-overprint"} <= found


@pytest.mark.parametrize("fault, code", [
    (lambda pdf: prepend(first_form(pdf), b"1 0 0 rg\n"), "pdfx-colour"),
    (lambda pdf: prepend(first_form(pdf), b"/DeviceRGB cs\n"), "pdfx-colour"),
    (lambda pdf: prepend(first_form(pdf), b"0.2 0 0 0.5 k\n"), "pdfx-colour"),
    (lambda pdf: first_form(pdf).Resources.ExtGState.__setitem__(
        "/Faded", pikepdf.Dictionary(Type=pikepdf.Name.ExtGState, ca=0.5)), "pdfx-colour"),
    (lambda pdf: first_form(pdf).Resources.__setitem__("/ColorSpace", pikepdf.Dictionary(
        CS9=pikepdf.Array([pikepdf.Name.ICCBased, pdf.make_stream(b"", N=3)]))), "pdfx-colour"),
    (lambda pdf: first_form(pdf).Resources.ExtGState.OverprintK.__setitem__("/op", False), "press-overprint"),
    (lambda pdf: first_form(pdf).Resources.ExtGState.OverprintK.__setitem__("/OPM", 0), "press-overprint"),
    (lambda pdf: next(iter(first_form(pdf).Resources.Font.values())).FontDescriptor.__delitem__("/FontFile2"),
     "pdfx-fonts"),
    (lambda pdf: pdf.pages[3].obj.__setitem__("/TrimBox", pikepdf.Array([0, 0, 590, 840])), "pdfx-boxes"),
    (lambda pdf: pdf.pages[3].obj.__setitem__("/BleedBox", pdf.pages[3].TrimBox), "pdfx-boxes"),
    (lambda pdf: pdf.Root.__delitem__("/OutputIntents"), "pdfx-intent"),
    (lambda pdf: pdf.Root.OutputIntents[0].__setitem__("/OutputConditionIdentifier", pikepdf.String("本社")),
     "pdfx-intent"),
    (lambda pdf: pdf.trailer.Info.__delitem__("/GTS_PDFXVersion"), "pdfx-info"),
    (lambda pdf: pdf.trailer.Info.__setitem__("/Trapped", pikepdf.Name("/Unknown")), "pdfx-info"),
    (lambda pdf: pdf.pages.remove(pdf.pages[-1]), "press-pages"),
])
def test_each_fault_is_found(reference, fault, code):
    laid, data = reference
    assert code in codes(changed(data, fault), laid)


def test_a_newer_pdf_with_object_streams_is_refused(reference):
    laid, data = reference
    with pikepdf.open(io.BytesIO(data)) as pdf:
        buffer = io.BytesIO()
        pdf.save(buffer, force_version="1.5", object_stream_mode=pikepdf.ObjectStreamMode.generate)
    assert {"pdfx-version", "pdfx-xref"} <= codes(buffer.getvalue(), laid)


def test_page_numbers_are_found_in_their_place_and_misplaced_ones_are_faults(reference, reference_with, tmp_path):
    from typeset.build import build, lay_out

    source = reference_with(style="  page_numbers: true")
    build(source, tmp_path / "n.pdf", press=True)
    laid, data = lay_out(source), (tmp_path / "n-press.pdf").read_bytes()
    assert codes(data, laid) == set()
    moved = Style({**laid.style.as_dict(), "page_number_drop": 9})
    found = preflight(data, moved, press_settings(laid), len(laid.pages))
    assert [f.code for f in found.findings] == ["page-number"] * 9
    assert "page 2: the page number's dashes are 7 mm below the text block" in found.findings[0].message
    unnumbered = Style({**laid.style.as_dict(), "page_numbers": True})
    assert codes(reference[1], reference[0], unnumbered) == {"page-number"}
