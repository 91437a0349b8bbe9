package dev.passthru.runtime.hostprep

import dev.passthru.dsl.PciAddress
import dev.passthru.runtime.kvm.DomainXml
import dev.passthru.runtime.kvm.KvmHost
import dev.passthru.runtime.operation.FailAction
import groovy.transform.CompileStatic

/**
 * The running libvirt domains that have any of some devices as hostdevs (virsh domstate, dumpxml); none on a host
 * without virsh.
 */
@CompileStatic
final class RunningUsers {
    private RunningUsers() {}

    /**
     * Domain name to the devices of {@code devices} it has, for each running domain that has any; none on a host
     * without libvirt (no virsh: no domains, as facts reads it).
     */
    static Map<String, List<PciAddress>> of(KvmHost host, Collection<PciAddress> devices) {
        Map<String, List<PciAddress>> users = new TreeMap<>()
        if (!('virsh' in host.tools)) return users
        host.domains().each { String vm ->
            if (!host.state(vm).running) return
            List<PciAddress> mine = DomainXml.hostdevs(host.domainXml(vm)).findAll { devices.contains(it) }
            if (mine) users[vm] = mine
        }
        users
    }

    /** The refusal for a change made under running VMs' devices, or null when none runs with them. */
    static FailAction refusal(KvmHost host, Collection<PciAddress> devices, String what) {
        refusal(host, devices, what, 'devices below the bridges')
    }

    /** As above, the devices named as {@code which} (say, 'those NICs'). */
    static FailAction refusal(KvmHost host, Collection<PciAddress> devices, String what, String which) {
        Map<String, List<PciAddress>> users = of(host, devices)
        if (!users) return null
        String who = users.collect { String vm, List<PciAddress> d -> "'${vm}' (${d.join(', ')})" }.join(', ')
        new FailAction("VM${users.size() == 1 ? '' : 's'} ${who} ${users.size() == 1 ? 'is' : 'are'} running with " +
                "${which}: stop ${users.size() == 1 ? 'it' : 'them'} before ${what}")
    }
}
