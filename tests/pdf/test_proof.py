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
        (archive / "publication.yaml").read_text(encoding="utf-8").replace("style: {}", "style:\n  header_rule_drop: 8"),
        encoding="utf-8")
    target = tmp_path / "out.pdf"
    build(write_issue(), target)
    assert 7.9 <= rule_gap(read(target)) <= 8.1


def centring(line) -> float:
    """pt by which a line's ink stands right of the text block's axis."""
    return line.ink_centre - AXIS


def test_every_title_is_centred_on_its_ink(printed):
    titles = [line for line in printed.lines() if line.size == 22]
    assert len(titles) == 9 and any(line.text.endswith("”") for line in titles)
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


def test_an_opening_mark_starts_its_line_on_the_grid_everywhere(printed):
    starts = [line for line in printed.lines() if line.page > 1 and line.size == 16
              and line.text[0] in "“‘（《" and line.glyphs[0].x < LEFT + CELL]
    assert len(starts) >= 4
    assert [(line.page, line.text[:6], round(line.glyphs[0].x - LEFT, 2)) for line in starts
            if abs(line.glyphs[0].x - LEFT) > 0.1] == []


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
    assert any(line.text == "建德市：大洋镇“三比拼”" for line in titles)  # it ran edge to edge on one line
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
