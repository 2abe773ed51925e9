"""The rules of Chinese line composition (GB style), as data.

Sources, cited by clause next to each table:
- clreq: W3C "Requirements for Chinese Text Layout" (https://www.w3.org/TR/clreq/),
  cited by section anchor, since its section numbers change between drafts.
- GB/T 15834-2011 标点符号用法, §5.1 (横排文稿标点符号的位置和书写形式).
- UAX #14: Unicode Line Breaking Algorithm (https://www.unicode.org/reports/tr14/).
- House style: the publication's own §7 (line composition).

Amounts are fractions of one grid cell (one em of Chinese text on the grid).
"""

from __future__ import annotations

from typing import NamedTuple

# ---------------------------------------------------------------- prohibitions

# Marks that may not start a line.
# clreq #prohibition_rules_for_line_start_end (pause/stop marks, closing quotes,
# brackets and angle brackets, connectors, interpuncts, solidi);
# GB/T 15834-2011 §5.1.1, §5.1.2 (。，、；：？！), §5.1.3 (closing halves of quotes,
# brackets, title marks), §5.1.6 (connectors), §5.1.7 (间隔号), §5.1.9 (分隔号);
# house style §7 adds ‼ ⁇ % ‰ and the ASCII twins.
NO_LINE_START = frozenset(
    "、，。．：；！？‼⁇"
    "”’」』）〕】〗］｝》〉"
    "～-–—·・‧/／%‰"
    ",.:;!?)]}"
    "\u3000"
)

# The ideographic space (U+3000) is in both lists: layout puts it only between a run-in
# lead and its text, or office and name in a byline, where it separates two parts of one
# line; at a line edge it would print as a stray indent or a ragged end.

# Marks that may not end a line.
# clreq #prohibition_rules_for_line_start_end (opening quotes, brackets, angle
# brackets); GB/T 15834-2011 §5.1.3 (opening halves), §5.1.9 (分隔号, either width);
# house style §7 adds the ASCII twins ( [ {.
NO_LINE_END = frozenset("“‘「『（〔【〖［｛《〈" "([{" "/／" "\u3000")

# ---------------------------------------------------------------- unbreakable runs

# Two-em marks whose halves may not be parted: a run of these stays on one line.
# clreq #prohibition_rules_for_unbreakable_marks; GB/T 15834-2011 §5.1.4 (破折号 ——)
# and §5.1.5 (省略号 ……). U+2015 and U+22EF are the other encodings in use.
DASHES = frozenset("—―")
ELLIPSES = frozenset("…⋯")

# Characters that join into one unbreakable word or number when adjacent:
# any printable ASCII except the space, so that `2024`, `3.5%`, `1,000`, `PDF`,
# `e` and `(0571)85250657` each stay whole.
# clreq #prohibition_rules_for_unbreakable_marks (numbers, a number and its unit
# sign, Western words); UAX #14 LB25 (numeric sequences), LB28 (AL × AL) and LB30
# (no break between a parenthesis and an adjacent letter or digit).
WORD_CHARS = frozenset(chr(code) for code in range(0x21, 0x7F)) | frozenset("‰°")

# Unicode general categories of other letters and digits that join words too
# (é, ü, α, full-width Ａ and ２); Han and kana are "Lo" and stay breakable.
# UAX #14 classes AL and NU; clreq #prohibition_rules_for_unbreakable_marks.
WORD_CATEGORIES = frozenset({"Lu", "Ll", "Lt", "Nd"})

# ---------------------------------------------------------------- widths

# Ranges of code points set as one full cell on the grid; everything else is set at
# the font's advance. clreq #characters_and_the_principles_of_setting_them_for_chinese_composition
# (Han characters and full-width punctuation occupy a square em); UAX #11 (East Asian
# Width W and F: these are its wide blocks that Chinese text uses).
FULL_WIDTH_RANGES = (
    (0x1100, 0x115F),    # Hangul Jamo leading consonants
    (0x2E80, 0x303F),    # CJK radicals, Kangxi radicals, ideographic description, CJK symbols and punctuation
    (0x3040, 0x33FF),    # kana, bopomofo, Hangul compatibility jamo, kanbun, CJK strokes, enclosed/compat
    (0x3400, 0x4DBF),    # CJK Unified Ideographs Extension A
    (0x4E00, 0x9FFF),    # CJK Unified Ideographs
    (0xA960, 0xA97F),    # Hangul Jamo Extended-A
    (0xAC00, 0xD7A3),    # Hangul syllables
    (0xF900, 0xFAFF),    # CJK Compatibility Ideographs
    (0xFE10, 0xFE19),    # vertical forms
    (0xFE30, 0xFE6F),    # CJK compatibility forms, small form variants
    (0xFF01, 0xFF60),    # full-width ASCII forms and full-width brackets
    (0xFFE0, 0xFFE6),    # full-width signs
    (0x20000, 0x3FFFD),  # CJK Unified Ideographs Extensions B and later, planes 2 and 3
)

# Marks that are "ambiguous" in East Asian Width but must be full cells in Chinese.
# House style §2 and §7.1; clreq #table_of_punctuation_marks (quotes, dashes,
# ellipsis and interpunct are full-width in Chinese text); GB/T 15834-2011 §5.1.3–5.1.5.
FULL_WIDTH_MARKS = frozenset("“”‘’—―…⋯·‧‼⁇※")

# ---------------------------------------------------------------- mark classes

# Closing-like marks: in GB style their ink sits in the left half of the em box,
# the right half is blank and may be squeezed.
# clreq #punctuation_width_adjustment (GB: 。，、：；！？ and closing brackets are
# left-aligned); GB/T 15834-2011 §5.1.1–5.1.3 (居左).
CLOSING = frozenset("，。．、：；！？" "”’）》」』】〕〗］｝〉")

# Opening-like marks: ink in the right half, blank left half.
# clreq #punctuation_width_adjustment (opening brackets are right-aligned).
OPENING = frozenset("“‘（《「『【〔〖［｛〈")

# Middle marks: ink centred, a quarter cell blank on each side.
# clreq #punctuation_width_adjustment (GB: the interpunct is centred);
# GB/T 15834-2011 §5.1.7 (间隔号 上下居中).
MIDDLE = frozenset("·・")

# Blank space at each side of a mark's cell: (left, right), fractions of a cell.
BLANK_SIDES = {
    **{mark: (0.0, 0.5) for mark in CLOSING},
    **{mark: (0.5, 0.0) for mark in OPENING},
    **{mark: (0.25, 0.25) for mark in MIDDLE},
}

# Two adjacent marks with at least this much blank between them lose this much
# (e.g. `。”` `”，` `）、` `：“` `，《` take 1.5 cells together).
# clreq #punctuation_width_adjustment; house style §7.2.
PAIR_SQUEEZE = 0.5

# A mark squeezed to fit a line keeps at least this much of its cell.
# clreq #punctuation_width_adjustment; house style §7.4 ("each down to half an em").
SQUEEZE_LIMIT = 0.5

# The pause marks (点号 within a sentence), squeezed first; the others after them.
# House style §7.4 (，、；： first, then 。？！ and quotes, brackets); GB/T 15834-2011 §3.2.
PAUSE_MARKS = frozenset("，、；：")
SQUEEZE_ORDER = {
    **{mark: 1 for mark in PAUSE_MARKS},
    **{mark: 2 for mark in CLOSING | OPENING | MIDDLE if mark not in PAUSE_MARKS},
}

# An opening mark at the start of a line keeps its whole cell, on every line alike: the
# GB full-width style sets each mark in one character's place (GB/T 15834-2011 §5.1.3:
# quotes, brackets and title marks "各占一个字位置"; clreq #punctuation_width_adjustment
# makes the line-start trim an option, and trimming only the lines that need room, as
# squeezing did, prints the same mark two ways down one margin). So the line start
# stays on the character grid and its mark is never a source of room.
TRIM_OPENING_AT_LINE_START = False

# ---------------------------------------------------------------- punctuation styles

MARKS = CLOSING | OPENING | MIDDLE
SENTENCE_ENDS = frozenset("。？！．")  # 句末点号 (GB/T 15834-2011 §3.2)


class PunctuationStyle(NamedTuple):
    """How wide a punctuation style sets each mark and which marks it may squeeze (ctex's punctstyle)."""

    half: frozenset     # marks always set in half a cell: their blank side(s) cut away
    squeeze: frozenset  # full marks that may give up their blank half, whole, to fit a line
    pairs: bool         # two adjacent full marks take a cell and a half together
    line_end_half: bool  # a closing mark at a line end always gives up its blank half


# The styles ctex/xeCJK offer (its `punctstyle`), one applied to a whole issue:
# - quanjiao 全角式, the GB default: every mark one cell (GB/T 15834-2011 §5.1; clreq
#   #punctuation_width_adjustment), adjacent marks 1.5 cells, a mark squeezed to half only
#   to fit a line;
# - hangmobanjiao 行末半角式: the same, and a closing mark at a line end always half;
# - kaiming 开明式: the sentence ends 。？！ full, every other mark half (xeCJK's definition),
#   nothing squeezed mid-line: the marks keep the widths that define the style;
# - banjiao 半角式: every mark half.
PUNCTUATION_STYLES = {
    "quanjiao": PunctuationStyle(frozenset(), MARKS, True, False),
    "hangmobanjiao": PunctuationStyle(frozenset(), MARKS, True, True),
    "kaiming": PunctuationStyle(MARKS - SENTENCE_ENDS, frozenset(), False, False),
    "banjiao": PunctuationStyle(MARKS, frozenset(), False, False),
}
DEFAULT_PUNCTUATION = "quanjiao"

# ---------------------------------------------------------------- the paragraph composer's costs

# The composer chooses a paragraph's breaks together (total fit, as Knuth and Plass's
# TeX does) by these costs, in units of one cell of spacing spread into a line.
# Spacing is the first resource (Word's 压缩标点 and Founder apply one style and absorb
# the rest in spacing), so a squeezed mark costs more than half a cell of spacing; a mark
# at the line end squeezed shows least; a line whose pause marks are part full and part
# half, or whose mean pause-mark width differs from the line above's, costs extra.
# Spacing costs in proportion to itself, not its square as TeX's badness does: a square
# evens the slack between lines by moving breaks back, where offices (and Word) fill
# each line as far as it goes. Measured on the reference issue in its style: its six
# mid-paragraph page breaks all agree with the print in proportion, four with a tenth of
# a square added, one with a whole square.
SPREAD_COST = 1.0             # per cell spread over a line, scaled up when it has fewer gaps than cells
EARLY_SPREAD = 0.01           # spacing early in a paragraph costs this much more: lines fill as far as they go
SQUEEZE_COST = {1: 0.5, 2: 0.6, 3: 0.05}  # per mark: pause marks, other marks, the line-end mark
MIXED_COST = 0.3              # a line with some pause marks squeezed and others full
NEIGHBOUR_COST = 1.0          # × the jump in mean pause-mark width (cells) from the line above
LONE_LAST_COST = 20.0         # a last line of one character (孤字, house style §4)
KINSOKU_COST = 1000.0         # a break that kinsoku forbids, taken only when no line can avoid it
LOOSEST = 4.0                 # cells: legal breaks looser than this are tried only when none is tighter
MADE_UP_LOOSEST = 2.0         # cells a line may be spread when a paragraph is made a line longer (looseness)

# A closing-like mark at the end of a line may give up its blank half, last of all.
# GB/T 15834-2011 §5.1.10; clreq #punctuation_width_adjustment; house style §7.3.
LINE_END_SQUEEZE = 0.5

# ---------------------------------------------------------------- run-in leads

# A run-in lead written apart from its text (a brief's `lead:`) is followed by one
# full-width space, as a dateline is in Chinese newspapers (`本报北京5月31日电　`) and a
# run-in head in bulletins; none after a lead that ends in a mark of its own (`西湖区：`),
# nor after a lead that is the text's own beginning, which reads on as one sentence.
RUN_IN_SEPARATOR = "\u3000"
LEAD_OWN_SEPARATORS = frozenset("：:，、；。！？—")

# ---------------------------------------------------------------- Latin in Chinese

# A gap between a Han character and a Latin letter or digit is a style setting
# (the composer's `latin_gap`, at most a quarter cell), never next to a mark.
# clreq #mixed_text_composition_in_horizontal_writing_mode; house style §7.6.
MAX_LATIN_GAP = 0.25

# A full-width character of these general categories counts as Han for that gap
# (ideographs, kana, 々); a Latin letter or digit is a narrow one that is alphanumeric.
HAN_CATEGORIES = frozenset({"Lo", "Lm"})

# ---------------------------------------------------------------- titles

# Each line of a title broken over several lines holds at least this many characters.
# House style §4 (no one- or two-character tail line); a one-character head line is
# no better, so the rule holds for every line.
SHORTEST_TITLE_LINE = 3

# A balanced line (a title, a footer group) would rather end after one of these marks,
# where a phrase ends, than inside a run of characters, which may split a word (代|表):
# such a break costs as much as this fraction of the measure, squared, in the balance of
# the line lengths. House style §4 (balanced title lines); common headline practice.
PHRASE_BREAK_AFTER = frozenset("：，、；！？”’）》」』】")
PLAIN_BREAK_PENALTY = 0.3

# ---------------------------------------------------------------- the editor's checklist

# A 破折号 is two em dashes, `——` (GB/T 15834-2011 §4.10.2). One em dash alone is the
# 一字线 form of the 连接号, which joins the two ends of a range (§4.13.3.2: 1031—1095,
# 北京—上海): `check` warns on a single dash unless digits stand on both sides of it.
SINGLE_DASHES = frozenset("—―")

# Quotes within quotes: double outside, single inside (GB/T 15834-2011 §4.8.3.4:
# 外面一层用双引号，里面一层用单引号); `check` warns on ‘…’ not inside “…”.
OUTER_QUOTES = ("“", "”")
INNER_QUOTES = ("‘", "’")
