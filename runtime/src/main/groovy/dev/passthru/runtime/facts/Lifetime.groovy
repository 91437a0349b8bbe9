package dev.passthru.runtime.facts

import groovy.transform.CompileStatic

/** How long a fact read once stays true within a run. */
@CompileStatic
enum Lifetime {
    /** Until passthru runs any write on the host (a write may change it: drivers, files, VM configuration). */
    UNTIL_WRITE,
    /** Until the host reboots (the running kernel and its command line, IOMMU groups, Xen's view). */
    UNTIL_REBOOT,
    /** For the whole run, reboots included (the CPU topology, the tools installed, a VM's uuid). */
    RUN
}
