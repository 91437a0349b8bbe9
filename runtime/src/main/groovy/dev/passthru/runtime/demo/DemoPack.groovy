package dev.passthru.runtime.demo

import groovy.transform.CompileStatic

/** A supplemental pack ISO on the demo host, and whether it is applied and waiting for a reboot. */
@CompileStatic
final class DemoPack {
    /** The ISO's path on the host. */
    final String iso
    /** The update's name-label and version (from the pack's metadata). */
    final String label
    final String version
    /** xe-install-supplemental-pack applied it. */
    boolean installed
    /** Applied, and the host has not booted since (the host's updates-requiring-reboot lists it). */
    boolean rebootNeeded

    DemoPack(String iso, String label, String version, boolean installed, boolean rebootNeeded) {
        this.iso = iso
        this.label = label
        this.version = version
        this.installed = installed
        this.rebootNeeded = rebootNeeded
    }

    /** The update's uuid. */
    String uuid() { UUID.nameUUIDFromBytes("demo update ${label} ${version}".bytes).toString() }

    /** Loaded in this boot (installed, and the host rebooted since). */
    boolean loaded() { installed && !rebootNeeded }
}
