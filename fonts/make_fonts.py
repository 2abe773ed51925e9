#!/usr/bin/env python3
"""Rebuild the fonts shipped in this folder from their Debian sources.

Needs only Python 3 and fontTools (tested with fontTools 4.68.0).

    python fonts/make_fonts.py SOURCE_DIR [SOURCE_DIR ...] OUT_DIR
    python fonts/make_fonts.py --convert FONT.otf FONT.ttf

The second form converts the CFF outlines of any one font to TrueType, as
below, so that reportlab can embed it (an office's own licensed .otf faces).

Each source file is looked up by its file name in the SOURCE_DIRs (first
match wins):

    NotoSerifCJK-Regular.ttc   (Debian fonts-noto-cjk)
    NotoSerifCJK-Bold.ttc      (Debian fonts-noto-cjk)
    NotoSansCJK-Bold.ttc       (Debian fonts-noto-cjk)
    FandolFang-Regular.otf     (Debian texlive-lang-chinese)
    LXGWWenKai-Regular.ttf     (Debian fonts-lxgw-wenkai)

What is done (see README.md for the reasons):

* Noto CJK faces: the Simplified Chinese face is taken from the collection
  (found by its family name, normally index 2), subset to every character
  of Python's 'gbk' codec in U+0020..U+FFFF plus a fixed list of Chinese
  punctuation, with OpenType layout features and hinting dropped and every
  name-table record kept (the family stays "Noto Serif CJK SC" etc.), then
  its CFF outlines are converted to TrueType (glyf) quadratic outlines with
  cu2qu (maximum error 1 font unit, contour direction reversed).
* FandolFang: every glyph is kept; only the CFF -> glyf conversion is done.
* LXGW WenKai: copied byte for byte (its names are Reserved Font Names).

A short modification notice is appended to name ID 10 (description) of
every converted font. Timestamps are kept from the sources, so the same
sources and fontTools version give byte-identical outputs.
"""

import argparse
import hashlib
import os
import shutil
import sys
import time
from concurrent.futures import ProcessPoolExecutor

from fontTools import subset
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTFont, TTCollection, newTable

MAX_ERR = 1.0  # font units
MODIFIED = "2026-11-27"

# Chinese punctuation and symbols kept whatever GBK says (GB/T 15834, clreq),
# plus U+3000 IDEOGRAPHIC SPACE.
EXTRA_MARKS = (
    "“”‘’—―…·、，。．：；！？‼⁇」『』（）〔〕【】〖〗［］｛｝《》〈〉～–‧／％‰「"
    "\u3000"
)

RECIPES = [
    # out file, source file, family to pick from a collection, subset?
    dict(out="FandolFang-Regular.ttf", src="FandolFang-Regular.otf",
         family=None, subset=False),
    dict(out="NotoSerifCJKsc-Regular.ttf", src="NotoSerifCJK-Regular.ttc",
         family="Noto Serif CJK SC", subset=True),
    dict(out="NotoSerifCJKsc-Bold.ttf", src="NotoSerifCJK-Bold.ttc",
         family="Noto Serif CJK SC", subset=True),
    dict(out="NotoSansCJKsc-Bold.ttf", src="NotoSansCJK-Bold.ttc",
         family="Noto Sans CJK SC", subset=True),
    dict(out="LXGWWenKai-Regular.ttf", src="LXGWWenKai-Regular.ttf",
         copy=True),
]


def gbk_codepoints():
    """Every code point in U+0020..U+FFFF that Python's 'gbk' codec encodes."""
    keep = []
    for cp in range(0x20, 0x10000):
        try:
            chr(cp).encode("gbk")
        except UnicodeEncodeError:
            continue
        keep.append(cp)
    return keep


def wanted_codepoints():
    cps = set(gbk_codepoints())
    cps.update(ord(c) for c in EXTRA_MARKS)
    cps.update(range(0x20, 0x7F))
    return sorted(cps)


def find_source(name, dirs):
    for d in dirs:
        p = os.path.join(d, name)
        if os.path.isfile(p):
            return p
    raise SystemExit("source file %s not found in: %s" % (name, ", ".join(dirs)))


def open_face(path, family):
    """Open a font; for a collection, the face whose name ID 1 is `family`."""
    if not path.lower().endswith((".ttc", ".otc")):
        return TTFont(path, lazy=False)
    n = len(TTCollection(path, lazy=True).fonts)
    for i in range(n):
        f = TTFont(path, fontNumber=i, lazy=True)
        if f["name"].getDebugName(1) == family:
            f.close()
            return TTFont(path, fontNumber=i, lazy=False)
        f.close()
    raise SystemExit("no face with family %r in %s" % (family, path))


def subset_face(font, codepoints):
    opts = subset.Options()
    opts.layout_features = []      # the composer positions every glyph itself
    opts.hinting = False
    opts.desubroutinize = True
    opts.name_IDs = ["*"]          # keep copyright, licence, trademark, family
    opts.name_languages = ["*"]
    opts.name_legacy = True
    opts.notdef_outline = True
    opts.glyph_names = False
    opts.recalc_timestamp = False
    sub = subset.Subsetter(opts)
    sub.populate(unicodes=codepoints)
    sub.subset(font)


def cff_to_glyf(font, max_err=MAX_ERR):
    """Replace the CFF table by quadratic glyf outlines (fontTools otf2ttf)."""
    assert font.sfntVersion == "OTTO" and "CFF " in font
    order = font.getGlyphOrder()
    gs = font.getGlyphSet()
    glyphs = {}
    for name in order:
        pen = TTGlyphPen(None)
        gs[name].draw(Cu2QuPen(pen, max_err, reverse_direction=True))
        glyphs[name] = pen.glyph()

    vorg = font["VORG"] if "VORG" in font else None

    font["loca"] = newTable("loca")
    glyf = font["glyf"] = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = glyphs
    del font["CFF "]
    if vorg is not None:
        del font["VORG"]
    glyf.compile(font)  # computes bounding boxes

    hmtx = font["hmtx"]
    vmtx = font["vmtx"] if "vmtx" in font else None
    for name, g in glyf.glyphs.items():
        if not hasattr(g, "xMin"):
            continue
        hmtx[name] = (hmtx[name][0], g.xMin)
        if vmtx is not None and vorg is not None:
            origin = vorg.VOriginRecords.get(name, vorg.defaultVertOriginY)
            vmtx[name] = (vmtx[name][0], origin - g.yMax)

    maxp = font["maxp"] = newTable("maxp")
    maxp.tableVersion = 0x00010000
    maxp.numGlyphs = len(order)
    maxp.maxZones = 1
    maxp.maxTwilightPoints = 0
    maxp.maxStorage = 0
    maxp.maxFunctionDefs = 0
    maxp.maxInstructionDefs = 0
    maxp.maxStackElements = 0
    maxp.maxSizeOfInstructions = 0
    maxp.maxComponentElements = 0

    post = font["post"]
    post.formatType = 3.0          # no glyph names (CID-keyed sources have none worth keeping)
    post.extraNames = []
    post.mapping = {}

    font["head"].glyphDataFormat = 0
    font.sfntVersion = "\x00\x01\x00\x00"


def add_notice(font, what):
    name = font["name"]
    notice = ("Modified Version (%s): %s; CFF outlines converted to TrueType "
              "(glyf) outlines with fontTools cu2qu, max error %g unit; "
              "hinting dropped. This is not the original font."
              % (MODIFIED, what, MAX_ERR))
    old = name.getName(10, 3, 1, 0x409)
    text = (old.toUnicode() + " | " + notice) if old else notice
    name.setName(text, 10, 3, 1, 0x409)


def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def build(recipe, src, out_dir):
    t0 = time.time()
    dst = os.path.join(out_dir, recipe["out"])
    if recipe.get("copy"):
        shutil.copyfile(src, dst)
        return dst, time.time() - t0, "copied unmodified"
    font = open_face(src, recipe["family"])
    font.recalcTimestamp = False
    missing = []
    if recipe["subset"]:
        cps = wanted_codepoints()
        have = font.getBestCmap()
        missing = [cp for cp in cps if cp not in have]
        subset_face(font, cps)
        what = ("subset to the GBK character set plus Chinese punctuation, "
                "OpenType layout features dropped")
    else:
        what = "all glyphs kept"
    cff_to_glyf(font)
    add_notice(font, what)
    font.save(dst)
    info = "%d glyphs" % font["maxp"].numGlyphs
    if missing:
        info += "; source lacks %d requested code points: %s" % (
            len(missing), " ".join("U+%04X" % c for c in missing[:20])
            + (" ..." if len(missing) > 20 else ""))
    return dst, time.time() - t0, info


def convert(argv):
    """Convert one font's CFF outlines to TrueType (glyf): make_fonts.py --convert IN OUT."""
    ap = argparse.ArgumentParser(
        prog="make_fonts.py --convert",
        description="Convert one font's PostScript (CFF) outlines to TrueType (glyf) "
                    "outlines, so that reportlab can embed it.")
    ap.add_argument("source", help="the .otf font file")
    ap.add_argument("target", help="the .ttf file to write")
    ap.add_argument("--face", type=int, default=0, help="face index in a collection (.ttc/.otc)")
    args = ap.parse_args(argv)
    font = TTFont(args.source, fontNumber=args.face)
    if font.sfntVersion != "OTTO" or "CFF " not in font:
        ap.error("%s has no CFF outlines; it needs no conversion" % args.source)
    font.recalcTimestamp = False
    cff_to_glyf(font)
    add_notice(font, "all glyphs kept")
    font.save(args.target)
    print("%s: %d glyphs" % (args.target, font["maxp"].numGlyphs))
    return 0


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--convert"]:
        return convert(argv[1:])
    ap = argparse.ArgumentParser(
        description="Rebuild the shipped fonts: subset the Noto CJK SC faces "
                    "to GBK, convert CFF outlines to TrueType so reportlab "
                    "can load them, copy LXGW WenKai unmodified.",
        epilog="Example (Debian): python fonts/make_fonts.py "
               "/usr/share/fonts/opentype/noto "
               "/usr/share/fonts/truetype/lxgw-wenkai "
               "texlive/usr/share/texlive/texmf-dist/fonts/opentype/public/fandol "
               "fonts")
    ap.add_argument("sources", nargs="+", metavar="SOURCE_DIR",
                    help="folders holding the source font files (searched in order)")
    ap.add_argument("out_dir", metavar="OUT_DIR", help="where to write the fonts")
    ap.add_argument("-j", "--jobs", type=int, default=min(4, os.cpu_count() or 1),
                    help="fonts built in parallel (each needs about 0.4 GB)")
    ap.add_argument("--only", action="append", metavar="OUT_NAME",
                    help="build only this output file (repeatable)")
    args = ap.parse_args(argv)

    recipes = [r for r in RECIPES if not args.only or r["out"] in args.only]
    if not recipes:
        ap.error("--only matched nothing; outputs are: "
                 + ", ".join(r["out"] for r in RECIPES))
    os.makedirs(args.out_dir, exist_ok=True)
    jobs = [(r, find_source(r["src"], args.sources)) for r in recipes]

    with ProcessPoolExecutor(max_workers=max(1, args.jobs)) as ex:
        futs = [ex.submit(build, r, src, args.out_dir) for r, src in jobs]
        for (r, src), fut in zip(jobs, futs):
            dst, secs, info = fut.result()
            print("%-28s %9d bytes  %5.1f s  sha256 %s  (%s; from %s)" % (
                r["out"], os.path.getsize(dst), secs, sha256(dst), info,
                os.path.basename(src)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
