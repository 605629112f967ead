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

/// Reports button-1 presses (a click focuses a panel); nothing else, so text selection in
/// terminals that support shift-click keeps working.
static inline void memtop_enable_mouse(void) {
    mousemask(BUTTON1_PRESSED | BUTTON1_CLICKED, NULL);
    mouseinterval(0);
}

/// Reads a pending mouse event; returns 1 with the cell of a button-1 press, else 0.
static inline int memtop_read_mouse(int *x, int *y) {
    MEVENT e;
    if (getmouse(&e) != OK) return 0;
    if (!(e.bstate & (BUTTON1_PRESSED | BUTTON1_CLICKED))) return 0;
    *x = e.x;
    *y = e.y;
    return 1;
}

/// Reads one key or character, waiting up to the window's timeout.
static inline int memtop_get_wch(wint_t *ch) { return wget_wch(stdscr, ch); }

/// Draws one cell: a single Unicode scalar with attributes and a colour pair.
static inline int memtop_put_cell(int y, int x, wchar_t ch, attr_t attrs, short pair) {
    cchar_t cell;
    wchar_t text[2] = { ch, 0 };
    if (setcchar(&cell, text, attrs, pair, NULL) != OK) return ERR;
    return mvadd_wch(y, x, &cell);
}

#endif
