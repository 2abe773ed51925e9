"""The press stage, on top of the finished PDF: the press PDF (PDF/X-1a), its preflight and the imposition.

reportlab writes the ordinary PDF; pikepdf (qpdf) reads it back here and adds what reportlab
lacks: pages placed as form XObjects on larger media, page boxes, overprint, the output intent.
"""

from __future__ import annotations

from pathlib import Path


def press_output(output: Path) -> Path:
    """Where the press PDF of a build goes: beside the ordinary PDF, `<name>-press.pdf`."""
    return output.with_name(f"{output.stem}-press.pdf")


def make_press(laid, ordinary: bytes):
    """The press PDF of a laid-out issue and its preflight; raise SourceError when the preflight finds faults."""
    from ..diagnostics import SourceError
    from .document import press_pdf, press_settings
    from .preflight import preflight

    data = press_pdf(laid, ordinary)
    checked = preflight(data, laid.style, press_settings(laid), len(laid.pages))
    if checked.findings:
        raise SourceError(checked.findings)
    return data, checked
