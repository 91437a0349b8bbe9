package dev.passthru.runtime.kvm.topology

import groovy.transform.CompileStatic

/** The libvirt PCI controller models a mirrored topology is built of, with the alias prefix passthru marks them by. */
@CompileStatic
enum ControllerKind {
    EXPANDER('pcie-expander-bus', 'pxb'),
    ROOT_PORT('pcie-root-port', 'rp'),
    UPSTREAM('pcie-switch-upstream-port', 'up'),
    DOWNSTREAM('pcie-switch-downstream-port', 'dp')

    /** libvirt's {@code <controller type='pci' model='...'>}. */
    final String model
    /** The part of the alias naming the kind ({@code ua-passthru-rp-...}). */
    final String tag

    ControllerKind(String model, String tag) {
        this.model = model
        this.tag = tag
    }

    /** Whether the controller has a chassis and port ({@code <target chassis= port=>}): the ports a device plugs in. */
    boolean hasChassis() { this == ROOT_PORT || this == DOWNSTREAM }
}
