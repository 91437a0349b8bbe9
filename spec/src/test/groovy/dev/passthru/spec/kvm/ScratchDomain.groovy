package dev.passthru.spec.kvm

import java.util.concurrent.atomic.AtomicInteger
import java.util.regex.Matcher
import java.util.regex.Pattern

/**
 * A domain XML as it goes into the shared real libvirtd for one define-and-read-back: under a name and uuid no other
 * spec or engineer uses, and with the virt type this host's QEMU offers (qemu when capabilities have no kvm: no
 * /dev/kvm). Everything else is given to libvirt as written; {@link #restore} puts name, uuid and type back into
 * libvirt's read-back, so callers see their own domain in libvirt's canonical form.
 */
final class ScratchDomain {
    private static final AtomicInteger COUNT = new AtomicInteger()
    private static final Pattern NAME = ~/<name>([^<]*)<\/name>/
    private static final Pattern UUID_ELEMENT = Pattern.compile('<uuid>\\s*([0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?' +
            '[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12})\\s*</uuid>')
    private static final Pattern KVM = ~/^(\s*(?:<\?xml[^>]*>\s*)?<domain\s[^>]*?type=)(['"])kvm\2/

    /** The XML libvirt gets. */
    final String xml
    /** The name libvirt holds it under (unique per call). */
    final String scratchName
    private final String originalName
    private final String originalUuid
    private final String scratchUuid
    private final boolean typeSwapped

    /** Prepares {@code xml} for the real daemon; {@code kvm} says whether this host's QEMU offers virt type kvm. */
    ScratchDomain(String xml, boolean kvm) {
        scratchName = "passthru-spec-${ProcessHandle.current().pid()}-${COUNT.incrementAndGet()}"
        Matcher n = NAME.matcher(xml)
        originalName = n.find() ? n.group(1) : null
        String out = originalName == null ? xml : xml.substring(0, n.start()) + "<name>${scratchName}</name>" +
                xml.substring(n.end())
        Matcher u = UUID_ELEMENT.matcher(out)
        if (u.find()) {
            originalUuid = u.group(1)
            scratchUuid = UUID.randomUUID().toString()
            out = out.substring(0, u.start()) + "<uuid>${scratchUuid}</uuid>" + out.substring(u.end())
        } else {
            originalUuid = null
            scratchUuid = null
        }
        Matcher t = KVM.matcher(out)
        typeSwapped = !kvm && t.find()
        if (typeSwapped) out = out.substring(0, t.start()) + t.group(1) + t.group(2) + 'qemu' + t.group(2) +
                out.substring(t.end())
        this.xml = out
    }

    /** The name to ask libvirt for when a caller asks for {@code name}: the scratch name if that is this domain. */
    String nameFor(String name) { name == originalName ? scratchName : name }

    /** Libvirt's read-back with the domain's own name, uuid and virt type put back. */
    String restore(String dumped) {
        String out = originalName == null ? dumped : dumped.replace(scratchName, originalName)
        if (scratchUuid) out = out.replace(scratchUuid, originalUuid)
        typeSwapped ? out.replaceFirst(/<domain type='qemu'/, "<domain type='kvm'") : out
    }
}
