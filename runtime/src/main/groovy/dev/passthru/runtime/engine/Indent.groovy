package dev.passthru.runtime.engine

import groovy.transform.CompileStatic

/** Messages of several lines (a command's whole stderr) printed as one block under the line that introduces them. */
@CompileStatic
final class Indent {
    private Indent() {}

    /** {@code text} with every line after the first indented by {@code indent}; null stays null. */
    static String under(String text, String indent) {
        text == null ? null : text.readLines().join('\n' + indent)
    }
}
