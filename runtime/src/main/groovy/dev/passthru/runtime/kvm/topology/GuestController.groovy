package dev.passthru.runtime.kvm.topology

import dev.passthru.dsl.PciAddress
import groovy.transform.CompileStatic
import groovy.transform.EqualsAndHashCode

/**
 * One PCI controller of the mirrored layout: what it is, which host bridge it stands for, and where it plugs in
 * (its parent's alias and slot). Indexes and chassis numbers are given when the layout is written into a domain.
 */
@CompileStatic
@EqualsAndHashCode
final class GuestController {
    /** The alias prefix of every controller passthru places: libvirt keeps user aliases ({@code ua-}) as written. */
    static final String ALIAS_PREFIX = 'ua-passthru-'

    final ControllerKind kind
    /** The user alias that marks it as passthru's, e.g. {@code ua-passthru-rp-0000-17-00-0}. */
    final String alias
    /** The alias of the controller it plugs into, or null for pcie-root. */
    final String parent
    /** Its slot on the parent's bus, or null to let libvirt choose (an expander bus on pcie-root). */
    final Integer slot
    /** The host bridge it mirrors (null for an expander bus). */
    final PciAddress host
    /** The host NUMA node it belongs to. */
    final int hostNode
    /** The guest NUMA cell (an expander bus's {@code <node>}), or null. */
    final Integer cell
    /** The first bus number of an expander bus ({@code <target busNr>}), or null. */
    final Integer busNr

    GuestController(ControllerKind kind, String alias, String parent, Integer slot, PciAddress host, int hostNode,
            Integer cell, Integer busNr) {
        this.kind = kind
        this.alias = alias
        this.parent = parent
        this.slot = slot
        this.host = host
        this.hostNode = hostNode
        this.cell = cell
        this.busNr = busNr
    }

    /** The alias of a controller of {@code kind} for host bridge {@code a}. */
    static String aliasOf(ControllerKind kind, PciAddress a) {
        ALIAS_PREFIX + kind.tag + '-' + a.toString().replaceAll(/[:.]/, '-')
    }

    /** The alias of the expander bus for host NUMA node {@code node}. */
    static String expanderAlias(int node) { "${ALIAS_PREFIX}${ControllerKind.EXPANDER.tag}-node${node}".toString() }

    /** How a plan line names it: {@code pcie-expander-bus node 0 busNr 238}, {@code pcie-root-port for host ...}. */
    String describe() {
        kind == ControllerKind.EXPANDER ? "${kind.model} node ${hostNode} busNr ${busNr}".toString()
                : "${kind.model} for host ${host}".toString()
    }
}
