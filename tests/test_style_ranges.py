"""Every style setting keeps to its declared range, and the style holds together as a whole:
an absurd value is an error at its place in publication.yaml, never a traceback or garbage."""

from __future__ import annotations

import math
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import PUBLICATION, REFERENCE
from typeset.diagnostics import Report
from typeset.source import load_issue, load_publication
from typeset.style import SETTINGS, Style, check_style, check_value

NUMERIC = [s for s in SETTINGS if s.numeric]
DEFAULTS = {s.name: s.default for s in SETTINGS}
PREVIOUS = b"%PDF-1.4 the previous build\n"


def with_style(archive: Path, lines: str) -> Path:
    """Put these lines under style: in the scratch archive's publication.yaml."""
    path = archive / "publication.yaml"
    text = PUBLICATION.read_text(encoding="utf-8")
    assert "style:\n" in text
    path.write_text(text.replace("style:\n", "style:\n" + lines), encoding="utf-8")
    return path


def place_of(path: Path, name: str) -> tuple[int, int]:
    """Line and column of a setting's value in a file, from 1."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.lstrip().startswith(name + ":"):
            return number, line.index(":") + 3
    raise AssertionError(name)


def build(issue: Path, output: Path) -> subprocess.CompletedProcess:
    """The build as a user runs it, in English."""
    return subprocess.run([sys.executable, "-m", "typeset", "build", str(issue), "-o", str(output)],
                          capture_output=True, text=True, cwd=issue.parent,
                          env={**os.environ, "PAIBAN_LANG": "en"}, timeout=120)


ABSURD = [
    # (the lines under style:, the setting reported, words of the message)
    ("  body_size: 0\n", "body_size", "from 4 to 200 pt, not 0"),
    ("  title_size: 0\n", "title_size", "from 4 to 200 pt"),
    ("  chars_per_line: 1\n", "chars_per_line", "from 10 to 60 characters, not 1"),
    ("  chars_per_line: 1000\n", "chars_per_line", "from 10 to 60 characters, not 1000"),
    ("  block_height: 0\n", "block_height", "from 20 to 2000 mm"),
    ("  paper_width: 0\n", "paper_width", "from 50 to 2000 mm"),
    ("  lines_per_page: 100000\n", "lines_per_page", "from 5 to 60 grid lines, not 100000"),
    ("  lines_per_page: 1\n", "lines_per_page", "from 5 to 60 grid lines, not 1"),
    ("  masthead_lines: 1000\n", "masthead_lines", "from 1 to 10 grid lines"),
    ("  indent: 1000\n", "indent", "from 0 to 10 characters"),
    ("  toc_title_column: 1000\n", "toc_title_column", "from 1 to 40 cells"),
    ("  masthead_spacing: 1e308\n", "masthead_spacing", "from 0 to 0.5 em, not 1e+308"),
    ("  header_rule_thick: 1e6\n", "header_rule_thick", "from 0 to 20 pt, not 1e+06"),
    ("  body_size: .inf\n", "body_size", "must be a finite number from 4 to 200 pt, not inf"),
    ("  body_size: .nan\n", "body_size", "must be a finite number"),
    ("  latin_gap: 100\n", "latin_gap", "from 0 to 0.25 em, not 100"),
    # the style as a whole
    ("  block_left: 100\n", "block_left", "does not fit across the paper"),
    ("  paper_height: 200\n", "paper_height", "does not fit down the paper"),
    ("  chars_per_line: 12\n", "chars_per_line", "a grid cell (block_width / chars_per_line) is 36.85 pt"),
    ("  block_width: 60\n", "block_width", "outside half to twice body_size (8 to 32 pt)"),
    ("  lines_per_page: 40\n", "lines_per_page", "line pitch (block_height / lines_per_page) is 15.94 pt"),
    ("  chars_per_line: 10\n  body_size: 40\n  indent: 10\n", "indent", "indent 10 is not less than chars_per_line 10"),
    ("  toc_title_column: 30\n", "toc_title_column", "toc_title_column 30 is not less than chars_per_line 28"),
    ("  toc_label_inset: 6\n", "toc_label_inset", "toc_label_inset 6 is not less than toc_title_column 6"),
    ("  lines_per_page: 5\n  block_height: 60\n  masthead_lines: 5\n", "masthead_lines",
     "masthead_lines 5 is not less than lines_per_page 5"),
]


@pytest.mark.parametrize("lines, name, words", ABSURD, ids=[case[0].strip() for case in ABSURD])
def test_an_absurd_setting_is_an_error_at_its_place(archive, write_issue, lines, name, words):
    publication = with_style(archive, lines)
    output = archive / "out.pdf"
    output.write_bytes(PREVIOUS)
    issue = write_issue()
    before = sorted(p.name for p in archive.iterdir())
    result = build(issue, output)
    said = result.stdout + result.stderr
    line, column = place_of(publication, name)
    assert result.returncode == 1, said
    assert "Traceback" not in said
    assert f"publication.yaml:{line}:{column}: error: " in said, said
    assert words in said, said
    assert output.read_bytes() == PREVIOUS
    assert sorted(p.name for p in archive.iterdir()) == before


def test_the_bounds_themselves_build(archive, write_issue):
    with_style(archive, "  latin_gap: 0.25\n  indent: 0\n  toc_label_inset: 0\n  header_rule_thick: 20\n"
                        "  masthead_spacing: 0.5\n")
    result = build(write_issue(), archive / "out.pdf")
    assert result.returncode == 0, result.stderr
    assert (archive / "out.pdf").read_bytes().startswith(b"%PDF")


def test_the_reference_publication_passes():
    report = Report()
    load_issue(REFERENCE, report)
    assert report.errors == []
    assert check_style(DEFAULTS) == []


def test_every_number_setting_declares_a_finite_range_holding_its_default():
    for setting in SETTINGS:
        if setting.numeric:
            assert math.isfinite(setting.low) and math.isfinite(setting.high), setting.name
            assert setting.low <= setting.default <= setting.high and setting.unit, setting.name
            assert check_value(setting, setting.default) is None
            assert check_value(setting, setting.type(setting.low)) is None
            assert check_value(setting, setting.type(setting.high)) is None
            assert check_value(setting, setting.high + 1) is not None
        else:
            assert (setting.low, setting.high, setting.unit) == (None, None, None), setting.name


def test_a_whole_style_problem_is_charged_to_a_given_setting_else_to_its_first():
    wide = {**DEFAULTS, "block_left": 100.0}
    assert [name for name, _m, _h in check_style(wide, given={"block_left"})] == ["block_left"]
    assert [name for name, _m, _h in check_style(wide)] == ["block_width"]
    assert check_style(wide, rejected={"block_left"}) == []


def test_a_whole_style_problem_of_defaults_only_is_reported_at_the_style_key(archive, write_issue, monkeypatch):
    import typeset.style as style

    monkeypatch.setattr(style, "_RULES", ((("paper_width",), lambda s: False, "no paper", "hint"),))
    publication = with_style(archive, "  body_size: 15\n")
    report = Report()
    load_publication(publication, report)
    (error,) = report.errors
    assert (error.position.line, error.position.column, error.message) == (place_of(publication, "style")[0], 1,
                                                                          "no paper")


# ---------------------------------------------------------------- any number at all

def yaml_number(value) -> str:
    """A number as YAML writes it."""
    if isinstance(value, float) and math.isnan(value):
        return ".nan"
    if isinstance(value, float) and math.isinf(value):
        return ".inf" if value > 0 else "-.inf"
    return repr(value)


@pytest.fixture(scope="module")
def scratch(tmp_path_factory) -> Path:
    """A folder for the publication files the property test writes."""
    return tmp_path_factory.mktemp("ranges")


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.sampled_from([s.name for s in NUMERIC]),
                          st.one_of(st.floats(), st.integers(-10**20, 10**20))),
                min_size=1, max_size=4, unique_by=lambda pair: pair[0]))
def test_any_number_for_any_setting_loads_or_is_a_positioned_error(scratch, chosen):
    lines = "".join(f"  {name}: {yaml_number(value)}\n" for name, value in chosen)
    path = scratch / "publication.yaml"
    path.write_text(PUBLICATION.read_text(encoding="utf-8").replace("style:\n", "style:\n" + lines),
                    encoding="utf-8")
    report = Report()
    publication = load_publication(path, report)
    if publication is None:
        assert report.errors
        last = len(path.read_text(encoding="utf-8").splitlines())
        for error in report.errors:
            assert error.position.file.endswith("publication.yaml")
            assert 1 <= error.position.line <= last and error.position.column >= 1
        return
    assert report.errors == []
    style = Style(publication.style)
    for setting in NUMERIC:
        assert setting.low <= getattr(style, setting.name) <= setting.high
    assert style.body_size / 2 <= style.cell <= style.body_size * 2 and style.pitch >= style.body_size


def test_each_setting_is_declared_by_one_stage_and_read_as_a_typed_attribute():
    from typeset.style import STAGES, Setting

    assert [s.name for stage in STAGES for s in stage.declared()] == [s.name for s in SETTINGS]
    assert len({s.name for s in SETTINGS}) == len(SETTINGS)
    style = Style({"body_size": 15.0, "page_numbers": True})
    assert (style.body_size, style.page_numbers, style.chars_per_line) == (15.0, True, 28)
    assert isinstance(Style.body_size, Setting) and Style.body_size.stage == "Body"
    assert "__getattr__" not in vars(Style)
    with pytest.raises(AttributeError):
        style.bodysize  # noqa: B018 - a misspelt setting is no silent default


def test_a_length_converts_to_points_by_its_declared_unit():
    from typeset.style import MILLIMETRES, PT

    style = Style({"footer_rule_thick": 0.5, "header_rule_thick": 3.0})
    assert (Style.footer_rule_thick.unit, Style.header_rule_thick.unit) == (MILLIMETRES, PT)
    assert style.points(Style.footer_rule_thick) == pytest.approx(0.5 * 72 / 25.4)
    assert style.points(Style.header_rule_thick) == 3.0
    assert style.measure == pytest.approx(156 * 72 / 25.4)
    for setting in SETTINGS:
        if setting.numeric and setting.unit.points is None:
            with pytest.raises(TypeError):
                style.points(setting)
