package dev.passthru.runtime.kvm

import dev.passthru.runtime.pci.PciFunction

import groovy.transform.CompileStatic

/**
 * Pure: the modprobe.d file that makes vfio-pci load before the native drivers of the devices in
 * vfio-pci.ids (needed when vfio-pci is a module: otherwise nouveau or snd_hda_intel may claim the
 * device first). The file is derived from the ids alone, so hide and unhide both just rewrite it.
 */
@CompileStatic
final class VfioSoftdep {
    static final String HEADER = '# Written by passthru: load vfio-pci before these drivers, so it claims the ' +
            'devices in vfio-pci.ids first.\n'

    private VfioSoftdep() {}

    /**
     * The file's text for these ids on this host; empty when no native driver needs ordering; null when
     * it cannot be known (a device bound to vfio-pci for which lspci names no kernel module).
     */
    static String text(Collection<String> ids, List<PciFunction> functions) {
        if (functions.any { ids.contains(it.ids()) && it.modules.isEmpty() && it.driver in [null, 'vfio-pci'] }) {
            return null
        }
        SortedSet<String> modules = new TreeSet<>()
        functions.findAll { ids.contains(it.ids()) }.each { PciFunction f ->
            modules.addAll(f.modules)
            if (f.driver) modules << f.driver
        }
        modules.removeAll(['vfio-pci', 'vfio_pci', 'pci-stub', 'pci_stub'])
        modules ? HEADER + modules.collect { "softdep ${it} pre: vfio-pci\n" }.join('') : ''
    }
}
