package dev.passthru.runtime.demo

import groovy.transform.CompileStatic

/**
 * One field of an xe record: its name, its access mode as xe prints it after the name ({@code ( RO)}, {@code ( RW)},
 * {@code (SRO)}, {@code (SRW)}, {@code (MRW)}: cli_operations.ml print_field) and its value.
 */
@CompileStatic
final class DemoXeField {
    final String name
    final String mode
    final String value

    DemoXeField(String name, String mode, String value) {
        this.name = name
        this.mode = mode
        this.value = value
    }

    /** The key xe pads: the name and the mode. */
    String key() { "${name} (${mode})" }
}
