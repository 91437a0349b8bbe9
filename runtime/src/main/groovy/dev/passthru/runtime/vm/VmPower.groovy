package dev.passthru.runtime.vm

import groovy.transform.CompileStatic

/** A VM's power state as its flavour's tool printed it, and what passthru makes of it. */
@CompileStatic
final class VmPower {
    /** What passthru distinguishes. */
    static enum Kind { RUNNING, STOPPED, OTHER }

    final Kind kind
    /** As the tool printed it ({@code shut off}, {@code halted}, {@code paused} ...). */
    final String shown

    private VmPower(Kind kind, String shown) {
        this.kind = kind
        this.shown = shown
    }

    /** virsh domstate: {@code running}, {@code shut off}, and libvirt's other states. */
    static VmPower ofVirsh(String state) {
        new VmPower(state == 'running' ? Kind.RUNNING : state == 'shut off' ? Kind.STOPPED : Kind.OTHER, state)
    }

    /** xe power-state: {@code running}, {@code halted}, {@code paused}, {@code suspended}. */
    static VmPower ofXe(String state) {
        new VmPower(state == 'running' ? Kind.RUNNING : state == 'halted' ? Kind.STOPPED : Kind.OTHER, state)
    }

    boolean isRunning() { kind == Kind.RUNNING }

    String toString() { shown }
}
