package dev.passthru.dsl

import groovy.transform.CompileStatic
import groovy.transform.EqualsAndHashCode

/** Where in a recipe file something was written: the file as the user named it, and the line. */
@CompileStatic
@EqualsAndHashCode
final class SourceLocation {
    final String file
    final int line

    SourceLocation(String file, int line) {
        this.file = file
        this.line = line
    }

    @Override
    String toString() { line > 0 ? "${file}:${line}" : file }
}
