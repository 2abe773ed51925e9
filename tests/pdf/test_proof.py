"""What a print proof-reader measures on the reference issue, read back from its PDF (tests/printed.py)."""

from __future__ import annotations

import pytest

from printed import AXIS, CELL, LEFT, MM, RIGHT, read


@pytest.fixture(scope="module")
def printed(reference_build):
    return read(reference_build[1])


def rule_gap(printed) -> float:
    """mm from the ink of the editor line down to the top of the red rule below it."""
    editor = printed.line_with("研究室编", page=1)
    red = [rule for rule in printed.rules if rule.page == 1 and rule.top > editor.baseline]
    return (min(rule.top for rule in red) - editor.ink_bottom) / MM


def test_the_red_rule_stands_4_mm_below_the_editor_line_ink(printed):
    # GB/T 9704-2012 §7.2.7: the separator 4 mm below the line above it.
    assert 3.5 <= rule_gap(printed) <= 4.5


def test_the_red_rule_follows_its_setting(write_issue, archive, tmp_path):
    from typeset.build import build

    (archive / "publication.yaml").write_text(
        (archive / "publication.yaml").read_text(encoding="utf-8").replace("style:\n", "style:\n  header_rule_drop: 8\n"),
        encoding="utf-8")
    target = tmp_path / "out.pdf"
    build(write_issue(), target)
    assert 7.9 <= rule_gap(read(target)) <= 8.1


def centring(line) -> float:
    """pt by which a line's ink stands right of the text block's axis."""
    return line.ink_centre - AXIS


def test_every_title_is_centred_on_its_ink(printed):
    titles = [line for line in printed.lines() if line.size == 22]
    assert len(titles) >= 8 and any(line.text.endswith("”") for line in titles)
    assert [(line.text, round(centring(line), 2)) for line in titles if abs(centring(line)) > 0.5] == []


def test_centred_lines_of_page_one_are_centred_on_their_ink(printed):
    for text in ("杭州人大信息", "（普刊）", "第7期（总第695期）", "目录"):
        assert abs(centring(printed.line_with(text, page=1))) <= 0.5, text


@pytest.mark.parametrize("title", ["“三个全”助力答好考卷", "争做优化营商环境“三者”"])
def test_a_title_starting_or_ending_with_a_quote_is_centred_on_its_ink(write_issue, tmp_path, title):
    from conftest import MINIMAL
    from typeset.build import build

    target = tmp_path / "out.pdf"
    build(write_issue(MINIMAL.replace("市人大常委会召开会议", title)), target)
    assert abs(centring(read(target).line_with(title, page=2))) <= 0.5


def body_ink_edge(printed) -> float:
    """Where the ink of justified body lines ends on the right: the median over the issue."""
    edges = sorted(line.ink_right for line in printed.lines() if line.page > 1 and line.size == 16
                   and line.fonts() <= {"FandolFang-Regular"} and abs(line.glyphs[-1].x1 - RIGHT) < 0.5)
    assert len(edges) > 100
    return edges[len(edges) // 2]


def bylines(printed):
    """The byline lines: set in the byline face, in brackets."""
    return [line for line in printed.lines() if line.fonts() == {"LXGWWenKai-Regular"} and line.text[0] == "（"]


def test_bylines_end_on_the_body_ink_edge(printed):
    edge = body_ink_edge(printed)
    found = bylines(printed)
    assert len(found) == 11
    assert [(line.text, round(line.ink_right - edge, 2)) for line in found if abs(line.ink_right - edge) > 0.5] == []


def test_office_and_name_stand_one_full_character_apart(printed):
    for line in bylines(printed):
        steps = [round((b.x - a.x) / CELL, 2) for a, b in zip(line.glyphs, line.glyphs[1:])]
        # the space prints nothing: office and name are two cells apart, origin to origin
        assert 2.0 in steps and all(0.95 <= step <= 1.05 or step == 2.0 for step in steps), (line.text, steps)


@pytest.mark.parametrize("run", ["……", "…………"])
def test_an_ellipsis_prints_evenly_spaced_dots(write_issue, tmp_path, run):
    from conftest import MINIMAL
    from printed import dot_centres
    from typeset.build import build

    target = tmp_path / "out.pdf"
    build(write_issue(MINIMAL.replace("听取和审议", f"听取{run}审议")), target)
    printed = read(target)
    marks = [g for g in printed.glyphs if g.char == "…"]
    dots = sorted(g.x + centre * g.size for g in marks for centre in dot_centres(g.font, g.char))
    gaps = [b - a for a, b in zip(dots, dots[1:])]
    assert len(dots) == 3 * len(run) and max(gaps) - min(gaps) < 0.05, gaps
    before, after = (next(g for g in printed.glyphs if g.char == char) for char in "取审")
    assert abs((dots[0] + dots[-1]) / 2 - (before.x1 + after.x) / 2) < 0.3  # centred between its neighbours


def test_an_opening_mark_starts_its_line_the_same_way_everywhere(printed):
    # the reference is set 开明式, its quotes half a cell: each line-start “ has its ink at the edge
    starts = [line for line in printed.lines() if line.page > 1 and line.size == 16
              and line.text[0] in "“‘（《" and line.glyphs[0].x < LEFT + CELL]
    offsets = [round(line.glyphs[0].ink_left - LEFT, 2) for line in starts]
    assert len(starts) >= 3 and max(offsets) - min(offsets) <= 0.1, offsets


LEADS = """\
  - label: 信息摘登
    briefs:
      - text: 西湖区人大常委会围绕建设目标，积极推进工作。
        lead: 双拥工作提质增效
      - text: 滨江区人大常委会探索构建居民议事督办机制。
        lead: 滨江区
      - text: 临平区人大常委会助推老旧工业园区改造提升。
        lead: 低效用地再开发：
"""


def test_a_run_in_lead_stands_one_full_character_from_its_text(write_issue, tmp_path):
    from conftest import MINIMAL
    from typeset.build import build

    target = tmp_path / "out.pdf"
    build(write_issue(MINIMAL + LEADS), target)
    printed = read(target)

    def step_after(lead: str) -> float:
        """Cells from the lead's last glyph to the text's first, origin to origin."""
        line = next(line for line in printed.lines() if line.text.startswith(lead))
        glyphs = line.glyphs
        last = max(i for i, g in enumerate(glyphs) if g.font == "NotoSansCJKsc-Bold")
        return (glyphs[last + 1].x - glyphs[last].x) / CELL

    assert 1.95 <= step_after("双拥工作提质增效") <= 2.1  # a lead of its own: one blank cell
    assert step_after("滨江区") <= 1.1  # the text's own beginning reads on
    assert step_after("低效用地再开发：") <= 1.1  # the lead's colon separates it already


def test_a_wrapped_toc_title_hangs_its_further_lines(write_issue, tmp_path):
    from conftest import MINIMAL
    from typeset.build import build

    long_title = "市人大常委会召开会议听取和审议关于加强人大代表工作的报告"
    target = tmp_path / "out.pdf"
    build(write_issue(MINIMAL.replace("市人大常委会召开会议", long_title)), target)
    toc = [line for line in read(target).lines(page=1) if line.size == 16 and line.baseline > 300]
    first = next(i for i, line in enumerate(toc) if line.text.startswith("要闻速递"))
    column = toc[first].glyphs[4].x  # after the four-character label
    further = toc[first + 1]
    assert "".join(line.text for line in toc[first:first + 2]) == "要闻速递" + long_title
    assert abs(further.glyphs[0].x - (column + 2 * CELL)) < 0.5  # two cells in from the title column
    assert further.ink_right <= RIGHT + 0.5


def test_no_title_line_runs_from_edge_to_edge(printed):
    titles = [line for line in printed.lines() if line.size == 22]
    assert any(line.text.startswith("建德市：") for line in titles)  # it ran edge to edge on one line
    narrow = [(line.text, round(line.ink_left - LEFT, 1), round(RIGHT - line.ink_right, 1)) for line in titles
              if line.ink_left - LEFT < CELL or RIGHT - line.ink_right < CELL]
    assert narrow == []


@pytest.mark.parametrize("title, printed_lines", [
    ("区人大常委会专题部署推进全过程人民民主", ["区人大常委会专题部署", "推进全过程人民民主"]),
    ("|\n          区人大常委会专题部\n          署推进全过程人民民主", ["区人大常委会专题部", "署推进全过程人民民主"]),
])
def test_titles_break_between_words_unless_the_source_breaks_them(write_issue, tmp_path, title, printed_lines):
    from conftest import MINIMAL
    from typeset.build import build

    target = tmp_path / "out.pdf"
    build(write_issue(MINIMAL.replace("市人大常委会召开会议", title)), target)
    assert [line.text for line in read(target).lines(page=2) if line.size == 22] == printed_lines


# ---------------------------------------------------------------- the texture of punctuation

STYLES = ("quanjiao", "hangmobanjiao", "kaiming", "banjiao")


@pytest.fixture(scope="module")
def in_every_style(tmp_path_factory):
    """The reference issue built in each punctuation style: {style: printed}."""
    import shutil

    from conftest import PUBLICATION, REFERENCE
    from typeset.build import build

    built = {}
    for style in STYLES:
        folder = tmp_path_factory.mktemp(style) / "issues"
        folder.mkdir()
        text = PUBLICATION.read_text(encoding="utf-8").replace("punctuation: kaiming", f"punctuation: {style}")
        (folder / "publication.yaml").write_text(text, encoding="utf-8")
        shutil.copy(REFERENCE, folder / REFERENCE.name)
        build(folder / REFERENCE.name, folder / "out.pdf")
        built[style] = read(folder / "out.pdf")
    return built


def body_pauses(printed) -> list[list[float]]:
    """The widths of each body line's ，、 between Han characters, line by line."""
    from printed import pause_widths

    body = [line for line in printed.lines() if line.page > 1 and line.size == 16
            and line.fonts() <= {"FandolFang-Regular", "NotoSerifCJKsc-Regular"}]
    return [pause_widths(line) for line in body]


@pytest.mark.parametrize("style", STYLES)
def test_pause_marks_take_at_most_three_widths_and_neighbours_rarely_jump(in_every_style, style):
    widths = body_pauses(in_every_style[style])
    distinct = {round(width * 20) / 20 for line in widths for width in line}
    assert sum(map(len, widths)) > 200 and len(distinct) <= 3, sorted(distinct)
    pairs = [(a, b) for a, b in zip(widths, widths[1:]) if a and b]
    jumps = [pair for pair in pairs if abs(sum(pair[0]) / len(pair[0]) - sum(pair[1]) / len(pair[1])) >= 0.45]
    assert len(pairs) > 100 and len(jumps) <= 5  # the greedy composer had 42 of 114


def test_lines_do_not_mix_full_and_half_pause_marks(in_every_style):
    mixed = [line for line in body_pauses(in_every_style["quanjiao"]) if max(line, default=0) > 0.95
             and min(line, default=1) < 0.9]
    assert len(mixed) <= 3


# The print's own mid-paragraph page breaks (tests/fixtures: a blank line inside a paragraph).
PRINTED_BREAKS = [("履职活动中所", "发现的问题"), ("教育引导党员", "干部系统学"), ("站为企业开展", "法律法规宣传"),
                  ("监督，明确人", "大代表专项"), ("员，确保各项", "问题得到妥善"), ("合适工作。与", "此同时")]


def test_the_print_breaks_mid_paragraph_where_the_reference_lists_them():
    from conftest import ROOT

    extracted = (ROOT / "tests" / "fixtures" / "issue-695-extracted.txt").read_text(encoding="utf-8")
    flat = extracted.replace(",", "，").replace(" ", "")
    assert all(f"{before}\n\n{after}" in flat for before, after in PRINTED_BREAKS)


def test_lines_break_where_the_print_broke_its_pages(printed):
    body = [line.text for line in printed.lines() if line.page > 1 and line.size == 16]
    agree = [before for before, after in PRINTED_BREAKS
             if any(a.endswith(before) and b.startswith(after) for a, b in zip(body, body[1:]))]
    assert len(agree) >= 5, agree  # the greedy composer, in the GB default: 4


# ---------------------------------------------------------------- make-up

SOME_HAN = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定" \
           "行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政" \
           "四日那社义事平形相全表间样与关各重新线内数正心反你明看原"


def paragraph_of(length: int, seed: int) -> str:
    """`length` Han characters, a comma after every eleventh, and a full stop."""
    chars = []
    for i in range(length):
        chars.append(SOME_HAN[(i * 7 + seed) % len(SOME_HAN)])
        chars += ["，"] if i % 11 == 10 else []
    return "".join(chars) + "。"


def test_a_make_up_keeps_the_footer_with_text(write_issue, tmp_path):
    from conftest import MINIMAL
    from typeset.build import build, lay_out
    from typeset.layout import Typesetter
    from typeset.paginate import footer_alone, paginate

    body = "\n\n".join(paragraph_of(length, seed) for seed, length in enumerate((100, 181, 190)))
    head = MINIMAL.split("          市人大常委会召开")[0]
    source = write_issue(head + "".join(f"          {line}\n" for line in body.split("\n")))
    laid = lay_out(source)
    unmade = paginate(Typesetter(laid.style, laid.fonts).flow(laid.issue), laid.style)
    assert footer_alone(unmade)  # set at their best, the paragraphs leave the footer a page of its own
    target = tmp_path / "out.pdf"
    build(source, target)
    printed = read(target)
    last = printed.lines(page=printed.pages)
    assert printed.pages == len(unmade) and laid.spare_lines is None
    assert any(line.size == 16 for line in last) and any(line.size == 14 for line in last)


# ---------------------------------------------------------------- faces


def test_digits_and_latin_come_from_their_own_face_and_han_from_the_body_face(printed):
    body = [g for g in printed.glyphs if g.page > 1 and g.size == 16 and g.char in "0123456789%"]
    han = [g for g in printed.glyphs if g.page > 1 and g.size == 16 and g.char in "年场余名"]
    assert len(body) > 40 and {g.font for g in body} == {"NotoSerifCJKsc-Regular"}
    assert {g.font for g in han} == {"FandolFang-Regular"}


def test_the_digits_face_is_a_style_setting(write_issue, archive, tmp_path):
    from conftest import MINIMAL
    from typeset.build import build

    publication = archive / "publication.yaml"
    publication.write_text(publication.read_text(encoding="utf-8").replace(
        "style:\n", "style:\n  font_latin_body: [LXGWWenKai-Regular.ttf]\n"), encoding="utf-8")
    target = tmp_path / "out.pdf"
    build(write_issue(MINIMAL.replace("第十九次会议", "第19次会议")), target)
    digits = [g for g in read(target).glyphs if g.page == 2 and g.size == 16 and g.char in "19"]
    assert len(digits) == 2 and {g.font for g in digits} == {"LXGWWenKai-Regular"}
