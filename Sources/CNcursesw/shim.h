// The one door to ncursesw. Macros and globals that do not import cleanly into Swift 6
// (stdscr, LINES, COLS, KEY_F, attribute bits) are wrapped in static inline functions here.
// NCURSES_WIDECHAR turns on the wide-character API. _XOPEN_SOURCE is deliberately not defined: it changes
// glibc's struct layouts (ucontext, fpstate) against the ones Swift's own modules were built with, and clang
// refuses to mix the two definitions.
#ifndef GUITAI_CNCURSESW_SHIM_H
#define GUITAI_CNCURSESW_SHIM_H

#define NCURSES_WIDECHAR 1
#include <locale.h>
#include <langinfo.h>
#include <signal.h>
#include <wchar.h>
#include <ncursesw/curses.h>

static inline WINDOW *guitai_stdscr(void) { return stdscr; }
static inline int guitai_lines(void) { return LINES; }
static inline int guitai_cols(void) { return COLS; }
static inline int guitai_key_f(int n) { return KEY_F(n); }
static inline int guitai_key_resize(void) { return KEY_RESIZE; }
static inline int guitai_ok(void) { return OK; }
static inline int guitai_key_code_yes(void) { return KEY_CODE_YES; }
static inline attr_t guitai_a_normal(void) { return A_NORMAL; }
static inline attr_t guitai_a_bold(void) { return A_BOLD; }
static inline attr_t guitai_a_reverse(void) { return A_REVERSE; }
static inline attr_t guitai_a_underline(void) { return A_UNDERLINE; }
static inline attr_t guitai_a_dim(void) { return A_DIM; }
static inline attr_t guitai_color_pair(int n) { return COLOR_PAIR(n); }

/// Draws one cell's text (a UTF-8 string of one character) at (y, x) with attributes.
static inline int guitai_put_cell(int y, int x, const char *utf8, attr_t attributes) {
    wchar_t wide[8] = {0};
    size_t n = mbstowcs(wide, utf8, 7);
    if (n == (size_t)-1 || n == 0) { wide[0] = L'?'; wide[1] = 0; }
    cchar_t cell;
    // The wide API carries the colour pair apart from the attributes.
    setcchar(&cell, wide, attributes & ~A_COLOR, (short)PAIR_NUMBER(attributes), NULL);
    return mvadd_wch(y, x, &cell);
}

// Signals only set flags; the loop acts on them (doing work inside a handler is how terminals get wedged).
static volatile sig_atomic_t guitai_signal_seen = 0;
static inline void guitai_on_signal(int signal) { guitai_signal_seen = signal; }
static inline void guitai_install_signal_handlers(void) {
    struct sigaction action;
    action.sa_handler = guitai_on_signal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = 0;
    sigaction(SIGTERM, &action, NULL);
    sigaction(SIGHUP, &action, NULL);
    signal(SIGPIPE, SIG_IGN);
}
static inline int guitai_take_signal(void) { int s = guitai_signal_seen; guitai_signal_seen = 0; return s; }

#endif
