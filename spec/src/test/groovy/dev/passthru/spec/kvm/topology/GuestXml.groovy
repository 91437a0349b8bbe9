package dev.passthru.spec.kvm.topology

import dev.passthru.dsl.PciAddress
import groovy.xml.XmlSlurper
import groovy.xml.slurpersupport.GPathResult

/**
 * A domain XML read for the specs' structure checks (with Groovy's XmlSlurper, not passthru's DomainXml): PCI
 * controllers by index and what they plug into, where each hostdev sits, the NUMA cells, the vCPU pins. Works the
 * same on what passthru writes and on libvirt's read-back.
 */
final class GuestXml {
    final GPathResult domain

    GuestXml(String xml) { domain = new XmlSlurper().parseText(xml) }

    List<GPathResult> controllers(String model) {
        domain.devices.controller.findAll { it.@type == 'pci' && it.@model == model }.collect { it as GPathResult }
    }

    GPathResult controller(int index) {
        domain.devices.controller.find { it.@type == 'pci' && (it.@index as String) as int == index } as GPathResult
    }

    /** The index of the controller a device or controller plugs into (its address's bus). */
    static int parent(GPathResult e) { Integer.decode(e.address.@bus as String) }

    static int index(GPathResult c) { (c.@index as String) as int }

    /** The expander buses as [busNr, node] pairs, by index. */
    List<List<Integer>> expanders() {
        controllers('pcie-expander-bus').collect {
            [Integer.decode(it.target.@busNr as String), (it.target.node.text()) as int]
        }
    }

    /** Every hostdev with the given host address. */
    List<GPathResult> hostdevs(PciAddress a) {
        domain.devices.hostdev.findAll { h ->
            def s = h.source.address
            Integer.decode(s.@bus as String) == a.bus && Integer.decode(s.@slot as String) == a.slot &&
                    Integer.decode(s.@function as String) == a.function
        }.collect { it as GPathResult }
    }

    /** The chain of controllers above a host device's hostdev, nearest first, as their models. */
    List<String> chain(PciAddress a) { chainOf(a)*.@model*.toString() }

    /** The controllers above a host device's hostdev, nearest first, up to (without) pcie-root. */
    List<GPathResult> chainOf(PciAddress a) {
        List<GPathResult> up = []
        int bus = parent(hostdevs(a)[0])
        while (bus != 0) {
            GPathResult c = controller(bus)
            up << c
            bus = c.address.@bus.isEmpty() ? 0 : parent(c)
        }
        up
    }

    /** The cells as [id, cpus, memory KiB]. */
    List<List<Object>> cells() {
        domain.cpu.numa.cell.collect { [(it.@id as String) as int, it.@cpus as String, (it.@memory as String) as long] }
    }

    /** vCPU to host CPU, from cputune's vcpupins. */
    Map<Integer, Integer> pins() {
        domain.cputune.vcpupin.collectEntries { [((it.@vcpu as String) as int): (it.@cpuset as String) as int] }
    }

    /** The memnodes as [cellid, mode, nodeset]. */
    List<List<String>> memnodes() {
        domain.numatune.memnode.collect { [it.@cellid as String, it.@mode as String, it.@nodeset as String] }
    }
}
