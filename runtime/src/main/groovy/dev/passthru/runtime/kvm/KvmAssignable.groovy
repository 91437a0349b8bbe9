package dev.passthru.runtime.kvm

import dev.passthru.dsl.AssignableStep
import dev.passthru.dsl.PciAddress
import dev.passthru.runtime.operation.FailAction
import dev.passthru.runtime.pci.PciFunction
import dev.passthru.runtime.operation.Change
import dev.passthru.runtime.operation.Operation
import groovy.transform.CompileStatic

/**
 * verify assignable on KVM: the IOMMU is on, every device is bound to vfio-pci, and each device's IOMMU group is
 * viable: every other member is bound to vfio-pci, has no driver, or is a bridge. Verifies only: apply fails.
 */
@CompileStatic
final class KvmAssignable implements Operation<AssignableStep, KvmHost> {
    Change plan(AssignableStep step, KvmHost host) {
        List<PciAddress> devices = step.devices*.address
        List<String> problems = []
        Map<PciAddress, Integer> groups = host.iommuGroups()
        List<String> messages = host.iommuMessages()
        if (groups.isEmpty()) {
            problems << ('IOMMU is off: /sys/kernel/iommu_groups is empty' +
                    "${messages ? '' : " and the kernel logged no 'DMAR: IOMMU enabled' or 'AMD-Vi:'"}; " +
                    "enable VT-d / AMD-Vi in the firmware setup and put iommu() in the recipe's kernel { } block")
                    .toString()
            return failing(problems)
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
        if (problems) return failing(problems)
        String evidence = messages ? "kernel: ${messages.first().replaceFirst(/^\[[ 0-9.]+\] /, '').trim()}"
                : 'IOMMU groups present'
        Change.ok("${evidence}; groups ${devices.collect { groups[it] }.unique().join(', ')} viable".toString())
    }

    private static Change failing(List<String> problems) {
        Change.of(problems.collect { "- ${it}".toString() }, [new FailAction("not assignable: ${problems.join('; ')}")])
    }
}
