package dev.passthru.runtime.xcpng

import groovy.transform.CompileStatic

/** The two boot lines xen-cmdline edits: Xen's own and dom0's kernel's. */
@CompileStatic
enum BootLine {
    XEN('xen', "Xen's command line (xl info xen_commandline)", ''),
    DOM0('dom0', "dom0's command line (/proc/cmdline)", 'dom0:')

    /** xen-cmdline's option suffix: --get-xen, --set-dom0. */
    final String flag
    /** Where the running line is read, for messages. */
    final String running
    /** What the plan's diff puts before an option of this line. */
    final String prefix

    BootLine(String flag, String running, String prefix) {
        this.flag = flag
        this.running = running
        this.prefix = prefix
    }
}
