package dev.passthru.runtime.kvm

import dev.passthru.runtime.pci.PciFunction

import dev.passthru.dsl.Device
import dev.passthru.dsl.PciAddress
import dev.passthru.runtime.engine.Check
import dev.passthru.runtime.engine.StepFailedException
import dev.passthru.runtime.engine.StepHandler
import groovy.transform.CompileStatic

/**
 * verify assignable: the IOMMU is on, every device is bound to vfio-pci, and each device's IOMMU group is
 * viable: every other member is bound to vfio-pci, has no driver, or is a bridge. Verifies only.
 */
@CompileStatic
class VfioAssignableHandler implements StepHandler {
    private final KvmHost host
    private final List<PciAddress> devices
    private List<String> problems = []

    VfioAssignableHandler(KvmHost host, List<Device> devices) { this.host = host; this.devices = devices*.address }

    Check check() {
        problems = []
        Map<PciAddress, Integer> groups = host.iommuGroups()
        List<String> messages = host.iommuMessages()
        if (groups.isEmpty()) {
            problems << ('IOMMU is off: /sys/kernel/iommu_groups is empty' +
                    "${messages ? '' : " and the kernel logged no 'DMAR: IOMMU enabled' or 'AMD-Vi:'"}; " +
                    "enable VT-d / AMD-Vi in the firmware setup and put iommu() in the recipe's kernel { } block")
                    .toString()
            return Check.change(problems.collect { "- ${it}".toString() })
        }
        List<PciFunction> fns = host.functions()
        devices.each { PciAddress a ->
            PciFunction f = fns.find { it.address == a }
            if (f == null) { problems << "${a} is not on this host (lspci -nnk -D)".toString(); return }
            if (f.driver != 'vfio-pci') {
                problems << "${a} is bound to ${f.driver ?: 'no driver'}, not vfio-pci".toString()
            }
            String g = IommuGroups.notViable(a, groups, fns, devices)
            if (g) problems << g
        }
        if (problems) return Check.change(problems.collect { "- ${it}".toString() })
        String evidence = messages ? "kernel: ${messages.first().replaceFirst(/^\[[ 0-9.]+\] /, '').trim()}"
                : 'IOMMU groups present'
        Check.ok("${evidence}; groups ${devices.collect { groups[it] }.unique().join(', ')} viable".toString())
    }

    void apply(Check before) { throw new StepFailedException("not assignable: ${problems.join('; ')}") }
}
