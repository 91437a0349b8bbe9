package dev.passthru.runtime.hostprep

import dev.passthru.dsl.PciAddress
import dev.passthru.runtime.pcie.AcsBits
import dev.passthru.runtime.pcie.PcieFunction
import dev.passthru.runtime.pcie.PciePortType
import dev.passthru.runtime.pcie.PcieTree
import groovy.transform.CompileStatic

/**
 * Which bridges acs { } sets for a set of devices: every root port and switch downstream port on their paths (ACS
 * is a downstream port's control, PCIe base spec 6.12; a switch upstream port has none to set), each to the value
 * asked within the bits its ACS capability has. Pure.
 */
@CompileStatic
final class AcsBridges {
    /** The bits Linux needs a downstream port to have on to isolate what is below it (drivers/pci/pci.c). */
    static final int ISOLATING = 0x0001 | 0x0004 | 0x0008 | 0x0010

    private AcsBridges() {}

    /** The downstream ports on the devices' paths, top down, each once. */
    static List<PcieFunction> bridges(PcieTree tree, Collection<PciAddress> devices) {
        LinkedHashMap<PciAddress, PcieFunction> seen = [:]
        devices.each { PciAddress d ->
            tree.path(d).findAll { PcieFunction f -> f.type != PciePortType.UPSTREAM_PORT }
                    .each { PcieFunction f -> seen.putIfAbsent(f.address, f) }
        }
        seen.values().toList()
    }

    /** The bridges without an ACS capability (acs { } cannot set them). */
    static List<PcieFunction> withoutAcs(PcieTree tree, Collection<PciAddress> devices) {
        bridges(tree, devices).findAll { PcieFunction f -> !f.hasAcs() }
    }

    /** The bridges with ACS and the value each gets. */
    static List<AcsTarget> targets(PcieTree tree, Collection<PciAddress> devices, int control) {
        bridges(tree, devices).findAll { PcieFunction f -> f.hasAcs() }
                .collect { PcieFunction f -> new AcsTarget(f, control & f.acsCap) }
    }

    /**
     * The isolating bits {@code value} leaves off though the bridge has them (pci_acs_flags_enabled asks only for the
     * bits the capability has): the devices below such a bridge are not isolated from each other.
     */
    static List<String> isolationLost(AcsTarget t) {
        int needed = ISOLATING & t.bridge.acsCap
        AcsBits.set(needed & ~t.value)
    }

    /** Every function below {@code bridge} in the tree. */
    static List<PciAddress> below(PcieTree tree, PciAddress bridge) {
        tree.functions().findAll { PcieFunction f -> tree.path(f.address)*.address.contains(bridge) }*.address
    }
}
