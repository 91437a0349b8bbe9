package dev.passthru.runtime.fleet

import groovy.transform.CompileStatic

/** The terminal's columns and rows, from {@code $COLUMNS} and {@code $LINES} when they are set, else 80x24. */
@CompileStatic
final class TerminalSize {
    static final TerminalSize DEFAULT = new TerminalSize(80, 24)
    /** Smaller values are taken as these: a board needs room for a name and a counter. */
    static final int MIN_COLUMNS = 20, MIN_ROWS = 4

    final int columns
    final int rows

    TerminalSize(int columns, int rows) {
        this.columns = Math.max(MIN_COLUMNS, columns)
        this.rows = Math.max(MIN_ROWS, rows)
    }

    /** The size the environment gives (a value that is not a positive number is ignored). */
    static TerminalSize from(Map<String, String> env) {
        new TerminalSize(number(env?.get('COLUMNS'), DEFAULT.columns), number(env?.get('LINES'), DEFAULT.rows))
    }

    private static int number(String v, int otherwise) {
        String t = v?.trim()
        t ==~ /[1-9]\d{0,4}/ ? Integer.parseInt(t) : otherwise
    }

    @Override
    String toString() { "${columns}x${rows}" }
}
