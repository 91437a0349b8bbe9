package dev.passthru.runtime.hostprep

import groovy.transform.CompileStatic
import groovy.transform.EqualsAndHashCode

/**
 * One command of a passthru boot-time unit: the key passthru finds it by (a node and page size, a bridge), the
 * command systemd runs, and what the host had before passthru first changed it (null when nothing is to restore).
 */
@CompileStatic
@EqualsAndHashCode
final class UnitLine {
    final String key
    final String exec
    final String was

    UnitLine(String key, String exec, String was = null) {
        this.key = key
        this.exec = exec
        this.was = was
    }

    String toString() { "${key}: ${exec}" }
}
