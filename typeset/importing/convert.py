"""Old Word (.doc) and WPS (.wps) files, converted to .docx by LibreOffice when it is installed."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from contextlib import contextmanager
from pathlib import Path

from ..i18n import _

CONVERTED = (".doc", ".wps")
TIMEOUT = 120  # seconds LibreOffice gets for one file


class ConvertError(Exception):
    """Why a file could not be converted."""


def office() -> str | None:
    """The LibreOffice command on PATH, if any."""
    return shutil.which("soffice") or shutil.which("libreoffice")


@contextmanager
def as_docx(path: Path):
    """The .docx that LibreOffice makes of `path`, in a temporary folder removed afterwards."""
    command = office()
    if command is None:
        raise ConvertError(_("{path}: a {kind} file needs LibreOffice to be read, and it is not installed; "
                             "install LibreOffice (soffice), or save the file as .docx in Word or WPS and "
                             "import that").format(path=path, kind=path.suffix.lower()))
    with tempfile.TemporaryDirectory(prefix="paiban-import-") as folder:
        # A profile of its own, so that a LibreOffice the editor has open does not take the job over.
        profile = Path(folder, "profile").as_uri()
        try:
            done = subprocess.run([command, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "docx",
                                   "--outdir", folder, str(path)], capture_output=True, text=True, timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            raise ConvertError(_("{path}: LibreOffice did not convert the file within {seconds} s").format(
                path=path, seconds=TIMEOUT)) from None
        converted = Path(folder) / (path.stem + ".docx")
        if done.returncode != 0 or not converted.is_file():
            raise ConvertError(_("{path}: LibreOffice could not convert the file: {reason}").format(
                path=path, reason=(done.stderr or done.stdout).strip() or done.returncode))
        yield converted
