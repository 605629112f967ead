#ifndef MEMTOP_CNCURSESW_SHIM_H
#define MEMTOP_CNCURSESW_SHIM_H

// SwiftPM drops pkg-config -D flags, so wide-character support is switched on here.
#define NCURSES_WIDECHAR 1
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#include <locale.h>
#include <ncursesw/curses.h>

// Swift 6 rejects mutable C globals and cannot import function-like macros,
// so each one the terminal layer needs is wrapped here.
static inline WINDOW *memtop_stdscr(void) { return stdscr; }
static inline int memtop_lines(void) { return LINES; }
static inline int memtop_cols(void) { return COLS; }
static inline int memtop_colors(void) { return COLORS; }
static inline int memtop_color_pairs(void) { return COLOR_PAIRS; }
static inline attr_t memtop_a_bold(void) { return A_BOLD; }
static inline attr_t memtop_a_dim(void) { return A_DIM; }
static inline attr_t memtop_a_reverse(void) { return A_REVERSE; }
static inline attr_t memtop_a_underline(void) { return A_UNDERLINE; }
static inline attr_t memtop_a_normal(void) { return A_NORMAL; }
static inline attr_t memtop_color_pair(int n) { return COLOR_PAIR(n); }
static inline int memtop_key_resize(void) { return KEY_RESIZE; }
static inline int memtop_key_mouse(void) { return KEY_MOUSE; }
static inline int memtop_key_f(int n) { return KEY_F(n); }
static inline int memtop_err(void) { return ERR; }
static inline int memtop_key_code_yes(void) { return KEY_CODE_YES; }

/// Draws one cell: a single Unicode scalar with attributes and a colour pair.
static inline int memtop_put_cell(int y, int x, wchar_t ch, attr_t attrs, short pair) {
    cchar_t cell;
    wchar_t text[2] = { ch, 0 };
    if (setcchar(&cell, text, attrs, pair, NULL) != OK) return ERR;
    return mvadd_wch(y, x, &cell);
}

#endif
