"""The press PDF: PDF/X-1a:2003 structure, boxes, overprint, settings, and the ordinary PDF left as it was."""

from __future__ import annotations

from pathlib import Path

import pikepdf
import pytest
from click.testing import CliRunner

from typeset.build import build
from typeset.cli import main
from typeset.press.pdfx import PDFX_VERSION
from typeset.style import MM

REFERENCE = Path(__file__).resolve().parent.parent.parent / "issues" / "2024-07.yaml"
A4 = (210 * MM, 297 * MM)


def run(*args: str, lang: str = "en"):
    """Invoke the CLI and return the result."""
    return CliRunner().invoke(main, list(args), env={"PAIBAN_LANG": lang})


@pytest.fixture(scope="module")
def press(press_build):
    """The reference press PDF, opened."""
    with pikepdf.open(press_build[2]) as document:
        yield document


def floats(box) -> list[float]:
    """A PDF box as numbers."""
    return [float(v) for v in box]


def test_every_page_is_trimmed_to_a4_with_3_mm_of_bleed_inside_media_with_room_for_marks(press, press_build):
    assert len(press.pages) == len(press_build[0].pages) == 11
    for page in press.pages:
        left, bottom, right, top = floats(page.TrimBox)
        assert (right - left, top - bottom) == pytest.approx(A4, abs=0.01)
        assert floats(page.BleedBox) == pytest.approx([left - 3 * MM, bottom - 3 * MM, right + 3 * MM, top + 3 * MM],
                                                      abs=0.01)
        media = floats(page.MediaBox)
        assert media[0] <= left - 8 * MM and media[2] >= right + 8 * MM and media[3] >= top + 8 * MM


def test_the_file_carries_pdfx_1a_information_an_output_intent_and_a_document_id(press, press_build):
    assert press.pdf_version == "1.4"
    data = press_build[2].read_bytes()
    assert data.startswith(b"%PDF-1.4") and b"/ObjStm" not in data and b"/XRef" not in data
    info = press.trailer.Info
    assert str(info.GTS_PDFXVersion) == PDFX_VERSION and info.Trapped == pikepdf.Name("/False")
    assert str(info.Title).startswith("杭州人大信息")
    (intent,) = press.Root.OutputIntents
    assert intent.S == pikepdf.Name.GTS_PDFX and str(intent.OutputConditionIdentifier) == "FOGRA39"
    assert "/DestOutputProfile" not in intent
    assert len(press.trailer.ID) == 2 and bytes(press.trailer.ID[0]) == bytes(press.trailer.ID[1])
    assert press.check_pdf_syntax() == []


def test_each_finished_page_is_placed_as_a_form_and_its_black_overprints(press):
    for number, page in enumerate(press.pages, start=1):
        form = page.Resources.XObject[f"/P{number}"]
        assert form.Subtype == pikepdf.Name.Form
        states = form.Resources.ExtGState
        assert bool(states.OverprintK.op) and int(states.OverprintK.OPM) == 1
        instructions = [(list(operands), str(op)) for operands, op in pikepdf.parse_content_stream(form)]
        for index, (operands, op) in enumerate(instructions):
            if op == "k":
                wanted = "/OverprintK" if [float(v) for v in operands] == [0, 0, 0, 1] else "/Knockout"
                assert instructions[index - 1] == ([pikepdf.Name(wanted)], "gs")


def test_the_red_is_magenta_and_yellow_and_the_text_black(press):
    colours = {tuple(float(v) for v in operands) for page in press.pages
               for operands, op in pikepdf.parse_content_stream(page.Resources.XObject[f"/P{press.pages.index(page) + 1}"])
               if str(op) == "k"}
    assert colours == {(0, 0, 0, 1), (0, 1, 1, 0)}


def test_the_press_pdf_is_the_same_bytes_every_time_and_the_ordinary_pdf_unchanged(press_build, tmp_path):
    again = tmp_path / "again.pdf"
    build(REFERENCE, again, press=True)
    assert (tmp_path / "again-press.pdf").read_bytes() == press_build[2].read_bytes()
    plain = tmp_path / "plain.pdf"
    build(REFERENCE, plain)
    assert plain.read_bytes() == again.read_bytes() == press_build[1].read_bytes()
    assert not (tmp_path / "plain-press.pdf").exists()


def test_build_press_prints_the_preflight_figures(tmp_path):
    target = tmp_path / "out.pdf"
    result = run("build", str(REFERENCE), "-o", str(target), "--press")
    assert result.exit_code == 0, result.output
    lines = result.stdout.strip().splitlines()
    assert len(lines) == 2 and lines[1].startswith(f"{tmp_path / 'out-press.pdf'}: preflight: PDF/X-1a:2003")
    assert "11 pages, TrimBox 210 × 297 mm, BleedBox 216 × 303 mm" in lines[1]


def test_the_slug_line_names_issue_date_and_page_outside_the_bleed(press_build):
    import pdfplumber

    with pdfplumber.open(press_build[2]) as document:
        page = document.pages[2]
        bleed_foot = page.height - float(page.page_obj.attrs["BleedBox"][1])
        slug = [c for c in page.chars if c["top"] > bleed_foot]
        text = "".join(c["text"] for c in slug)
        assert "2024年第7期（总第695期）" in text and "2024年5月31日" in text and "第3页" in text
        assert {c["non_stroking_color"] for c in slug} == {(0, 0, 0, 1)}


def test_press_settings_change_the_bleed_and_name_the_printing_condition(reference_with, tmp_path):
    source = reference_with("press:\n  bleed: 5\n  output_condition: FOGRA51\n  slug: false\n")
    build(source, tmp_path / "x.pdf", press=True)
    with pikepdf.open(tmp_path / "x-press.pdf") as document:
        page = document.pages[0]
        assert floats(page.BleedBox)[0] == pytest.approx(floats(page.TrimBox)[0] - 5 * MM)
        assert str(document.Root.OutputIntents[0].OutputConditionIdentifier) == "FOGRA51"
        assert "/Font" not in page.Resources


@pytest.mark.parametrize("block, words", [
    ("press:\n  bleed: 50\n", "press setting 'bleed' must be from 0 to 10 mm, not 50"),
    ("press:\n  bled: 3\n", "did you mean 'bleed'?"),
    ("press:\n  overprint_black: yes please\n", "press setting 'overprint_black' must be true or false"),
    ("press:\n  output_condition: ''\n", "press setting 'output_condition' must not be empty"),
])
def test_a_wrong_press_setting_is_an_error_at_its_line(reference_with, block, words):
    source = reference_with(block)
    result = run("check", str(source), "--press")
    assert result.exit_code == 1 and words in result.output
    assert f"publication.yaml:{source.parent.joinpath('publication.yaml').read_text().count(chr(10))}:" in result.output


def cmyk_profile() -> bytes:
    """The header and empty tag table of an ICC output profile in CMYK: what the press stage reads of one."""
    header = bytearray(132)
    header[0:4] = (132).to_bytes(4, "big")
    header[12:16], header[16:20], header[20:24], header[36:40] = b"prtr", b"CMYK", b"Lab ", b"acsp"
    return bytes(header)


def test_an_offices_icc_profile_is_embedded_as_the_destination_profile(reference_with, tmp_path):
    source = reference_with("press:\n  output_condition: 本社胶印\n  output_profile: press.icc\n")
    (source.parent / "press.icc").write_bytes(cmyk_profile())
    build(source, tmp_path / "x.pdf", press=True)
    with pikepdf.open(tmp_path / "x-press.pdf") as document:
        intent = document.Root.OutputIntents[0]
        assert intent.DestOutputProfile.read_bytes() == cmyk_profile() and int(intent.DestOutputProfile.N) == 4


def test_an_rgb_or_missing_profile_is_an_error_in_chinese(reference_with):
    from PIL import ImageCms

    source = reference_with("press:\n  output_profile: srgb.icc\n")
    result = run("build", str(source), "--press", lang="zh")
    assert result.exit_code == 1 and "srgb.icc" in result.output and "找不到" in result.output
    (source.parent / "srgb.icc").write_bytes(ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes())
    result = run("build", str(source), "--press", lang="zh")
    assert result.exit_code == 1 and "不是 CMYK 输出特性文件" in result.output and "RGB" in result.output


def test_check_press_reports_nothing_for_the_reference_and_writes_nothing(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run("check", str(REFERENCE), "--press")
    # the one warning is the text's own (a single — where the print wants ——), not the preflight's
    assert result.exit_code == 0 and "0 errors, 1 warning" in result.output and "'——'" in result.output
    assert not list(tmp_path.rglob("*.pdf"))


def test_a_red_with_cyan_fails_the_preflight_in_chinese(reference_with):
    source = reference_with(style="  red: 10 100 100 0")
    result = run("check", str(source), "--press", lang="zh")
    assert result.exit_code == 1 and "青版或黑版" in result.output


def test_preprinted_leaves_the_red_out(reference_with, tmp_path):
    source = reference_with("press:\n  preprinted: true\n")
    build(source, tmp_path / "x.pdf", press=True)
    with pikepdf.open(tmp_path / "x-press.pdf") as document:
        form = document.pages[0].Resources.XObject.P1
        operators = [(tuple(float(v) for v in operands) if str(op) == "k" else None, str(op))
                     for operands, op in pikepdf.parse_content_stream(form)]
    colour, drawn = None, []
    for operands, op in operators:
        colour = operands if op == "k" else colour
        if op in ("Tj", "f*"):
            drawn.append(colour)
    assert drawn and (0, 1, 1, 0) not in drawn and (0, 0, 0, 1) in drawn
