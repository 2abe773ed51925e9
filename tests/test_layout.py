"""The compose stage for a whole issue: header block, TOC, titles, bylines, footer, page numbers."""

from __future__ import annotations

import pytest

from conftest import MINIMAL
from typeset.build import lay_out
from typeset.compose.lines import Piece
from typeset.style import MM

BRIEFS = """\
  - label: 信息摘登
    briefs:
      - text: 西湖区人大常委会围绕建设目标，积极推进工作。
        byline: 西湖区人大常委会办公室 方敏杰
      - text: 滨江区人大常委会探索构建居民议事督办机制。
        lead: 滨江区
"""


def lines_of(page) -> dict[float, str]:
    """A page's text by baseline."""
    lines: dict[float, str] = {}
    for run in sorted(page.texts(), key=lambda r: (r.baseline, r.x + r.glyphs[0].x)):
        lines[round(run.baseline, 2)] = lines.get(round(run.baseline, 2), "") + run.text
    return lines


def test_toc_counts_the_briefs_and_lists_titles(write_issue):
    laid = lay_out(write_issue(MINIMAL + BRIEFS))
    first = list(lines_of(laid.pages[0]).values())
    assert "要闻速递市人大常委会召开会议" in first
    assert "信息摘登2则" in first


def test_a_briefs_section_is_headed_by_its_label(write_issue):
    laid = lay_out(write_issue(MINIMAL + BRIEFS.replace("label: 信息摘登", "label: 简讯")))
    headings = [run for page in laid.pages[1:] for run in page.texts() if run.face.name == "NotoSansCJKsc-Bold"]
    assert headings[0].text == "简讯"
    assert "简讯2则" in list(lines_of(laid.pages[0]).values())


def test_a_long_label_moves_the_toc_titles_right_instead_of_overlapping(write_issue):
    laid = lay_out(write_issue(MINIMAL.replace("label: 要闻速递", "label: 要闻速递动态信息")))
    row = next(runs for runs in [sorted(laid.pages[0].texts(), key=lambda r: r.x + r.glyphs[0].x)]
               if any(r.text == "要闻速递动态信息" for r in runs))
    label = next(r for r in row if r.text == "要闻速递动态信息")
    title = next(r for r in row if r.text.startswith("市人大常委会召开会议"))
    label_end = label.x + label.glyphs[-1].x + label.glyphs[-1].width
    assert title.x + title.glyphs[0].x >= label_end + laid.style.cell / 2


def test_header_lines_and_red_rules(write_issue):
    laid = lay_out(write_issue())
    first = list(lines_of(laid.pages[0]).values())
    assert first[:4] == ["杭州人大信息", "（普刊）", "第8期（总第696期）", "杭州市人大常委会研究室编2024年6月28日"]
    rules = [item for item in laid.pages[0].items if item.kind == "rule"]
    assert {rule.paint.name for rule in rules} == {"red"} and len(rules) == 2
    assert rules[0].thickness > rules[1].thickness


def test_byline_is_flush_right_in_the_byline_font(write_issue):
    laid = lay_out(write_issue())
    style = laid.style
    byline = next(run for run in laid.pages[1].texts() if run.text.startswith("（办公厅"))
    last = byline.glyphs[-1]
    ink_right = byline.x + last.x + byline.face.bounds(last.char)[2] * byline.size
    assert byline.face.name == "LXGWWenKai-Regular" and last.char == "）"
    assert style.left + style.measure - 2.5 < ink_right <= style.left + style.measure  # the ）'s ink at the edge


def test_brief_lead_is_set_in_the_heading_font(write_issue):
    laid = lay_out(write_issue(MINIMAL + BRIEFS))
    runs = [run for page in laid.pages for run in page.texts()]
    lead = next(run for run in runs if run.text.startswith("滨江区") and run.size == 16)
    assert lead.face.name == "NotoSansCJKsc-Bold" and lead.text == "滨江区"


def test_footer_groups_align_after_the_prefix_and_rules_close_the_block(write_issue):
    laid = lay_out(write_issue())
    style = laid.style
    last = laid.pages[-1]
    send = next(run for run in last.texts() if run.text.startswith("送"))
    groups = [run for run in last.texts() if run.text.startswith(("省人大", "市人大常委会组成"))]
    assert len({round(run.x + run.glyphs[0].x, 2) for run in groups}) == 1
    assert groups[0].x + groups[0].glyphs[0].x > send.x + send.glyphs[0].x
    rules = sorted((item for item in last.items if item.kind == "rule"), key=lambda r: r.y)
    bottom = style.top + style.block_height * 72 / 25.4
    assert len(rules) == 3 and abs(rules[-1].y + rules[-1].thickness / 2 - bottom) < 0.01
    assert rules[1].thickness < rules[0].thickness == rules[2].thickness


def test_long_title_wraps_into_balanced_lines(write_issue):
    long_title = "关于进一步加强和改进新时代人大代表工作推动代表履职取得新成效的调研报告"
    laid = lay_out(write_issue(MINIMAL.replace("市人大常委会召开会议", long_title)))
    title_runs = [run for run in laid.pages[1].texts() if run.size == 22]
    lengths = [len(run.text) for run in title_runs]
    assert "".join(run.text for run in title_runs) == long_title
    assert len(lengths) == 2 and abs(lengths[0] - lengths[1]) <= 2


def test_page_numbers_alternate_sides_and_skip_page_one(write_issue, archive):
    publication = archive / "publication.yaml"
    publication.write_text(publication.read_text(encoding="utf-8").replace("style:\n", "style:\n  page_numbers: true\n"),
                           encoding="utf-8")
    body = "\n\n".join(["          会议指出，要坚持问题导向，推动工作落实，切实提高工作实效。" * 3] * 12)
    laid = lay_out(write_issue(MINIMAL + "      - title: 第二篇\n        body: |\n" + body + "\n"))
    style = laid.style
    numbers = {page.number: [r for r in page.texts() if "—" in r.text] for page in laid.pages}
    assert numbers[1] == [] and len(laid.pages) >= 3
    even, odd = numbers[2][0], numbers[3][0]
    assert even.text.replace(" ", "") == "—2—" and even.x + even.glyphs[0].x < style.left + style.measure / 2
    assert odd.x + odd.glyphs[0].x > style.left + style.measure / 2
    assert even.face.name == odd.face.name == "NotoSerifCJKsc-Regular" and even.size == 14, "四号 Song digits"
    block_foot = style.top + style.block_height * MM
    assert even.baseline - 0.27 * 14 == pytest.approx(block_foot + 7 * MM), "the dashes 7 mm below the block"
    assert numbers[len(laid.pages)] == [], "the 版记 page carries none"


def test_narrow_marks_are_seated_where_their_ink_belongs(write_issue):
    laid = lay_out(write_issue(MINIMAL.replace("办公厅 张三", "“三农”办公室 张三")))
    from typeset.layout import Typesetter

    setter = Typesetter(laid.style, laid.fonts)
    narrow = laid.fonts.advance("“", "byline")
    assert narrow < 0.5, "LXGW WenKai draws quotes narrow"
    composed = setter.lines([Piece(c, "byline") for c in "“三农”"], 16, laid.style.measure, 28)[0]
    (run,) = setter.runs(composed, 16, 0)
    opening, closing = run.glyphs[0], run.glyphs[-1]
    assert abs(opening.x - (composed.glyphs[0].x + (1 - narrow) * 16)) < 1e-6
    assert closing.x == composed.glyphs[-1].x


def test_the_halves_of_a_dash_pair_meet_in_the_middle(write_issue):
    laid = lay_out(write_issue())
    from typeset.layout import Typesetter

    setter = Typesetter(laid.style, laid.fonts)
    left, right = laid.fonts.ink("—", "title")
    assert left > 0.01 and right < 0.95, "Noto Serif's dash has side bearings"
    composed = setter.lines([Piece(c, "title") for c in "人民——代表"], 22, 22 * 18, 18)[0]
    (run,) = setter.runs(composed, 22, 0)
    first, second = run.glyphs[2], run.glyphs[3]
    first_ink_end, second_ink_start = first.x + right * 22, second.x + left * 22
    assert 0 < first_ink_end - second_ink_start < 0.05 * 22, "the inks overlap a little, leaving no gap"


def title_rows(laid) -> list[str]:
    """The text of each title line on page 2, top to bottom."""
    size = laid.style.title_size
    return [text for baseline, text in lines_of(laid.pages[1]).items()
            if any(run.size == size and round(run.baseline, 2) == baseline for run in laid.pages[1].texts())]


def test_an_explicit_break_sets_the_title_in_two_centred_lines(write_issue):
    laid = lay_out(write_issue(MINIMAL.replace("市人大常委会召开会议", "|\n          市人大常委会\n          召开会议")))
    assert title_rows(laid) == ["市人大常委会", "召开会议"]
    style = laid.style
    for run in (run for run in laid.pages[1].texts() if run.size == style.title_size):
        left, right = run.x + run.glyphs[0].x, run.x + run.glyphs[-1].x + run.glyphs[-1].width
        assert abs((left + right) / 2 - (style.left + style.measure / 2)) < 0.5
    assert "要闻速递市人大常委会召开会议" in list(lines_of(laid.pages[0]).values())


def test_a_folded_title_is_one_line_without_a_space(write_issue):
    laid = lay_out(write_issue(MINIMAL.replace("市人大常委会召开会议", "市人大常委会\n          召开会议")))
    assert title_rows(laid) == ["市人大常委会召开会议"]


def test_each_part_of_a_broken_title_still_wraps_and_all_its_lines_are_rows(write_issue):
    from typeset.layout import Typesetter
    from typeset.source import Located

    laid = lay_out(write_issue())
    setter = Typesetter(laid.style, laid.fonts)
    long_part = "关于进一步加强和改进新时代人大代表工作推动代表履职取得新成效"
    rows = setter.title(Located("调研报告\n" + long_part, "x.yaml", ()))
    texts = ["".join(run.text for run in row.items) for row in rows if row.kind == "title"]
    assert texts[0] == "调研报告" and len(texts) == 3 and "".join(texts[1:]) == long_part
    assert [row.glue_before for row in rows] == [False, False, True, True]


def test_layout_sets_strong_inlines_in_the_heading_font(write_issue):
    laid = lay_out(write_issue(MINIMAL.replace("会议指出", "**会议指出**")))
    runs = [run for page in laid.pages[1:] for run in page.texts() if "会议指出" in run.text or "要坚持" in run.text]
    assert [(run.text[:4], run.face.name) for run in runs[:2]] == [("会议指出", "NotoSansCJKsc-Bold"),
                                                              ("，要坚持", "FandolFang-Regular")]


def test_an_explicit_break_ends_the_line_there_without_an_indent_after(write_issue):
    laid = lay_out(write_issue(MINIMAL.replace("听取和审议有关报告。", "听取和审议\\\n          有关报告。")))
    body = [line for line in lines_of(laid.pages[1]).values() if "有关报告" in line or "审议" in line]
    assert body == ["市人大常委会召开第十九次会议，听取和审议", "有关报告。"]
    first, second = (next(r for r in laid.pages[1].texts() if r.text.startswith(t)) for t in ("市人大常委会召开第", "有关"))
    assert second.x + second.glyphs[0].x == pytest.approx(laid.style.left)  # no indent after a break
    assert first.x + first.glyphs[0].x > laid.style.left + laid.style.cell  # the paragraph's indent
