package dev.passthru.runtime.detect

import dev.passthru.dsl.FlavourName
import groovy.transform.CompileStatic

/**
 * Pure: which flavour a host is, from its /etc/os-release and the tools {@code command -v} found.
 * XCP-ng says so in os-release (ID=xcp-ng; XenServer's ID=xenenterprise), or has xe and xl; a host with
 * virsh is KVM with libvirt; a host with xl and neither xe nor virsh is a Xen host without XAPI, which the XCP-ng
 * flavour serves with its xl-level steps. Anything else is undecided (null), and the user is asked to say.
 */
@CompileStatic
final class HostKind {
    private HostKind() {}

    static FlavourName decide(Map<String, String> osRelease, Set<String> tools) {
        String id = osRelease.ID
        if (id in ['xcp-ng', 'xenenterprise'] || ('xe' in tools && 'xl' in tools)) return FlavourName.XCPNG
        if ('virsh' in tools) return FlavourName.KVM
        if ('xl' in tools) return FlavourName.XCPNG
        null
    }

    /** A Xen host without XAPI: xl, but no xe. */
    static boolean xenWithoutXapi(Set<String> tools) { 'xl' in tools && !('xe' in tools) }

    /** For messages: {@code Debian GNU/Linux 12 (bookworm); found virsh, update-grub}. */
    static String describe(Map<String, String> osRelease, Set<String> tools) {
        ("${osRelease.PRETTY_NAME ?: osRelease.NAME ?: 'no /etc/os-release'}; found " +
                "${tools ? tools.sort().join(', ') : 'none of xe, xl, virsh'}").toString()
    }
}
