package dev.passthru.runtime.xcpng

import dev.passthru.dsl.PciAddress
import groovy.transform.CompileStatic

import static dev.passthru.runtime.shell.ShellQuote.command

/** Every command passthru sends to an XCP-ng host, built with the one quoting function. */
@CompileStatic
final class XcpngCommands {
    static final String XEN_CMDLINE = '/opt/xensource/libexec/xen-cmdline'

    private XcpngCommands() {}

    static String getHidden() { command(XEN_CMDLINE, '--get-dom0', XcpngOutput.HIDE_KEY) }

    static String setHidden(List<PciAddress> devices) {
        command(XEN_CMDLINE, '--set-dom0', "${XcpngOutput.HIDE_KEY}=${XcpngOutput.hideValue(devices)}".toString())
    }

    static String deleteHidden() { command(XEN_CMDLINE, '--delete-dom0', XcpngOutput.HIDE_KEY) }

    static String assignableList() { command('xl', 'pci-assignable-list') }

    /** xl info with the CPU and device NUMA topology tables. */
    static String xlInfoNuma() { command('xl', 'info', '-n') }

    /** Reads one Xen (hypervisor) boot option, e.g. extra_guest_irqs. */
    static String getXen(String key) { command(XEN_CMDLINE, '--get-xen', key) }

    /** Reads one option of a boot line ({@code line}: xen or dom0) for the next boot. */
    static String getBootOption(BootLine line, String key) {
        command(XEN_CMDLINE, "--get-${line.flag}".toString(), key)
    }

    /** Sets one option ({@code key=value} or a flag) of a boot line for the next boot. */
    static String setBootOption(BootLine line, String token) {
        command(XEN_CMDLINE, "--set-${line.flag}".toString(), token)
    }

    /** Deletes one option of a boot line for the next boot. */
    static String deleteBootOption(BootLine line, String key) {
        command(XEN_CMDLINE, "--delete-${line.flag}".toString(), key)
    }

    /** Every VM (not dom0) with what the checks need: name, power state, devices, CPU mask. */
    static String vmRecords() {
        command('xe', 'vm-list', 'is-control-domain=false',
                'params=uuid,name-label,power-state,other-config,VCPUs-params')
    }

    static String vmList(String nameLabel) {
        command('xe', 'vm-list', "name-label=${nameLabel}".toString(), '--minimal')
    }

    static String vmParamGet(String uuid, String param) {
        command('xe', 'vm-param-get', "uuid=${uuid}".toString(), "param-name=${param}".toString())
    }

    static String setPci(String uuid, List<PciEntry> entries) {
        command('xe', 'vm-param-set', "uuid=${uuid}".toString(),
                "other-config:pci=${XcpngOutput.pciValue(entries)}".toString())
    }

    static String removePci(String uuid) {
        command('xe', 'vm-param-remove', "uuid=${uuid}".toString(), 'param-name=other-config', 'param-key=pci')
    }

    static String removeMask(String uuid) {
        command('xe', 'vm-param-remove', "uuid=${uuid}".toString(), 'param-name=VCPUs-params', 'param-key=mask')
    }

    static String setMask(String uuid, Collection<Integer> cpus) {
        command('xe', 'vm-param-set', "uuid=${uuid}".toString(), "VCPUs-params:mask=${cpus.join(',')}".toString())
    }

    static String vmStart(String uuid) { command('xe', 'vm-start', "uuid=${uuid}".toString()) }

    static String vmShutdown(String uuid) { command('xe', 'vm-shutdown', "uuid=${uuid}".toString()) }
}
