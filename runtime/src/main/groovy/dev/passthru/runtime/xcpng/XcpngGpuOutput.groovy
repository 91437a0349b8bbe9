package dev.passthru.runtime.xcpng

import dev.passthru.dsl.PciAddress
import dev.passthru.runtime.engine.OutputFormatException
import groovy.transform.CompileStatic

/**
 * Pure parsers of what xe prints about GPUs and supplemental packs (xen-api ocaml/xapi-cli-server/records.ml: fields
 * in record order, each {@code name ( RO): value}; a set of references joined with {@code "; "}, except an update's
 * {@code hosts}, joined with {@code ", "}; cli_operations.ml gpu_group_get_remaining_capacity prints the integer).
 */
@CompileStatic
final class XcpngGpuOutput {
    private XcpngGpuOutput() {}

    /** {@code xe vgpu-type-list params=uuid,vendor-name,model-name,max-resolution,supported-on-PGPUs,...}. */
    static List<VgpuType> vgpuTypes(String stdout) {
        records(stdout, 'xe vgpu-type-list').collect { Map<String, String> r ->
            new VgpuType(field(r, 'uuid', 'vgpu-type-list'), field(r, 'vendor-name', 'vgpu-type-list'),
                    field(r, 'model-name', 'vgpu-type-list'), field(r, 'max-resolution', 'vgpu-type-list'),
                    refs(field(r, 'supported-on-PGPUs', 'vgpu-type-list')),
                    refs(field(r, 'enabled-on-PGPUs', 'vgpu-type-list')))
        }
    }

    /** {@code xe pgpu-list params=uuid,vendor-name,device-name,dom0-access,...}. */
    static List<Pgpu> pgpus(String stdout) {
        records(stdout, 'xe pgpu-list').collect { Map<String, String> r ->
            String pci = field(r, 'pci-id', 'pgpu-list')
            PciAddress address
            try {
                address = PciAddress.parse(pci)
            } catch (IllegalArgumentException e) {
                throw new OutputFormatException("xe pgpu-list: pci-id '${pci}' is not a PCI address")
            }
            String display = field(r, 'is-system-display-device', 'pgpu-list')
            if (!(display in ['true', 'false'])) {
                throw new OutputFormatException("xe pgpu-list: is-system-display-device is '${display}', not true or " +
                        'false')
            }
            new Pgpu(field(r, 'uuid', 'pgpu-list'), address, field(r, 'vendor-name', 'pgpu-list'),
                    field(r, 'device-name', 'pgpu-list'), field(r, 'dom0-access', 'pgpu-list'), display == 'true',
                    field(r, 'gpu-group-uuid', 'pgpu-list'), field(r, 'gpu-group-name-label', 'pgpu-list'),
                    refs(field(r, 'supported-VGPU-types', 'pgpu-list')),
                    refs(field(r, 'enabled-VGPU-types', 'pgpu-list')))
        }
    }

    /** {@code xe vgpu-list vm-uuid=... params=uuid,gpu-group-uuid,type-uuid,type-model-name}. */
    static List<VmVgpu> vmVgpus(String stdout) {
        records(stdout, 'xe vgpu-list').collect { Map<String, String> r ->
            new VmVgpu(field(r, 'uuid', 'vgpu-list'), field(r, 'gpu-group-uuid', 'vgpu-list'),
                    field(r, 'type-uuid', 'vgpu-list'), field(r, 'type-model-name', 'vgpu-list'))
        }
    }

    /** {@code xe update-list name-label=... params=uuid,name-label,version,hosts}: hosts joined with ", ". */
    static List<PoolUpdate> updates(String stdout) {
        records(stdout, 'xe update-list').collect { Map<String, String> r ->
            String hosts = field(r, 'hosts', 'update-list')
            new PoolUpdate(field(r, 'uuid', 'update-list'), field(r, 'name-label', 'update-list'),
                    field(r, 'version', 'update-list'), hosts ? hosts.split(', ') as List<String> : [])
        }
    }

    /** {@code xe host-list params=uuid,updates-requiring-reboot}: the updates each host needs a reboot for. */
    static Map<String, List<String>> updatesRequiringReboot(String stdout) {
        Map<String, List<String>> out = new LinkedHashMap<>()
        records(stdout, 'xe host-list').each { Map<String, String> r ->
            out[field(r, 'uuid', 'host-list')] = refs(field(r, 'updates-requiring-reboot', 'host-list'))
        }
        out
    }

    /** {@code xe gpu-group-get-remaining-capacity}: how many more vGPUs of the type the group can run. */
    static long capacity(String stdout) {
        String t = stdout.trim()
        if (!(t ==~ /\d+/)) {
            throw new OutputFormatException("xe gpu-group-get-remaining-capacity printed '${t}', not a number")
        }
        Long.parseLong(t)
    }

    /** A set of references as records.ml prints it ({@code a; b}); empty for none. */
    static List<String> refs(String value) {
        value.trim() ? value.split('; ').collect { String s -> s.trim() } as List<String> : []
    }

    private static List<Map<String, String>> records(String stdout, String tool) {
        try {
            XcpngOutput.records(stdout)
        } catch (OutputFormatException e) {
            throw new OutputFormatException("${tool}: ${e.message}")
        }
    }

    private static String field(Map<String, String> record, String name, String tool) {
        String v = record[name]
        if (v == null) throw new OutputFormatException("xe ${tool}: a record has no ${name} field")
        v
    }
}
