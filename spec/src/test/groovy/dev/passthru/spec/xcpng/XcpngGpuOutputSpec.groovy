package dev.passthru.spec.xcpng

import dev.passthru.dsl.PciAddress
import dev.passthru.runtime.engine.OutputFormatException
import dev.passthru.runtime.xcpng.Pgpu
import dev.passthru.runtime.xcpng.PoolUpdate
import dev.passthru.runtime.xcpng.VgpuType
import dev.passthru.runtime.xcpng.VmVgpu
import dev.passthru.runtime.xcpng.XcpngGpuOutput
import spock.lang.Specification

/**
 * The xe GPU and pack parsers. No XCP-ng host with a GPU was recorded: the records below are written by hand with
 * xe's printer rule (xen-api cli_printer.ml multi_line_record: keys padded to 4 + the longest, the first on the
 * right; an empty value keeps its trailing space; two blank lines after a record) on records.ml's fields and modes;
 * the NVIDIA listing is the published one of openstack/nova doc/source/admin/virtual-gpu.rst (default fields).
 */
class XcpngGpuOutputSpec extends Specification {
    static final String TYPES = 'uuid ( RO)                  : a0521205-2d68-3a43-8543-d31aeb8235d2\n           vendor-name ( RO): \n            model-name ( RO): passthrough\n        max-resolution ( RO): 0x0\n    supported-on-PGPUs ( RO): 6c8a7232-eafb-3180-8b97-6cbcc9fb8e1d; 039f7dac-e1db-33b6-a52f-732b8c73a061\n      enabled-on-PGPUs ( RO): 6c8a7232-eafb-3180-8b97-6cbcc9fb8e1d\n\n\n'
    static final String PGPU = 'uuid ( RO)                        : 6c8a7232-eafb-3180-8b97-6cbcc9fb8e1d\n                 vendor-name ( RO): NVIDIA Corporation\n                 device-name ( RO): GP107 [GeForce GTX 1050 Ti]\n                 dom0-access ( RO): enabled\n    is-system-display-device ( RO): false\n              gpu-group-uuid ( RW): 0f1c29a4-5e5b-3d6e-9f59-3b4c1b6e7f10\n        gpu-group-name-label ( RO): Group of NVIDIA Corporation GP107 [GeForce GTX 1050 Ti] GPUs\n                      pci-id ( RO): 0000:81:00.0\n        supported-VGPU-types ( RO): a0521205-2d68-3a43-8543-d31aeb8235d2\n          enabled-VGPU-types (SRW): \n\n\n'
    static final String VGPU = 'uuid ( RO)               : 4b1e9d2c-8f0a-3c55-9e21-7d6f3a2b1c0e\n     gpu-group-uuid ( RO): 0f1c29a4-5e5b-3d6e-9f59-3b4c1b6e7f10\n          type-uuid ( RO): a0521205-2d68-3a43-8543-d31aeb8235d2\n    type-model-name ( RO): passthrough\n\n\n'
    static final String UPDATE = 'uuid ( RO)          : 7d0c1e5a-9b4f-3a2e-8c61-5f4e3d2c1b0a\n    name-label ( RO): mxgpu\n       version ( RO): 2.0.0\n         hosts (SRO): 1b2c3d4e-5f60-4718-9a0b-c1d2e3f40516, 2c3d4e5f-6071-4829-a0b1-d2e3f4051627\n\n\n'
    static final String HOST = 'uuid ( RO)                        : 1b2c3d4e-5f60-4718-9a0b-c1d2e3f40516\n    updates-requiring-reboot (SRO): 7d0c1e5a-9b4f-3a2e-8c61-5f4e3d2c1b0a\n\n\n'
    /** openstack/nova doc/source/admin/virtual-gpu.rst: xe vgpu-type-list (default fields), first record. */
    static final String NOVA = 'uuid ( RO)              : 78d2d963-41d6-4130-8842-aedbc559709f\n       vendor-name ( RO): NVIDIA Corporation\n        model-name ( RO): GRID M60-8Q\n         max-heads ( RO): 4\n    max-resolution ( RO): 4096x2160\n\n\n'

    def "vgpu-type-list: the passthrough type (vendor-name empty, trailing space kept) with the pGPUs' sets"() {
        expect:
        XcpngGpuOutput.vgpuTypes(TYPES) == [new VgpuType('a0521205-2d68-3a43-8543-d31aeb8235d2', '', 'passthrough',
                '0x0', ['6c8a7232-eafb-3180-8b97-6cbcc9fb8e1d', '039f7dac-e1db-33b6-a52f-732b8c73a061'],
                ['6c8a7232-eafb-3180-8b97-6cbcc9fb8e1d'])]
    }

    def "pgpu-list: address, dom0 access, display flag, group and the type sets (an empty SRW set is none)"() {
        expect:
        XcpngGpuOutput.pgpus(PGPU) == [new Pgpu('6c8a7232-eafb-3180-8b97-6cbcc9fb8e1d',
                PciAddress.parse('0000:81:00.0'), 'NVIDIA Corporation', 'GP107 [GeForce GTX 1050 Ti]', 'enabled', false,
                '0f1c29a4-5e5b-3d6e-9f59-3b4c1b6e7f10', 'Group of NVIDIA Corporation GP107 [GeForce GTX 1050 Ti] GPUs',
                ['a0521205-2d68-3a43-8543-d31aeb8235d2'], [])]
    }

    def "vgpu-list, update-list (hosts joined with a comma and a space) and host-list's updates-requiring-reboot"() {
        expect:
        XcpngGpuOutput.vmVgpus(VGPU) == [new VmVgpu('4b1e9d2c-8f0a-3c55-9e21-7d6f3a2b1c0e',
                '0f1c29a4-5e5b-3d6e-9f59-3b4c1b6e7f10', 'a0521205-2d68-3a43-8543-d31aeb8235d2', 'passthrough')]
        XcpngGpuOutput.updates(UPDATE) == [new PoolUpdate('7d0c1e5a-9b4f-3a2e-8c61-5f4e3d2c1b0a', 'mxgpu', '2.0.0',
                ['1b2c3d4e-5f60-4718-9a0b-c1d2e3f40516', '2c3d4e5f-6071-4829-a0b1-d2e3f4051627'])]
        XcpngGpuOutput.updatesRequiringReboot(HOST) ==
                ['1b2c3d4e-5f60-4718-9a0b-c1d2e3f40516': ['7d0c1e5a-9b4f-3a2e-8c61-5f4e3d2c1b0a']]
    }

    def "no records at all (xe prints nothing for an empty listing) is an empty list"() {
        expect:
        XcpngGpuOutput.vgpuTypes('') == []
        XcpngGpuOutput.pgpus('') == []
        XcpngGpuOutput.vmVgpus('') == []
        XcpngGpuOutput.updates('') == []
    }

    def "gpu-group-get-remaining-capacity prints the integer (cli_operations.ml: Int64.to_string): #printed"() {
        expect:
        XcpngGpuOutput.capacity(printed) == n

        where:
        printed || n
        '1\n'   || 1
        '0\n'   || 0
        '16\n'  || 16
    }

    def "output the parsers cannot read is refused, naming the command: #why"() {
        when:
        parse.call()

        then:
        OutputFormatException e = thrown()
        e.message == message

        where:
        why                              | parse                                                || message
        'the default fields (nova docs)' | { XcpngGpuOutput.vgpuTypes(NOVA) }                   || 'xe vgpu-type-list: a record has no supported-on-PGPUs field'
        'a pci-id that is no address'    | { XcpngGpuOutput.pgpus(PGPU.replace('0000:81:00.0', '81-0')) } || "xe pgpu-list: pci-id '81-0' is not a PCI address"
        'a line that is no field'        | { XcpngGpuOutput.pgpus('Error: no such command\n') } || "xe pgpu-list: xe list output: cannot read 'Error: no such command' (expected 'name ( RO): value')"
        'an error instead of a number'   | { XcpngGpuOutput.capacity('The uuid you supplied was invalid.\n') } || "xe gpu-group-get-remaining-capacity printed 'The uuid you supplied was invalid.', not a number"
        'nothing instead of a number'    | { XcpngGpuOutput.capacity('') }                      || "xe gpu-group-get-remaining-capacity printed '', not a number"
    }
}
