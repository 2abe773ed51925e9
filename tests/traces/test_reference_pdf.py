"""The reference issue's PDF, byte for byte: a faster composer must set exactly what the slower one did.

After an intended change to the layout, put the new digest here (with the trace's diff reviewed).
"""

from __future__ import annotations

import hashlib

REFERENCE_PDF_SHA256 = "9dc4d6a0c1d9f859c49289bea87ea83cc47c3a42d9ff723967205ae2b372ef02"


def test_reference_pdf_is_byte_identical(reference_build):
    assert hashlib.sha256(reference_build[1].read_bytes()).hexdigest() == REFERENCE_PDF_SHA256
