// The only C in care: ncursesw's wide-character API, and small static
// inline accessors for what Swift cannot import (macros and globals).
#ifndef CARE_CNCURSES_SHIM_H
#define CARE_CNCURSES_SHIM_H

#define NCURSES_WIDECHAR 1
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#include <langinfo.h>
#include <locale.h>
#include <stdio.h>
#include <wchar.h>
#include <ncursesw/curses.h>

static inline WINDOW *care_stdscr(void) { return stdscr; }
static inline FILE *care_stdin(void) { return stdin; }
static inline FILE *care_stdout(void) { return stdout; }
static inline int care_lines(void) { return LINES; }
static inline int care_cols(void) { return COLS; }
static inline int care_colors(void) { return COLORS; }

static inline int care_a_normal(void) { return (int)A_NORMAL; }
static inline int care_a_bold(void) { return (int)A_BOLD; }
static inline int care_a_reverse(void) { return (int)A_REVERSE; }
static inline int care_a_underline(void) { return (int)A_UNDERLINE; }
static inline int care_a_dim(void) { return (int)A_DIM; }
static inline int care_color_pair(int pair) { return (int)COLOR_PAIR(pair); }

static inline int care_key_resize(void) { return KEY_RESIZE; }
static inline int care_key_code_yes(void) { return KEY_CODE_YES; }
static inline int care_err(void) { return ERR; }

/// Whether the terminal started can move the cursor anywhere (terminfo's
/// `cup`): a dumb terminal cannot, and no screen can be drawn on it.
static inline int care_can_address_cursor(void) {
    const char *cup = tigetstr("cup");
    return cup != NULL && cup != (const char *)-1;
}

/// The character set of the C library's current locale ("UTF-8", "ANSI_X3.4-1968"…).
static inline const char *care_codeset(void) { return nl_langinfo(CODESET); }

/// Sets the attributes for what is drawn next on stdscr.
static inline void care_attrset(int attributes) { wattrset(stdscr, attributes); }

/// Reads one key or character: returns OK with a character, KEY_CODE_YES
/// with a function key, or ERR on timeout.
static inline int care_get_wch(unsigned int *out) {
    wint_t value = 0;
    int result = wget_wch(stdscr, &value);
    *out = (unsigned int)value;
    return result;
}

/// Draws `count` wide characters at (y, x).
static inline int care_mvaddnwstr(int y, int x, const wchar_t *text, int count) {
    return mvaddnwstr(y, x, text, count);
}

#endif
