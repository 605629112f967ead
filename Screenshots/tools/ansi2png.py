#!/usr/bin/env python3
"""Render a terminal screen capture (text with SGR escape sequences, as
printed by `tmux capture-pane -p -e -N`) to a PNG that looks like a terminal.

Usage:
    python3 ansi2png.py --cols 120 --rows 40 capture.ansi out.png [--font-size 16]
    python3 ansi2png.py --check          # verify fonts / Pillow, then exit

Every cell sits on a fixed grid.  Box drawing (U+2500-U+257F), block elements
(U+2580-U+259F) and braille (U+2800-U+28FF) are drawn as shapes that fill the
cell exactly, like modern terminals do, so lines connect between cells and
braille graphs line up (use --font-glyphs to draw them from the fonts instead).
Everything else comes from DejaVu Sans Mono (Debian: fonts-dejavu-core), with
fallback fonts for glyphs it lacks.  Only Pillow is required (pip: pillow).
"""

import argparse
import os
import re
import sys
import unicodedata

try:
    from PIL import Image, ImageDraw, ImageFont
except ImportError:  # pragma: no cover - exercised by --check on bare machines
    Image = ImageDraw = ImageFont = None

# ---------------------------------------------------------------------------
# Fonts

FONT_DIRS = ["/usr/share/fonts/truetype/dejavu", "/usr/share/fonts/dejavu",
             "/usr/share/fonts/TTF", "/usr/local/share/fonts"]

PRIMARY = {  # style -> file name of DejaVu Sans Mono (fonts-dejavu-core)
    "regular": "DejaVuSansMono.ttf",
    "bold": "DejaVuSansMono-Bold.ttf",
    "italic": "DejaVuSansMono-Oblique.ttf",
    "bolditalic": "DejaVuSansMono-BoldOblique.ttf",
}

# Tried in order for characters the primary font lacks.  Missing files are
# skipped.  DejaVu Sans (fonts-dejavu-core) covers braille, arrows, math and
# many symbols; the others are optional extras if installed.
FALLBACKS = [
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/truetype/noto/NotoSansMono-Regular.ttf",
    "/usr/share/fonts/truetype/freefont/FreeMono.ttf",
    "/usr/share/fonts/truetype/freefont/FreeSerif.ttf",
    "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
    "/usr/share/fonts/opentype/unifont/unifont.otf",
    "/usr/share/fonts/truetype/unifont/unifont.ttf",
]


def find_primary(style):
    name = PRIMARY[style]
    for d in FONT_DIRS:
        p = os.path.join(d, name)
        if os.path.exists(p):
            return p
    return None


class GlyphCoverage:
    """Answers 'does this font file have a glyph for this code point?'."""

    def __init__(self, path, pil_font):
        self.cmap = None
        try:
            from fontTools.ttLib import TTFont  # optional, exact answer
            tt = TTFont(path, lazy=True, fontNumber=0)
            self.cmap = set(tt.getBestCmap() or {})
            tt.close()
        except Exception:
            self.cmap = None
        self.font = pil_font
        self.cache = {}
        self.notdef = self._mask(chr(0x10FFFD))  # private use: never mapped

    def _mask(self, ch):
        m = self.font.getmask(ch)
        return (m.size, bytes(m))

    def has(self, cp):
        if self.cmap is not None:
            return cp in self.cmap
        r = self.cache.get(cp)
        if r is None:
            r = self._mask(chr(cp)) != self.notdef
            self.cache[cp] = r
        return r


class Fonts:
    def __init__(self, size, font_path=None, bold_path=None):
        basic = ImageFont.Layout.BASIC
        self.size = size
        reg = font_path or find_primary("regular")
        if not reg:
            raise SystemExit(
                "ansi2png: DejaVu Sans Mono not found. Install the Debian "
                "package 'fonts-dejavu-core' (or pass --font PATH).")
        self.paths = {"regular": reg}
        if font_path:
            self.paths["bold"] = bold_path
        else:
            for st in ("bold", "italic", "bolditalic"):
                self.paths[st] = find_primary(st)
            if bold_path:
                self.paths["bold"] = bold_path
        self.styles = {}
        for st, p in self.paths.items():
            if p:
                self.styles[st] = ImageFont.truetype(p, size, layout_engine=basic)
        self.regular = self.styles["regular"]
        self.cover = GlyphCoverage(reg, self.regular)
        self.fallback_paths = [p for p in FALLBACKS if os.path.exists(p)
                               and os.path.realpath(p) != os.path.realpath(reg)]
        self._fallbacks = None  # loaded on first use
        self.scaled = {}
        ascent, descent = self.regular.getmetrics()
        self.ascent = ascent
        self.cell_w = max(1, int(round(self.regular.getlength("M"))))
        self.cell_h = ascent + descent

    @property
    def fallbacks(self):
        if self._fallbacks is None:
            self._fallbacks = []
            for p in self.fallback_paths:
                f = ImageFont.truetype(p, self.size, layout_engine=ImageFont.Layout.BASIC)
                self._fallbacks.append((p, f, GlyphCoverage(p, f)))
        return self._fallbacks

    def pick(self, text, bold, italic):
        """Return (font, synthetic_bold) for a cluster of text."""
        cp = ord(text[0])
        if self.cover.has(cp):
            key = ("bold" if bold else "") + ("italic" if italic else "")
            key = key or "regular"
            f = self.styles.get(key)
            if f is not None:
                return f, False
            f = self.styles.get("bold" if bold else "regular") or self.regular
            return f, bold and f is self.regular
        for path, f, cov in self.fallbacks:
            if cov.has(cp):
                return f, bold
        return None, False

    def fit(self, font, text, width_px):
        """Shrink a (fallback) font so `text` fits in width_px."""
        adv = font.getlength(text)
        if adv <= width_px + 0.5 or adv == 0:
            return font
        size = max(4, int(self.size * width_px / adv))
        key = (font.path, size)
        f = self.scaled.get(key)
        if f is None:
            f = ImageFont.truetype(font.path, size,
                                   layout_engine=ImageFont.Layout.BASIC)
            self.scaled[key] = f
        return f


# ---------------------------------------------------------------------------
# Colours

DEFAULT_FG = (0xCD, 0xD6, 0xF4)
DEFAULT_BG = (0x1E, 0x1E, 0x2E)

# 16 base colours: a dark theme in the spirit of Catppuccin Mocha, with the
# bright variants clearly distinct from the normal ones.
BASE16 = [
    (0x18, 0x18, 0x25), (0xF3, 0x8B, 0xA8), (0xA6, 0xE3, 0xA1), (0xF9, 0xE2, 0xAF),
    (0x89, 0xB4, 0xFA), (0xCB, 0xA6, 0xF7), (0x94, 0xE2, 0xD5), (0xBA, 0xC2, 0xDE),
    (0x58, 0x5B, 0x70), (0xFF, 0xA8, 0xC0), (0xC4, 0xF5, 0xBE), (0xFF, 0xF1, 0xC8),
    (0xB0, 0xCD, 0xFF), (0xE2, 0xCC, 0xFF), (0xB6, 0xF4, 0xEA), (0xF0, 0xF3, 0xFF),
]


def xterm256(i):
    if i < 16:
        return BASE16[i]
    if i < 232:
        i -= 16
        levels = (0, 95, 135, 175, 215, 255)
        return (levels[i // 36], levels[(i // 6) % 6], levels[i % 6])
    g = 8 + 10 * (i - 232)
    return (g, g, g)


PALETTE = [xterm256(i) for i in range(256)]


def blend(a, b, t):
    return tuple(int(round(x * (1 - t) + y * t)) for x, y in zip(a, b))


def parse_hex(s):
    s = s.lstrip("#")
    if len(s) != 6:
        raise argparse.ArgumentTypeError("colour must be #rrggbb")
    return tuple(int(s[i:i + 2], 16) for i in (0, 2, 4))


# ---------------------------------------------------------------------------
# Parsing

# Cell attributes (bit flags)
BOLD, DIM, ITALIC, UNDERLINE, BLINK, REVERSE, HIDDEN, STRIKE, OVERLINE, DUNDER = (
    1 << i for i in range(10))

# DEC special graphics (used when tmux emits SO/SI around ACS cells).
DEC_GRAPHICS = dict(zip(
    "`abcdefghijklmnopqrstuvwxyz{|}~+,-.0_",
    "◆▒␉␌␍␊°±␤␋┘┐┌└┼⎺⎻─⎼⎽├┤┴┬│≤≥π≠£·→←↑↓█ "))

CONTINUATION = None  # marker for the right half of a wide character


class Cell:
    __slots__ = ("text", "fg", "bg", "attrs", "ul", "width")

    def __init__(self, text=" ", fg=None, bg=None, attrs=0, ul=None, width=1):
        self.text, self.fg, self.bg, self.attrs, self.ul, self.width = (
            text, fg, bg, attrs, ul, width)


class Pen:
    def __init__(self):
        self.reset()

    def reset(self):
        self.fg = None   # None = default, int = palette index, tuple = rgb
        self.bg = None
        self.ul = None
        self.attrs = 0


def _ext_colour(params, i):
    """Parse 38/48/58 extended colour starting at params[i] (the 38 itself).
    `params` is a list of lists (colon sub-parameters). Returns (colour, next_i)."""
    head = params[i]
    if len(head) > 1:  # colon form: 38:5:n  or 38:2:[cs]:r:g:b
        sub = head[1:]
        if sub and sub[0] == 5 and len(sub) >= 2:
            return sub[1] & 255, i + 1
        if sub and sub[0] == 2:
            rgb = sub[1:]
            if len(rgb) >= 4:
                rgb = rgb[1:4]
            if len(rgb) >= 3:
                return tuple(max(0, min(255, v)) for v in rgb[:3]), i + 1
        return None, i + 1
    flat = [p[0] for p in params[i + 1:i + 5]]
    if flat and flat[0] == 5 and len(flat) >= 2:
        return flat[1] & 255, i + 3
    if flat and flat[0] == 2 and len(flat) >= 4:
        return tuple(max(0, min(255, v)) for v in flat[1:4]), i + 5
    return None, i + 1 + len(flat[:1])


def apply_sgr(pen, raw):
    params = []
    for part in (raw.split(";") if raw else ["0"]):
        sub = [int(x) if x.isdigit() else 0 for x in part.split(":")]
        params.append(sub or [0])
    i = 0
    while i < len(params):
        p = params[i][0]
        if p == 0:
            pen.reset()
        elif p == 1:
            pen.attrs |= BOLD
        elif p == 2:
            pen.attrs |= DIM
        elif p == 3:
            pen.attrs |= ITALIC
        elif p == 4:
            style = params[i][1] if len(params[i]) > 1 else 1
            pen.attrs &= ~(UNDERLINE | DUNDER)
            if style == 2:
                pen.attrs |= UNDERLINE | DUNDER
            elif style:
                pen.attrs |= UNDERLINE
        elif p in (5, 6):
            pen.attrs |= BLINK
        elif p == 7:
            pen.attrs |= REVERSE
        elif p == 8:
            pen.attrs |= HIDDEN
        elif p == 9:
            pen.attrs |= STRIKE
        elif p == 21:
            pen.attrs |= UNDERLINE | DUNDER
        elif p == 22:
            pen.attrs &= ~(BOLD | DIM)
        elif p == 23:
            pen.attrs &= ~ITALIC
        elif p == 24:
            pen.attrs &= ~(UNDERLINE | DUNDER)
        elif p == 25:
            pen.attrs &= ~BLINK
        elif p == 27:
            pen.attrs &= ~REVERSE
        elif p == 28:
            pen.attrs &= ~HIDDEN
        elif p == 29:
            pen.attrs &= ~STRIKE
        elif 30 <= p <= 37:
            pen.fg = p - 30
        elif p == 38:
            c, i = _ext_colour(params, i)
            if c is not None:
                pen.fg = c
            continue
        elif p == 39:
            pen.fg = None
        elif 40 <= p <= 47:
            pen.bg = p - 40
        elif p == 48:
            c, i = _ext_colour(params, i)
            if c is not None:
                pen.bg = c
            continue
        elif p == 49:
            pen.bg = None
        elif p == 53:
            pen.attrs |= OVERLINE
        elif p == 55:
            pen.attrs &= ~OVERLINE
        elif p == 58:
            c, i = _ext_colour(params, i)
            pen.ul = c
            continue
        elif p == 59:
            pen.ul = None
        elif 90 <= p <= 97:
            pen.fg = p - 90 + 8
        elif 100 <= p <= 107:
            pen.bg = p - 100 + 8
        i += 1


TOKEN = re.compile(
    r"\x1b\[([0-9;:<=>?]*)([ -/]*)([@-~])"      # CSI
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?"       # OSC (e.g. hyperlinks)
    r"|\x1b[PX^_][^\x1b]*(?:\x1b\\)?"             # DCS/SOS/PM/APC
    r"|\x1b[()*+][0-9A-Za-z]"                    # charset designation
    r"|\x1b."                                     # other two-byte escapes
    r"|[\x00-\x1f\x7f]"                          # C0 controls
    r"|[^\x00-\x1f\x7f\x1b]+", re.S)


def char_width(ch):
    cp = ord(ch)
    if cp < 0x300:
        return 1
    if unicodedata.combining(ch) or cp in (0x200B, 0x200C, 0x200D, 0x2060) \
            or 0xFE00 <= cp <= 0xFE0F or 0xE0100 <= cp <= 0xE01EF \
            or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def parse(text, cols, rows):
    """Turn captured text into a rows x cols grid of Cells.

    Each input line is one screen row.  A line longer than `cols` (as produced
    by `capture-pane -J` for wrapped lines) continues on the next row.  SGR
    state carries across lines, as tmux only emits changes."""
    grid = [[Cell() for _ in range(cols)] for _ in range(rows)]
    pen = Pen()
    shift_out = False
    r = c = 0
    last = None  # last written cell, for combining characters

    def put(ch, w):
        nonlocal r, c, last
        if c + w > cols:
            r, c = r + 1, 0
        if r >= rows:
            return
        cell = grid[r][c]
        cell.text, cell.fg, cell.bg, cell.attrs, cell.ul, cell.width = (
            ch, pen.fg, pen.bg, pen.attrs, pen.ul, w)
        last = cell
        for k in range(1, w):
            if c + k < cols:
                grid[r][c + k] = Cell(CONTINUATION, pen.fg, pen.bg, pen.attrs,
                                      pen.ul, 0)
        c += w

    for m in TOKEN.finditer(text):
        tok = m.group(0)
        if tok[0] == "\x1b":
            if m.group(3) == "m" and not m.group(2):
                raw = m.group(1)
                if not raw or raw[0] not in "<=>?":
                    apply_sgr(pen, raw)
            continue
        if len(tok) == 1 and (tok < " " or tok == "\x7f"):
            if tok == "\n":
                r, c, last = r + 1, 0, None
            elif tok == "\r":
                c = 0
            elif tok == "\t":
                for _ in range(8 - c % 8):
                    if c < cols:
                        put(" ", 1)
            elif tok == "\x0e":
                shift_out = True
            elif tok == "\x0f":
                shift_out = False
            elif tok == "\b":
                c = max(0, c - 1)
            continue
        for ch in tok:
            if shift_out:
                ch = DEC_GRAPHICS.get(ch, ch)
            w = char_width(ch)
            if w == 0:
                if last is not None and last.text:
                    last.text += ch
                continue
            if r >= rows:
                break
            put(ch, w)
    return grid


# ---------------------------------------------------------------------------
# Built-in glyphs: box drawing, block elements, braille

L, H, D = 1, 2, 3  # light, heavy, double

# code point -> (up, right, down, left) line kinds
BOX = {
    0x2500: (0, L, 0, L), 0x2501: (0, H, 0, H), 0x2502: (L, 0, L, 0), 0x2503: (H, 0, H, 0),
    0x250C: (0, L, L, 0), 0x250D: (0, H, L, 0), 0x250E: (0, L, H, 0), 0x250F: (0, H, H, 0),
    0x2510: (0, 0, L, L), 0x2511: (0, 0, L, H), 0x2512: (0, 0, H, L), 0x2513: (0, 0, H, H),
    0x2514: (L, L, 0, 0), 0x2515: (L, H, 0, 0), 0x2516: (H, L, 0, 0), 0x2517: (H, H, 0, 0),
    0x2518: (L, 0, 0, L), 0x2519: (L, 0, 0, H), 0x251A: (H, 0, 0, L), 0x251B: (H, 0, 0, H),
    0x251C: (L, L, L, 0), 0x251D: (L, H, L, 0), 0x251E: (H, L, L, 0), 0x251F: (L, L, H, 0),
    0x2520: (H, L, H, 0), 0x2521: (H, H, L, 0), 0x2522: (L, H, H, 0), 0x2523: (H, H, H, 0),
    0x2524: (L, 0, L, L), 0x2525: (L, 0, L, H), 0x2526: (H, 0, L, L), 0x2527: (L, 0, H, L),
    0x2528: (H, 0, H, L), 0x2529: (H, 0, L, H), 0x252A: (L, 0, H, H), 0x252B: (H, 0, H, H),
    0x252C: (0, L, L, L), 0x252D: (0, L, L, H), 0x252E: (0, H, L, L), 0x252F: (0, H, L, H),
    0x2530: (0, L, H, L), 0x2531: (0, L, H, H), 0x2532: (0, H, H, L), 0x2533: (0, H, H, H),
    0x2534: (L, L, 0, L), 0x2535: (L, L, 0, H), 0x2536: (L, H, 0, L), 0x2537: (L, H, 0, H),
    0x2538: (H, L, 0, L), 0x2539: (H, L, 0, H), 0x253A: (H, H, 0, L), 0x253B: (H, H, 0, H),
    0x253C: (L, L, L, L), 0x253D: (L, L, L, H), 0x253E: (L, H, L, L), 0x253F: (L, H, L, H),
    0x2540: (H, L, L, L), 0x2541: (L, L, H, L), 0x2542: (H, L, H, L), 0x2543: (H, L, L, H),
    0x2544: (H, H, L, L), 0x2545: (L, L, H, H), 0x2546: (L, H, H, L), 0x2547: (H, H, L, H),
    0x2548: (L, H, H, H), 0x2549: (H, L, H, H), 0x254A: (H, H, H, L), 0x254B: (H, H, H, H),
    0x2550: (0, D, 0, D), 0x2551: (D, 0, D, 0),
    0x2552: (0, D, L, 0), 0x2553: (0, L, D, 0), 0x2554: (0, D, D, 0),
    0x2555: (0, 0, L, D), 0x2556: (0, 0, D, L), 0x2557: (0, 0, D, D),
    0x2558: (L, D, 0, 0), 0x2559: (D, L, 0, 0), 0x255A: (D, D, 0, 0),
    0x255B: (L, 0, 0, D), 0x255C: (D, 0, 0, L), 0x255D: (D, 0, 0, D),
    0x255E: (L, D, L, 0), 0x255F: (D, L, D, 0), 0x2560: (D, D, D, 0),
    0x2561: (L, 0, L, D), 0x2562: (D, 0, D, L), 0x2563: (D, 0, D, D),
    0x2564: (0, D, L, D), 0x2565: (0, L, D, L), 0x2566: (0, D, D, D),
    0x2567: (L, D, 0, D), 0x2568: (D, L, 0, L), 0x2569: (D, D, 0, D),
    0x256A: (L, D, L, D), 0x256B: (D, L, D, L), 0x256C: (D, D, D, D),
    0x2574: (0, 0, 0, L), 0x2575: (L, 0, 0, 0), 0x2576: (0, L, 0, 0), 0x2577: (0, 0, L, 0),
    0x2578: (0, 0, 0, H), 0x2579: (H, 0, 0, 0), 0x257A: (0, H, 0, 0), 0x257B: (0, 0, H, 0),
    0x257C: (0, H, 0, L), 0x257D: (L, 0, H, 0), 0x257E: (0, L, 0, H), 0x257F: (H, 0, L, 0),
}

# dashed lines: code point -> (horizontal?, kind, number of dashes)
DASHES = {
    0x2504: (True, L, 3), 0x2505: (True, H, 3), 0x2506: (False, L, 3), 0x2507: (False, H, 3),
    0x2508: (True, L, 4), 0x2509: (True, H, 4), 0x250A: (False, L, 4), 0x250B: (False, H, 4),
    0x254C: (True, L, 2), 0x254D: (True, H, 2), 0x254E: (False, L, 2), 0x254F: (False, H, 2),
}

SS = 4  # supersampling factor for curves and dots


class Builtin:
    """Draws box/block/braille glyphs as 8-bit coverage masks of one cell."""

    def __init__(self, cw, ch, font_size):
        self.cw, self.ch = cw, ch
        self.light = max(1, int(round(font_size / 14.0)))
        self.heavy = 2 * self.light + 1
        # integer centre such that a light line [c - t//2, c - t//2 + t) sits
        # in the middle of the cell; every glyph uses the same centre so that
        # lines of neighbouring cells meet exactly.
        self.cx = (cw - self.light) // 2 + self.light // 2
        self.cy = (ch - self.light) // 2 + self.light // 2
        self.cache = {}

    @staticmethod
    def handles(cp):
        return (0x2500 <= cp <= 0x259F) or (0x2800 <= cp <= 0x28FF)

    def mask(self, cp):
        m = self.cache.get(cp)
        if m is None:
            m = self._make(cp)
            self.cache[cp] = m
        return m

    def _make(self, cp):
        img = Image.new("L", (self.cw, self.ch), 0)
        d = ImageDraw.Draw(img)
        if cp in BOX:
            self._box(d, *BOX[cp])
        elif cp in DASHES:
            self._dash(d, *DASHES[cp])
        elif 0x256D <= cp <= 0x2570:
            img = self._arc(cp)
        elif 0x2571 <= cp <= 0x2573:
            img = self._diagonal(cp)
        elif 0x2580 <= cp <= 0x259F:
            self._block(d, cp)
        elif 0x2800 <= cp <= 0x28FF:
            img = self._braille(cp - 0x2800)
        return img

    # -- lines -------------------------------------------------------------
    def _thick(self, kind):
        return self.heavy if kind == H else self.light

    def _span(self, centre, t):
        a = centre - t // 2
        return a, a + t  # [a, b)

    def _double(self, centre):
        t = self.light
        total = 3 * t
        a = centre - total // 2
        return (a, a + t), (a + 2 * t, a + 3 * t)  # two strokes [a,b)

    def _box(self, d, up, right, down, left):
        cw, ch = self.cw, self.ch
        cx, cy = self.cx, self.cy

        def rect(x0, y0, x1, y1):
            if x1 > x0 and y1 > y0:
                d.rectangle([x0, y0, x1 - 1, y1 - 1], fill=255)

        # extent of the vertical / horizontal strokes around the centre
        def across(kinds, centre):
            spans = []
            for k in kinds:
                if k == D:
                    spans.extend(self._double(centre))
                elif k:
                    spans.append(self._span(centre, self._thick(k)))
            if not spans:
                return None
            return min(s[0] for s in spans), max(s[1] for s in spans)

        vbox = across((up, down), cx)      # columns covered by vertical lines
        hbox = across((left, right), cy)   # rows covered by horizontal lines
        (vA, vB) = self._double(cx)        # the two vertical double strokes
        (hA, hB) = self._double(cy)        # the two horizontal double strokes

        # Single / heavy arms reach across the joint.
        for kind, direction in ((up, "u"), (right, "r"), (down, "d"), (left, "l")):
            if not kind or kind == D:
                continue
            t = self._thick(kind)
            if direction in "lr":
                y0, y1 = self._span(cy, t)
                jb = vbox or self._span(cx, t)
                if direction == "l":
                    rect(0, y0, jb[1], y1)
                else:
                    rect(jb[0], y0, cw, y1)
            else:
                x0, x1 = self._span(cx, t)
                jb = hbox or self._span(cy, t)
                if direction == "u":
                    rect(x0, 0, x1, jb[1])
                else:
                    rect(x0, jb[0], x1, ch)

        # Double arms: each of the two strokes stops where it meets the
        # perpendicular line, so corners, tees and crosses of double lines
        # show the usual "hollow" joints.
        c_span_v = self._span(cx, self.light)
        c_span_h = self._span(cy, self.light)
        if right == D or left == D:
            for side, stroke in ((-1, hA), (1, hB)):
                same = up if side < 0 else down
                opp = down if side < 0 else up
                for direction in ("l", "r"):
                    if (left if direction == "l" else right) != D:
                        continue
                    near = vA if direction == "l" else vB
                    far = vB if direction == "l" else vA
                    if same == D:
                        stop = near
                    elif same:
                        stop = c_span_v
                    elif opp == D:
                        stop = far
                    else:
                        stop = c_span_v
                    if direction == "l":
                        rect(0, stroke[0], stop[1], stroke[1])
                    else:
                        rect(stop[0], stroke[0], cw, stroke[1])
        if up == D or down == D:
            for side, stroke in ((-1, vA), (1, vB)):
                same = left if side < 0 else right
                opp = right if side < 0 else left
                for direction in ("u", "d"):
                    if (up if direction == "u" else down) != D:
                        continue
                    near = hA if direction == "u" else hB
                    far = hB if direction == "u" else hA
                    if same == D:
                        stop = near
                    elif same:
                        stop = c_span_h
                    elif opp == D:
                        stop = far
                    else:
                        stop = c_span_h
                    if direction == "u":
                        rect(stroke[0], 0, stroke[1], stop[1])
                    else:
                        rect(stroke[0], stop[0], stroke[1], ch)

    def _dash(self, d, horizontal, kind, n):
        t = self._thick(kind)
        length = self.cw if horizontal else self.ch
        seg = length / float(n)
        gap = max(1, int(round(seg / 3.0)))
        for i in range(n):
            a = int(round(i * seg + gap / 2.0))
            b = int(round((i + 1) * seg - gap / 2.0))
            if horizontal:
                y0, _ = self._span(self.cy, t)
                d.rectangle([a, y0, b - 1, y0 + t - 1], fill=255)
            else:
                x0, _ = self._span(self.cx, t)
                d.rectangle([x0, a, x0 + t - 1, b - 1], fill=255)

    def _centre(self):
        """Centre of the light line (float pixel coordinates)."""
        x0, x1 = self._span(self.cx, self.light)
        y0, y1 = self._span(self.cy, self.light)
        return (x0 + x1) / 2.0, (y0 + y1) / 2.0

    def _arc(self, cp):
        cw, ch = self.cw, self.ch
        W, Hh = cw * SS, ch * SS
        big = Image.new("L", (W, Hh), 0)
        d = ImageDraw.Draw(big)
        cx, cy = self._centre()
        t = self.light * SS
        half = t / 2.0
        X, Y = cx * SS, cy * SS
        r = min(cx, cy, cw - cx, ch - cy) * SS  # radius of the line's centre
        # directions of the two arms: ╭ right+down, ╮ left+down, ╯ left+up, ╰ right+up
        dx, dy = {0x256D: (1, 1), 0x256E: (-1, 1), 0x256F: (-1, -1), 0x2570: (1, -1)}[cp]
        ox, oy = X + dx * r, Y + dy * r   # circle centre
        start = {(1, 1): 180, (-1, 1): 270, (-1, -1): 0, (1, -1): 90}[(dx, dy)]
        rr = r + half  # Pillow strokes inwards from the bounding box
        d.arc([ox - rr, oy - rr, ox + rr, oy + rr], start, start + 90, fill=255, width=t)
        # straight parts from the ends of the arc to the cell edges
        if dx > 0:
            d.rectangle([ox, Y - half, W, Y + half - 1], fill=255)
        else:
            d.rectangle([0, Y - half, ox, Y + half - 1], fill=255)
        if dy > 0:
            d.rectangle([X - half, oy, X + half - 1, Hh], fill=255)
        else:
            d.rectangle([X - half, 0, X + half - 1, oy], fill=255)
        return big.reduce(SS)

    def _diagonal(self, cp):
        cw, ch = self.cw, self.ch
        big = Image.new("L", (cw * SS, ch * SS), 0)
        d = ImageDraw.Draw(big)
        t = self.light * SS
        if cp in (0x2571, 0x2573):
            d.line([(cw * SS, 0), (0, ch * SS)], fill=255, width=t)
        if cp in (0x2572, 0x2573):
            d.line([(0, 0), (cw * SS, ch * SS)], fill=255, width=t)
        return big.reduce(SS)

    # -- blocks ------------------------------------------------------------
    def _block(self, d, cp):
        cw, ch = self.cw, self.ch

        def fr(x0, y0, x1, y1, v=255):  # fractional rect in cell units
            a, b = int(round(x0 * cw)), int(round(y0 * ch))
            c, e = int(round(x1 * cw)), int(round(y1 * ch))
            if c > a and e > b:
                d.rectangle([a, b, c - 1, e - 1], fill=v)

        if cp == 0x2580:
            fr(0, 0, 1, .5)
        elif 0x2581 <= cp <= 0x2588:
            fr(0, 1 - (cp - 0x2580) / 8.0, 1, 1)
        elif 0x2589 <= cp <= 0x258F:
            fr(0, 0, (0x2590 - cp) / 8.0, 1)
        elif cp == 0x2590:
            fr(.5, 0, 1, 1)
        elif cp in (0x2591, 0x2592, 0x2593):
            fr(0, 0, 1, 1, {0x2591: 64, 0x2592: 128, 0x2593: 192}[cp])
        elif cp == 0x2594:
            fr(0, 0, 1, 1 / 8.0)
        elif cp == 0x2595:
            fr(7 / 8.0, 0, 1, 1)
        else:
            # quadrants U+2596..U+259F: bits UL, UR, LL, LR
            q = {0x2596: "0010", 0x2597: "0001", 0x2598: "1000", 0x2599: "1011",
                 0x259A: "1001", 0x259B: "1110", 0x259C: "1101", 0x259D: "0100",
                 0x259E: "0110", 0x259F: "0111"}[cp]
            if q[0] == "1":
                fr(0, 0, .5, .5)
            if q[1] == "1":
                fr(.5, 0, 1, .5)
            if q[2] == "1":
                fr(0, .5, .5, 1)
            if q[3] == "1":
                fr(.5, .5, 1, 1)

    # -- braille -----------------------------------------------------------
    def _braille(self, bits):
        cw, ch = self.cw, self.ch
        big = Image.new("L", (cw * SS, ch * SS), 0)
        if bits:
            d = ImageDraw.Draw(big)
            # dot numbering: 1 2 3 7 down the left column, 4 5 6 8 the right
            pos = [(0, 0), (0, 1), (0, 2), (1, 0), (1, 1), (1, 2), (0, 3), (1, 3)]
            sx, sy = cw * SS / 2.0, ch * SS / 4.0
            rad = min(sx, sy) * 0.36
            for bit, (col, row) in enumerate(pos):
                if bits & (1 << bit):
                    x = (col + 0.5) * sx
                    y = (row + 0.5) * sy
                    d.ellipse([x - rad, y - rad, x + rad, y + rad], fill=255)
        return big.reduce(SS)


# ---------------------------------------------------------------------------
# Rendering

def resolve(spec, default):
    if spec is None:
        return default
    if isinstance(spec, int):
        return PALETTE[spec]
    return spec


def render(grid, cols, rows, fonts, args):
    cw, ch = fonts.cell_w, fonts.cell_h
    pad = args.padding
    W, H_ = cols * cw + 2 * pad, rows * ch + 2 * pad
    img = Image.new("RGB", (W, H_), args.bg)
    draw = ImageDraw.Draw(img)
    builtin = None if args.font_glyphs else Builtin(cw, ch, fonts.size)
    missing = set()

    def colours(cell):
        fg_spec = cell.fg
        if (cell.attrs & BOLD) and args.bold_bright and isinstance(fg_spec, int) \
                and fg_spec < 8:
            fg_spec += 8
        fg = resolve(fg_spec, args.fg)
        bg = resolve(cell.bg, args.bg)
        if cell.attrs & REVERSE:
            fg, bg = bg, fg
        if cell.attrs & DIM:
            fg = blend(fg, bg, 0.45)
        if cell.attrs & HIDDEN:
            fg = bg
        return fg, bg

    # pass 1: backgrounds (so glyphs overhanging a cell are not clipped)
    for r in range(rows):
        y = pad + r * ch
        for c in range(cols):
            cell = grid[r][c]
            _, bg = colours(cell)
            if bg != args.bg:
                draw.rectangle([pad + c * cw, y, pad + (c + 1) * cw - 1, y + ch - 1],
                               fill=bg)

    # pass 2: glyphs and decorations
    for r in range(rows):
        y = pad + r * ch
        for c in range(cols):
            cell = grid[r][c]
            if cell.text is CONTINUATION:
                continue
            fg, bg = colours(cell)
            x = pad + c * cw
            w = max(1, cell.width)
            text = cell.text
            if len(text) > 1:  # base + combining marks: prefer a precomposed glyph
                text = unicodedata.normalize("NFC", text)
            cp = ord(text[0])
            if text != " " and cp != 0x2800 or builtin is None:
                if builtin is not None and Builtin.handles(cp) and len(text) == 1:
                    m = builtin.mask(cp)
                    img.paste(fg, (x, y, x + cw, y + ch), m)
                elif text.strip():
                    font, fake_bold = fonts.pick(text, bool(cell.attrs & BOLD),
                                                 bool(cell.attrs & ITALIC))
                    if font is None:
                        missing.add(text)
                        draw.rectangle([x + 1, y + 2, x + w * cw - 2, y + ch - 3],
                                       outline=fg)
                    else:
                        font = fonts.fit(font, text, w * cw)
                        adv = font.getlength(text)
                        tx = x + (w * cw - adv) / 2.0
                        draw.text((tx, y + fonts.ascent), text, font=font, fill=fg,
                                  anchor="ls")
                        if fake_bold:
                            draw.text((tx + 1, y + fonts.ascent), text, font=font,
                                      fill=fg, anchor="ls")
            lw = max(1, fonts.size // 14)
            ulc = resolve(cell.ul, fg) if cell.ul is not None else fg
            if cell.attrs & UNDERLINE and not cell.attrs & HIDDEN:
                uy = y + fonts.ascent + max(1, fonts.size // 10)
                uy = min(uy, y + ch - lw)
                draw.rectangle([x, uy, x + w * cw - 1, uy + lw - 1], fill=ulc)
                if cell.attrs & DUNDER:
                    uy2 = min(uy + 2 * lw, y + ch - lw)
                    draw.rectangle([x, uy2, x + w * cw - 1, uy2 + lw - 1], fill=ulc)
            if cell.attrs & STRIKE and not cell.attrs & HIDDEN:
                sy = y + int(fonts.ascent * 0.62)
                draw.rectangle([x, sy, x + w * cw - 1, sy + lw - 1], fill=fg)
            if cell.attrs & OVERLINE and not cell.attrs & HIDDEN:
                draw.rectangle([x, y, x + w * cw - 1, y + lw - 1], fill=fg)
    if missing and not args.quiet:
        sys.stderr.write("ansi2png: no glyph for %s (drawn as boxes); install "
                         "fonts-unifont for wider coverage\n"
                         % " ".join("U+%04X" % ord(t[0]) for t in sorted(missing)))
    if args.scale != 1:
        img = img.resize((int(W * args.scale), int(H_ * args.scale)), Image.LANCZOS)
    return img


def check(args):
    ok = True
    if Image is None:
        print("MISSING: Pillow  ->  pip install pillow   (or apt-get install python3-pil)")
        return 1
    reg = args.font or find_primary("regular")
    if not reg:
        print("MISSING: DejaVu Sans Mono  ->  apt-get install fonts-dejavu-core")
        return 1
    print("font: %s" % reg)
    fonts = Fonts(args.font_size, args.font, args.bold_font)
    print("cell: %dx%d px at font size %d" % (fonts.cell_w, fonts.cell_h, args.font_size))
    for name, lo, hi in (("box drawing", 0x2500, 0x257F), ("block elements", 0x2580, 0x259F),
                         ("braille", 0x2800, 0x28FF)):
        prim = sum(1 for cp in range(lo, hi + 1) if fonts.cover.has(cp))
        fb = sum(1 for cp in range(lo, hi + 1)
                 if fonts.cover.has(cp) or any(cov.has(cp) for _, _, cov in fonts.fallbacks))
        print("%-15s primary font %3d/%d, with fallbacks %3d/%d  (drawn built-in "
              "unless --font-glyphs)" % (name, prim, hi - lo + 1, fb, hi - lo + 1))
        if args.font_glyphs and fb < hi - lo + 1:
            ok = False
    print("fallbacks: %s" % (", ".join(p for p, _, _ in fonts.fallbacks) or "none"))
    return 0 if ok else 1


def main(argv=None):
    ap = argparse.ArgumentParser(
        description="Render `tmux capture-pane -p -e -N` output to a PNG.")
    ap.add_argument("input", nargs="?", help="capture file ('-' for stdin)")
    ap.add_argument("output", nargs="?", help="PNG to write")
    ap.add_argument("--cols", type=int, default=80)
    ap.add_argument("--rows", type=int, default=24)
    ap.add_argument("--font-size", type=int, default=16)
    ap.add_argument("--font", help="regular monospace font file (default DejaVu Sans Mono)")
    ap.add_argument("--bold-font", help="bold font file")
    ap.add_argument("--padding", type=int, default=10, help="margin in px (default 10)")
    ap.add_argument("--fg", type=parse_hex, default=DEFAULT_FG, help="default fg #rrggbb")
    ap.add_argument("--bg", type=parse_hex, default=DEFAULT_BG, help="default bg #rrggbb")
    ap.add_argument("--bold-bright", action="store_true",
                    help="bold also brightens colours 0-7 (xterm style)")
    ap.add_argument("--font-glyphs", action="store_true",
                    help="draw box/block/braille from fonts instead of built-in shapes")
    ap.add_argument("--scale", type=float, default=1.0, help="resize the final image")
    ap.add_argument("--check", action="store_true", help="check prerequisites and exit")
    ap.add_argument("-q", "--quiet", action="store_true")
    args = ap.parse_args(argv)
    if args.check:
        return check(args)
    if not args.input or not args.output:
        ap.error("input and output are required")
    if Image is None:
        sys.exit("ansi2png: Pillow is missing: pip install pillow "
                 "(or apt-get install python3-pil)")
    if args.cols < 1 or args.rows < 1:
        ap.error("--cols and --rows must be positive")
    if args.input == "-":
        data = sys.stdin.buffer.read()
    else:
        with open(args.input, "rb") as f:
            data = f.read()
    text = data.decode("utf-8", errors="replace")
    fonts = Fonts(args.font_size, args.font, args.bold_font)
    grid = parse(text, args.cols, args.rows)
    img = render(grid, args.cols, args.rows, fonts, args)
    img.save(args.output, "PNG", optimize=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
