"""The normalisation rules one by one, the structure of submissions, and Word's automatic numbers."""

from __future__ import annotations

import pytest
from lxml import etree

from typeset.importing.model import Block, Note, Run, Styled
from typeset.importing.normalise import normalise
from typeset.importing.numbering import Numbering, chinese
from typeset.importing.structure import articles_of, briefs_of

RULES = [  # (text, kind, result, [(character, old, new or None)])
    ("会议指出,要坚持问题导向:推动落实;真的?好!", "body", "会议指出，要坚持问题导向：推动落实；真的？好！",
     [(5, ",", "，"), (13, ":", "："), (18, ";", "；"), (21, "?", "？"), (23, "!", "！")]),
    ("时间为10:30,共1,000人", "body", "时间为10:30，共1,000人", [(9, ",", "，")]),
    ("Word, Excel and PDF", "body", "Word, Excel and PDF", []),
    ("电话(0571)85250657", "body", "电话（0571）85250657", [(3, "(", "（"), (8, ")", "）")]),
    ('他说"要抓落实"。', "body", "他说“要抓落实”。", [(3, '"', "“"), (8, '"', "”")]),
    ("他说'好'，don't", "body", "他说‘好’，don't", [(3, "'", "‘"), (5, "'", "’")]),
    ('"一"二"', "body", '“一”二"', [(1, '"', "“"), (3, '"', "”"), (5, '"', None)]),
    ("零距离—山区", "body", "零距离—山区", []),
    ("答复--超期", "body", "答复——超期", [(3, "--", "——")]),
    ("答复———超期――再议——好", "body", "答复——超期——再议——好", [(3, "———", "——"), (8, "――", "——")]),
    ("问题...等。。。还有…和………", "body", "问题……等……还有……和……", [(3, "...", "……"), (7, "。。。", "……"),
                                                              (12, "…", "……"), (14, "………", "……")]),
    ("按 照 规定，在　会上", "body", "按照规定，在会上", [(2, " ", ""), (4, " ", ""), (9, "\u3000", "")]),
    ("共 12 件，Word 文档", "body", "共12件，Word文档", [(2, " ", ""), (5, " ", ""), (12, " ", "")]),
    ("１２６件ＡＢｃ", "body", "126件ABc", [(1, "１２６", "126"), (5, "ＡＢｃ", "ABc")]),
    ("1.加强领导", "body", "1．加强领导", [(2, ".", "．")]),
    ("1.5倍", "body", "1.5倍", []),
    ("　　今年以来，\n工作推进。  ", "body", "今年以来，工作推进。", [(1, "\u3000\u3000", ""), (8, "\n", ""),
                                                      (14, "  ", "")]),
    ("ABC\nDEF", "body", "ABC DEF", [(4, "\n", " ")]),
    ("西湖区人大常委会办公室　 张三  李四", "byline", "西湖区人大常委会办公室 张三 李四",
     [(12, "\u3000 ", " "), (16, "  ", " ")]),
    ("区人大(办公室) 张三", "byline", "区人大（办公室） 张三", [(4, "(", "（"), (8, ")", "）")]),
]


@pytest.mark.parametrize("text, kind, result, changes", RULES, ids=[r[0][:10] for r in RULES])
def test_each_rule_changes_what_it_says_at_the_place_it_says(text, kind, result, changes):
    done, made = normalise(Styled.plain(text, 3), kind)
    assert done.text == result
    assert [(c.char, c.old, c.new) for c in made] == changes
    assert all(c.place == 3 for c in made)


def test_no_normalise_runs_only_the_structural_rules():
    done, made = normalise(Styled.plain("　　会议指出,要\n坚持\"问题\"导向", 1), "body", everything=False)
    assert done.text == '会议指出,要坚持"问题"导向'
    assert [c.rule.name for c in made] == ["indent", "line-break"]


def test_bold_follows_the_characters_through_the_changes():
    text = Styled("一是,加强", (True, True, True, False, False), 1)
    done, _made = normalise(text, "body")
    assert done.markup() == "**一是，**加强"


def block(text: str, **style) -> Block:
    """A block of one plain run."""
    return Block((Run(text),), **style)


def test_a_centred_or_larger_paragraph_starts_an_article_and_a_byline_closes_one():
    blocks = [block("第一篇标题", align="center", size=22), block("第一段。", size=12), block("（甲办公室 张三）", size=12),
              block("第二篇标题", size=12), block("第二段。", size=12), block("乙办公室 李四", align="right", size=12)]
    articles = articles_of(blocks, [])
    assert [(a.title.text, [p.text for p in a.paragraphs], a.byline.text) for a in articles] == [
        ("第一篇标题", ["第一段。"], "甲办公室 张三"), ("第二篇标题", ["第二段。"], "乙办公室 李四")]


def test_a_byline_under_the_title_and_one_at_the_end_of_the_last_paragraph():
    under = articles_of([block("标题", heading=True), block("（办公室 王五）"), block("正文。")], [])
    assert (under[0].byline.text, [p.text for p in under[0].paragraphs]) == ("办公室 王五", ["正文。"])
    trailing = articles_of([block("标题"), block("正文第一段。"), block("正文。（区人大常委会办公室 张三）")], [])
    assert [p.text for p in trailing[0].paragraphs] == ["正文第一段。", "正文。"]
    assert trailing[0].byline.text == "区人大常委会办公室 张三"


def test_text_before_a_styled_title_is_noted_and_a_bold_paragraph_later_stays_body():
    notes: list[Note] = []
    blocks = [block("附件2"), Block((Run("真正的标题", True),), align="center"), block("正文。"),
              Block((Run("一、加强领导", True),)), block("正文二。")]
    articles = articles_of(blocks, notes)
    assert len(articles) == 1 and articles[0].title.text == "真正的标题"
    assert [p.markup() for p in articles[0].paragraphs] == ["正文。", "**一、加强领导**", "正文二。"]
    assert notes == [Note(1, "text before the title was left out: 附件2")]


def test_briefs_pair_each_paragraph_with_the_byline_after_it():
    briefs = briefs_of([block("第一条信息。"), block("（甲 张三）"), block("第二条信息。（乙办公室 李四）"), block("第三条。")], [])
    assert [(b.text.text, b.byline and b.byline.text) for b in briefs] == [
        ("第一条信息。", "甲 张三"), ("第二条信息。", "乙办公室 李四"), ("第三条。", None)]


@pytest.mark.parametrize("number, text", [(1, "一"), (10, "十"), (11, "十一"), (20, "二十"), (35, "三十五"),
                                          (100, "一百"), (105, "一百零五"), (1010, "一千零一十")])
def test_chinese_counting(number, text):
    assert chinese(number) == text


NUMBERING = """<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
  <w:abstractNum w:abstractNumId="7">
    <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>
    <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>
    <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%3."/></w:lvl>
    <w:lvl w:ilvl="3"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="•"/></w:lvl>
  </w:abstractNum>
  <w:num w:numId="1"><w:abstractNumId w:val="7"/></w:num>
  <w:num w:numId="2"><w:abstractNumId w:val="7"/>
    <w:lvlOverride w:ilvl="0"><w:startOverride w:val="3"/></w:lvlOverride></w:num>
</w:numbering>"""


def test_word_numbers_count_per_list_and_restart_below_a_higher_level():
    numbering = Numbering.read(etree.fromstring(NUMBERING))
    asked = [("1", 0), ("1", 1), ("1", 1), ("1", 2), ("1", 0), ("1", 1), ("1", 3), ("2", 0), ("2", 0), ("9", 0)]
    assert [numbering.next(num, level) for num, level in asked] == [
        "一、", "（一）", "（二）", "1.", "二、", "（一）", "", "三、", "四、", ""]


def test_an_author_line_centred_under_the_title_is_its_byline_and_a_date_line_is_left_out():
    notes: list[Note] = []
    blocks = [block("余杭区：代表联络站提质扩面", align="center", size=22),
              block("余杭区人大常委会办公室　赵六", align="center", size=16),
              block("正文一段。", size=16), block("2024年5月20日", align="right", size=16)]
    (article,) = articles_of(blocks, notes)
    assert article.byline.text == "余杭区人大常委会办公室　赵六"
    assert [p.text for p in article.paragraphs] == ["正文一段。"]
    assert notes == [Note(4, "a date line was left out: 2024年5月20日")]


def test_a_title_in_two_lines_set_alike_is_one_title():
    blocks = [block("关于进一步加强", align="center", size=22), block("代表工作的报告", align="center", size=22),
              block("正文。", size=16)]
    (article,) = articles_of(blocks, [])
    assert article.title_text() == "关于进一步加强\n代表工作的报告"


def test_an_unbracketed_signature_line_at_the_end_is_the_byline():
    (article,) = articles_of([block("标题"), block("正文一段。"), block("西湖区人大常委会办公室　张三 李四")], [])
    assert article.byline.text == "西湖区人大常委会办公室　张三 李四"
    (words,) = articles_of([block("标题"), block("正文一段。"), block("下一步 继续推进")], [])
    assert words.byline is None and words.paragraphs[-1].text == "下一步 继续推进"
    (sentence,) = articles_of([block("标题"), block("正文一段。"), block("下一步，我们 将继续推进")], [])
    assert sentence.byline is None and sentence.paragraphs[-1].text == "下一步，我们 将继续推进"


def printed(text: str, x0: float, size: float = 16) -> "Line":
    """A printed line of one glyph per character from x0, a size apart."""
    from typeset.importing.pdf import Glyph, Line

    return Line(1, [Glyph(char, x0 + i * size, x0 + (i + 1) * size, 700, size, "F") for i, char in enumerate(text)])


def test_page_numbers_are_told_from_a_paragraphs_last_line_of_digits():
    from typeset.importing.pdf import page_number

    body = printed("正文一行，写满了整整一行的文字。", 79)
    assert page_number(printed("—2—", 280), False, [body])
    assert page_number(printed("3", 290), True, [body, printed("3", 290)])
    assert not page_number(printed("2024", 79), True, [body, printed("2024", 79)])
    assert not page_number(printed("3", 290), False, [body])
