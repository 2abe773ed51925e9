"""Figures on the page: whole grid lines, kept with their captions, CMYK or gray in the PDF, part of a rebuild."""

from __future__ import annotations

import io
import re
import struct
import zlib

import pikepdf
import pytest
from PIL import Image

from conftest import MINIMAL
from typeset.archive import rebuild
from typeset.build import build, lay_out
from typeset.check import check_issue
from typeset.images import prepared
from typeset.progress import Progress
from typeset.render.trace import trace
from typeset.style import MM

HEAD = MINIMAL.split("        body:")[0]
TWO_FIGURES = HEAD + """\
        body:
          - 市人大常委会召开第十九次会议，听取和审议有关报告。
          - figure:
              image: photo.jpg
              caption: 会议**现场**
              width: 120
          - 会议指出，要坚持问题导向，推动工作落实。
          - figure:
              image: images/chart.png
              caption: 五类协商议事活动安排
          - 会议要求，各单位抓好落实。
"""
RED = (200, 30, 30)
IMAGE_LINE = re.compile(r"  image (\S+) L(\d+)-L(\d+) y=([\d.]+)\.\.([\d.]+) x=([\d.]+) w=([\d.]+)")


@pytest.fixture
def two_figures(write_issue, archive):
    """An issue with an RGB JPEG photo and a grayscale PNG chart, made here with Pillow."""
    Image.new("RGB", (400, 300), RED).save(archive / "photo.jpg", "JPEG", quality=95)
    (archive / "images").mkdir()
    Image.linear_gradient("L").resize((300, 120)).save(archive / "images" / "chart.png")
    return write_issue(TWO_FIGURES)


def pdf_images(path) -> list[tuple[str, int, int, int]]:
    """Colour space, width, height and bits per component of every image the PDF's pages show."""
    with pikepdf.open(path) as pdf:
        return [(str(x.ColorSpace), int(x.Width), int(x.Height), int(x.BitsPerComponent))
                for page in pdf.pages for x in page.get_images().values()]


def test_an_issue_with_two_figures_prints_them_in_cmyk_and_gray(two_figures, tmp_path):
    target = tmp_path / "out.pdf"
    built = build(two_figures, target)
    assert [d.code for d in built.warnings] == ["image-converted"]  # the JPEG; the PNG is gray already
    assert sorted(pdf_images(target)) == [("/DeviceCMYK", 400, 300, 8), ("/DeviceGray", 300, 120, 8)]
    with pikepdf.open(target) as pdf:
        photo = next(pikepdf.PdfImage(x) for page in pdf.pages for x in page.get_images().values()
                     if x.ColorSpace == "/DeviceCMYK")
        cyan, magenta, yellow, black = photo.as_pil_image().getpixel((200, 150))
    # (200, 30, 30) with its grey taken into black: no cyan, 170 of magenta and yellow, 55 of black
    assert cyan <= 4 and abs(magenta - 170) <= 6 and abs(yellow - 170) <= 6 and abs(black - 55) <= 6


def test_the_pdf_with_figures_is_the_same_bytes_every_time(two_figures, tmp_path):
    build(two_figures, tmp_path / "a.pdf")
    build(two_figures, tmp_path / "b.pdf")
    assert (tmp_path / "a.pdf").read_bytes() == (tmp_path / "b.pdf").read_bytes()


def test_images_are_centred_on_whole_grid_lines_with_the_caption_on_the_next(two_figures):
    laid = lay_out(two_figures)
    style = laid.style
    text = trace(laid.pages)
    found = IMAGE_LINE.findall(text)
    assert [name for name, *_ in found] == ["photo.jpg", "chart.png"]
    for name, first, last, top, bottom, x, width in found:
        first, last, top, bottom, x, width = int(first), int(last), float(top), float(bottom), float(x), float(width)
        above, below = top - (first - 1), last - bottom
        assert abs(above - below) < 0.011 and 0.5 - 0.011 <= above < 1, name  # half to one line of white each side
        assert abs(x - (style.measure - width) / 2) < 0.06, name
        assert re.search(rf"  L{last + 1:02d}    14 ", text), name  # the caption, on the line after the image's
    photo, chart = (float(w) for *_, w in found)
    assert abs(photo - 120 * MM) < 0.06 and abs(chart - style.measure) < 0.06


def test_a_caption_is_set_in_the_body_font_at_its_size_and_its_glyphs_know_their_source(two_figures):
    laid = lay_out(two_figures)
    captions = [t for page in laid.pages for t in page.texts() if t.glyphs[0].span.line in (13, 18)]
    assert {t.size for t in captions} == {laid.style.caption_size} == {14.0}
    assert "".join(t.text for t in captions) == "会议现场五类协商议事活动安排"
    plain, strong = captions[0], captions[1]
    assert plain.face is laid.fonts.face_for("会", "body") and strong.face is laid.fonts.face_for("现", "heading")
    assert [(g.span.line, g.span.column) for g in plain.glyphs + strong.glyphs] == [
        (13, 24), (13, 25), (13, 28), (13, 29)]


def test_the_caption_size_is_a_setting_of_the_style(two_figures, archive):
    publication = archive / "publication.yaml"
    publication.write_text(publication.read_text(encoding="utf-8").replace("style:\n", "style:\n  caption_size: 小四\n"),
                           encoding="utf-8")
    laid = lay_out(two_figures)
    sizes = {t.size for page in laid.pages for t in page.texts() if t.text.startswith("五类")}
    assert sizes == {12.0}


def filler(lines: int) -> str:
    """Body items of one full line each."""
    return "".join(f"          - {'会议听取和审议了有关报告，指出要坚持问题导向推动落实。'[:26]}\n" for _ in range(lines))


def test_a_figure_and_its_caption_never_part_whatever_comes_before(write_issue, archive):
    Image.new("L", (400, 200), 60).save(archive / "chart.png")
    moved = 0
    for lines in range(0, 24, 2):
        source = write_issue(HEAD + "        body:\n" + filler(lines) + (
            "          - figure:\n              image: chart.png\n              caption: 图一\n" + filler(3)))
        laid = lay_out(source)
        block_bottom = laid.style.top + laid.style.lines_per_page * laid.style.pitch
        for page in laid.pages:
            images = [item for item in page.items if item.kind == "image"]
            if images:
                (image,) = images
                assert image.y + image.height <= block_bottom, lines
                assert "图一" in [t.text for t in page.texts()], lines
                previous = laid.pages[page.number - 2]
                moved += previous.number > 1 and len({t.baseline for t in previous.texts()}) < laid.style.lines_per_page
    assert moved  # some of these put the figure at a page's foot, and it went over with its caption


def truncated_jpeg(path) -> None:
    """A JPEG cut off after its first third."""
    data = io.BytesIO()
    Image.linear_gradient("L").convert("RGB").save(data, "JPEG")
    path.write_bytes(data.getvalue()[:len(data.getvalue()) // 3])


def bomb_png(path) -> None:
    """A PNG whose header claims 40000 × 40000 pixels."""
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 40000, 40000, 8, 0, 0, 0, 0))
                     + chunk(b"IDAT", zlib.compress(b"\0" * 100)) + chunk(b"IEND", b""))


@pytest.mark.parametrize("name, make, words", [
    ("cut.jpg", truncated_jpeg, "is damaged"),
    ("notes.png", lambda path: path.write_text("not an image", encoding="utf-8"), "neither a JPEG nor a PNG"),
    ("bomb.png", bomb_png, "too many pixels"),
    ("scrambled.png", lambda path: path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4), "cannot be decoded"),
])
def test_a_damaged_image_is_an_error_at_its_place(two_figures, write_issue, archive, name, make, words):
    make(archive / name)
    found = [d for d in check_issue(write_issue(TWO_FIGURES.replace("photo.jpg", name))) if d.severity == "error"]
    assert [(d.code, d.position.line, d.position.column) for d in found] == [("image", 12, 22)]
    assert words in found[0].message and name in found[0].message


def test_transparency_is_flattened_on_white(tmp_path):
    image = Image.new("RGBA", (2, 1), (255, 0, 0, 255))
    image.putpixel((1, 0), (0, 0, 255, 0))
    image.save(tmp_path / "see-through.png")
    printable = prepared(tmp_path / "see-through.png", "see-through.png")
    assert printable.pixels.mode == "CMYK" and printable.mode == "RGBA"
    assert [printable.pixels.getpixel((x, 0)) for x in (0, 1)] == [(0, 255, 255, 0), (0, 0, 0, 0)]
    gray = Image.new("LA", (1, 1), (0, 0))
    gray.save(tmp_path / "clear.png")
    clear = prepared(tmp_path / "clear.png", "clear.png")
    assert clear.pixels.getpixel((0, 0)) == 255 and clear.converted is None  # gray stays gray: nothing to say


def test_a_16_bit_gray_png_is_scaled_to_8_bits_not_clipped(tmp_path):
    Image.new("I;16", (2, 2), 30000).save(tmp_path / "deep.png")
    deep = prepared(tmp_path / "deep.png", "deep.png")
    assert deep.gray and deep.pixels.getpixel((0, 0)) == 30000 // 257


def test_a_palette_png_becomes_cmyk_and_gray_pixels_in_rgb_become_gray(tmp_path):
    Image.new("RGB", (4, 4), (10, 200, 90)).convert("P").save(tmp_path / "palette.png")
    Image.new("RGB", (4, 4), (77, 77, 77)).save(tmp_path / "grey.png")
    assert prepared(tmp_path / "palette.png", "palette.png").pixels.mode == "CMYK"
    grey = prepared(tmp_path / "grey.png", "grey.png")
    assert grey.gray and grey.pixels.getpixel((0, 0)) == 77 and "gray" in grey.converted


def test_a_rebuild_notices_a_changed_image(two_figures, archive, tmp_path):
    out = tmp_path / "build"
    first = rebuild(archive, out, 1, False, Progress(io.StringIO()))
    assert len(first.built) == 1
    assert rebuild(archive, out, 1, False, Progress(io.StringIO())).up_to_date == 1
    Image.linear_gradient("L").resize((300, 150)).save(archive / "images" / "chart.png")
    again = rebuild(archive, out, 1, False, Progress(io.StringIO()))
    assert [o.source.name for o in again.built] == [two_figures.name]
    assert sorted(height for *_, height, _ in pdf_images(out / f"{two_figures.stem}.pdf")) == [150, 300]


def test_the_press_pdf_with_figures_passes_its_preflight(two_figures):
    found = check_issue(two_figures, press=True)
    assert [d.code for d in found if d.severity == "error"] == []


def test_a_synthetic_archive_with_figures_is_the_same_every_time(tmp_path):
    from bench.synthetic import make_archive

    first = make_archive(tmp_path / "a", 4, seed=5, figures=0.6)
    second = make_archive(tmp_path / "b", 4, seed=5, figures=0.6)
    drawn = sorted((tmp_path / "a" / "images").iterdir())
    assert [p.read_bytes() for p in first] == [p.read_bytes() for p in second]
    assert [p.read_bytes() for p in drawn] == [(tmp_path / "b" / "images" / p.name).read_bytes() for p in drawn]
    assert {p.suffix for p in drawn} == {".jpg", ".png"}
    assert all(not [d for d in check_issue(source) if d.severity == "error"] for source in first)


def test_an_image_wider_than_the_block_or_taller_than_a_page_is_made_to_fit(write_issue, archive):
    Image.new("L", (20, 2000), 128).save(archive / "tall.png")
    Image.new("L", (400, 100), 128).save(archive / "wide.png")
    body = "".join(f"          - figure:\n              image: {name}\n              caption: 图\n              width: 2000\n"
                   for name in ("tall.png", "wide.png"))
    laid = lay_out(write_issue(HEAD + "        body:\n" + body))
    style = laid.style
    tall, wide = [item for page in laid.pages for item in page.items if item.kind == "image"]
    assert abs(wide.width - style.measure) < 0.01
    assert tall.height <= (style.lines_per_page - 2) * style.pitch + 0.01  # its caption and the white fit beside it
    (first, last), = [(int(a), int(b)) for name, a, b, *_ in IMAGE_LINE.findall(trace(laid.pages)) if name == "tall.png"]
    assert last - first + 1 + 1 <= style.lines_per_page  # the image's lines and the caption's on one page


def test_an_image_far_sharper_than_print_needs_is_resampled_to_300_ppi(write_issue, archive, tmp_path):
    Image.new("RGB", (3000, 1500), RED).save(archive / "photo.jpg", "JPEG")
    (archive / "images").mkdir()
    Image.new("L", (600, 240), 100).save(archive / "images" / "chart.png")  # 98 ppi across the block: kept
    build(write_issue(TWO_FIGURES.replace("width: 120", "width: 100")), tmp_path / "out.pdf")
    assert sorted(pdf_images(tmp_path / "out.pdf")) == [("/DeviceCMYK", round(100 / 25.4 * 300), 591, 8),
                                                        ("/DeviceGray", 600, 240, 8)]
