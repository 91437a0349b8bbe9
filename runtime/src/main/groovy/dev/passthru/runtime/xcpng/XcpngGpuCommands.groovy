package dev.passthru.runtime.xcpng

import groovy.transform.CompileStatic

import static dev.passthru.runtime.shell.ShellQuote.command

/** The commands passthru sends about GPUs, vGPUs and supplemental packs to an XCP-ng host. */
@CompileStatic
final class XcpngGpuCommands {
    /** XAPI's script installing a pack (xen-api scripts/xe-install-supplemental-pack). */
    static final String INSTALL_PACK = 'xe-install-supplemental-pack'

    private XcpngGpuCommands() {}

    /** Every vGPU type with the pGPUs supporting and enabling it. */
    static String vgpuTypes() {
        command('xe', 'vgpu-type-list',
                'params=uuid,vendor-name,model-name,max-resolution,supported-on-PGPUs,enabled-on-PGPUs')
    }

    /** Every pGPU with its PCI function, dom0 access, group and vGPU types. */
    static String pgpus() {
        command('xe', 'pgpu-list', 'params=uuid,vendor-name,device-name,dom0-access,is-system-display-device,' +
                'gpu-group-uuid,gpu-group-name-label,pci-id,supported-VGPU-types,enabled-VGPU-types')
    }

    /** The vGPUs of one VM. */
    static String vmVgpus(String vmUuid) {
        command('xe', 'vgpu-list', "vm-uuid=${vmUuid}".toString(),
                'params=uuid,gpu-group-uuid,type-uuid,type-model-name')
    }

    /** Gives a VM a vGPU of a type from a GPU group (XAPI wants the VM halted). */
    static String vgpuCreate(String vmUuid, String groupUuid, String typeUuid) {
        command('xe', 'vgpu-create', "vm-uuid=${vmUuid}".toString(), "gpu-group-uuid=${groupUuid}".toString(),
                "vgpu-type-uuid=${typeUuid}".toString())
    }

    /** Removes a vGPU (XAPI wants its VM halted). */
    static String vgpuDestroy(String uuid) { command('xe', 'vgpu-destroy', "uuid=${uuid}".toString()) }

    /** How many more vGPUs of a type a GPU group can run now. */
    static String remainingCapacity(String groupUuid, String typeUuid) {
        command('xe', 'gpu-group-get-remaining-capacity', "uuid=${groupUuid}".toString(),
                "vgpu-type-uuid=${typeUuid}".toString())
    }

    /** The updates (installed supplemental packs) with this name-label, and the hosts each is applied on. */
    static String updates(String label) {
        command('xe', 'update-list', "name-label=${label}".toString(), 'params=uuid,name-label,version,hosts')
    }

    /** Each host with the updates it needs a reboot for. */
    static String updatesRequiringReboot() { command('xe', 'host-list', 'params=uuid,updates-requiring-reboot') }

    /** Installs a supplemental pack ISO on this host. */
    static String installPack(String iso) { command(INSTALL_PACK, iso) }
}
