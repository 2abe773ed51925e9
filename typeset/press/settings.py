"""The press settings in force, and the ICC output profile an office may give."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..diagnostics import Diagnostic, SourceError, display_path
from ..fonts import resolve
from ..i18n import _
from ..style import MM, PRESS_SETTINGS, PressOutput


class Press(PressOutput):
    """The press settings: defaults overridden by publication.yaml's `press:` block."""

    def __init__(self, overrides: dict[str, Any] | None = None, folder: Path = Path(".")):
        self._values = {s.name: s.default for s in PRESS_SETTINGS} | dict(overrides or {})
        self.folder = folder

    @property
    def margin(self) -> float:
        """Media beyond the trimmed page on every side, pt: bleed, crop marks and the slug line."""
        return (self.bleed + self.mark_length + SLUG_BAND) * MM

    def profile(self) -> bytes | None:
        """The bytes of the ICC output profile, checked to be a CMYK output profile; None when none is given."""
        if not self.output_profile:
            return None
        path = resolve(self.output_profile, [self.folder])
        if path is None:
            raise profile_error(_("the ICC profile '{name}' of press: output_profile was not found").format(
                name=self.output_profile), _("put it beside publication.yaml or give its path"))
        data = path.read_bytes()
        problem = icc_problem(data)
        if problem:
            raise profile_error(_("'{path}' is not a CMYK output profile: {problem}").format(
                path=display_path(path), problem=problem),
                _("give the printing condition's ICC profile (its colour space CMYK, its class output)"))
        return data


SLUG_BAND = 5.0  # mm beyond the crop marks for the slug line


@dataclass(frozen=True)
class Profile:
    """What an ICC profile's header says."""

    device_class: bytes
    color_space: bytes


def read_header(data: bytes) -> Profile | None:
    """The class and colour space of an ICC profile, or None when the data is no ICC profile."""
    if len(data) < 128 or data[36:40] != b"acsp":
        return None
    return Profile(data[12:16], data[16:20])


def icc_problem(data: bytes) -> str | None:
    """Why the data is not an ICC CMYK output profile, or None when it is."""
    header = read_header(data)
    if header is None:
        return _("it has no ICC profile header")
    if header.color_space != b"CMYK":
        return _("its colour space is {space}").format(space=header.color_space.decode("latin-1").strip())
    if header.device_class != b"prtr":
        return _("it is not an output (printer) profile")
    return None


def profile_error(message: str, hint: str) -> SourceError:
    """An error about the output profile, as the build reports it."""
    return SourceError([Diagnostic("error", None, message, hint, "press-profile")])
