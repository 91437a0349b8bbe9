package dev.passthru.spec.demo

import dev.passthru.runtime.demo.DemoState
import dev.passthru.runtime.demo.DemoXcpngHost
import dev.passthru.runtime.transport.CommandResult
import dev.passthru.runtime.transport.ConnectionLostException
import spock.lang.Specification

/**
 * The demo XCP-ng host's xe GPU answers, byte for byte: records laid out as xe prints them (the default vgpu-type-list
 * fields in the layout openstack/nova's doc/source/admin/virtual-gpu.rst shows), errors on stderr with exit 1 in
 * datamodel_errors.ml's words, the MxGPU pack's types and VFs after a reboot, and VM starts that need a vGPU the
 * group cannot give (VM_REQUIRES_GPU, VM_REQUIRES_VGPU).
 */
class DemoXeGpuSpec extends Specification {
    static final String WORKER = 'b7d2f5b3-6c1f-4a8e-8b62-2e3f4a5b6c7d'
    static final String ROUTER = 'a3c1e4a2-5b0e-4f7d-9a51-1d2e3f4a5b6c'
    static final String SCRATCH = 'd9f4b7d5-8e3b-4cae-8d84-4a5b6c7d8e9f'

    DemoState state = DemoState.standard()
    DemoXcpngHost host = new DemoXcpngHost(state)

    String out(String command) {
        CommandResult r = host.run(command)
        assert r.exit == 0 && r.stderr == ''
        r.stdout
    }

    String one(String command) { out(command).trim() }

    def "vgpu-type-list's default fields: nova's layout, the passthrough type's empty vendor with its trailing space"() {
        given:
        String uuid = one('xe vgpu-type-list model-name=passthrough params=uuid --minimal')

        expect:
        out('xe vgpu-type-list') == "uuid ( RO)              : ${uuid}\n" +
                '       vendor-name ( RO): \n' +
                '        model-name ( RO): passthrough\n' +
                '         max-heads ( RO): 0\n' +
                '    max-resolution ( RO): 0x0\n\n\n'
    }

    def "pgpu-list's default fields and its --minimal listing"() {
        when:
        String listed = out('xe pgpu-list pci-id=0000:81:00.0')
        List<String> uuids = one('xe pgpu-list --minimal').split(',') as List<String>

        then:
        listed.readLines()*.replaceAll(/: [0-9a-f-]{36}$/, ': UUID') == [
                'uuid ( RO)              : UUID',
                '          pci-uuid ( RO): UUID',
                '       vendor-name ( RO): NVIDIA Corporation',
                '       device-name ( RO): GP107 [GeForce GTX 1050 Ti]',
                '    gpu-group-uuid ( RW): UUID', '', '']
        listed.endsWith('\n\n\n')
        uuids.size() == 2
        one('xe pgpu-list pci-id=0000:81:00.0 params=gpu-group-name-label --minimal') ==
                'Group of NVIDIA Corporation GP107 [GeForce GTX 1050 Ti] GPUs'
    }

    def "vgpu-create on a running VM, and with a bad uuid: XAPI's errors on stderr, exit 1"() {
        given:
        String group = one('xe pgpu-list pci-id=0000:81:00.0 params=gpu-group-uuid --minimal')
        state.vms[WORKER].powerState = 'running'

        when:
        CommandResult running = host.run("xe vgpu-create vm-uuid=${WORKER} gpu-group-uuid=${group}")
        CommandResult bad = host.run("xe vgpu-create vm-uuid=${WORKER} gpu-group-uuid=nope")

        then:
        running.exit == 1 && running.stdout == ''
        running.stderr == "The VM's power state is not valid for this operation.\nvm: ${WORKER} (gpu-worker)\n" +
                'expected: halted\nactual: running\n'
        bad.exit == 1 && bad.stdout == ''
        bad.stderr == 'The uuid you supplied was invalid.\ntype: GPU_group\nuuid: nope\n'
    }

    def "the whole GPU held by a running VM: capacity 0, and another VM's start fails with VM_REQUIRES_GPU"() {
        given: 'the GTX hidden from dom0 and a passthrough vGPU for two VMs'
        state.hideConfigured = state.assignable = [dev.passthru.dsl.PciAddress.parse('0000:81:00.0')]
        String group = one('xe pgpu-list pci-id=0000:81:00.0 params=gpu-group-uuid --minimal')
        String type = one('xe vgpu-type-list model-name=passthrough params=uuid --minimal')
        String vgpu = one("xe vgpu-create vm-uuid=${ROUTER} gpu-group-uuid=${group} vgpu-type-uuid=${type}")
        one("xe vgpu-create vm-uuid=${WORKER} gpu-group-uuid=${group}")

        expect:
        one("xe gpu-group-get-remaining-capacity uuid=${group} vgpu-type-uuid=${type}") == '1'
        host.run("xe vm-start uuid=${ROUTER}").exit == 0
        out("xe gpu-group-get-remaining-capacity uuid=${group} vgpu-type-uuid=${type}") == '0\n'
        one("xe vgpu-list uuid=${vgpu} params=currently-attached --minimal") == 'true'

        when:
        CommandResult start = host.run("xe vm-start uuid=${WORKER}")
        CommandResult destroy = host.run("xe vgpu-destroy uuid=${vgpu}")

        then:
        start.exit == 1 && start.stdout == ''
        start.stderr == "You attempted to run a VM on a host which doesn't have a pGPU available in the GPU group " +
                'needed by the VM. The VM has a vGPU attached to this GPU group.\n' +
                "vm: ${WORKER} (gpu-worker)\nGPU_group: ${group} (Group of NVIDIA Corporation GP107 [GeForce GTX 1050 " +
                'Ti] GPUs)\n'
        state.vms[WORKER].powerState == 'halted'
        destroy.exit == 1
        destroy.stderr == 'You attempted an operation that was not allowed.\nreason: vGPU currently attached to a ' +
                'running VM\n'
    }

    def "the MxGPU pack: nothing until a reboot; then the S7150's VFs, its MxGPU types instead of passthrough, 2 per GPU"() {
        when:
        CommandResult install = host.run('xe-install-supplemental-pack /tmp/mxgpu-2.0.0.amd.iso')

        then:
        install.exit == 0 && install.stdout == '' && install.stderr == ''
        one('xe vgpu-type-list params=model-name --minimal') == 'passthrough'
        one('xe update-list name-label=mxgpu params=after-apply-guidance --minimal') == 'restartHost'
        out('xe host-list params=uuid,updates-requiring-reboot').readLines()[1] ==~
                /    updates-requiring-reboot \(SRO\): [0-9a-f-]{36}/

        when: 'the host reboots: the connection drops, the next command finds it booted'
        host.run('reboot')

        then:
        thrown(ConnectionLostException)

        when:
        host.reconnect()
        String group = one('xe pgpu-list pci-id=0000:83:00.0 params=gpu-group-uuid --minimal')
        String fourGb = one("xe vgpu-type-list model-name='FirePro S7150 4GB' params=uuid --minimal")

        then:
        one('xe vgpu-type-list params=model-name --minimal') == 'passthrough,FirePro S7150 4GB,FirePro S7150 2GB'
        one('xe pgpu-list pci-id=0000:83:00.0 params=supported-VGPU-types --minimal').split('; ').size() == 2
        host.run('lspci -nnk -D').stdout.contains('0000:83:00.0 VGA compatible controller [0300]: Advanced Micro ' +
                'Devices, Inc. [AMD/ATI] Tonga XT GL [FirePro S7150] [1002:6929]\n\tSubsystem: Advanced Micro ' +
                'Devices, Inc. [AMD/ATI] Device [1002:0335]\n\tKernel driver in use: gim\n\tKernel modules: gim\n' +
                '0000:83:02.0 VGA compatible controller [0300]: Advanced Micro Devices, Inc. [AMD/ATI] Tonga XTV GL ' +
                '[FirePro S7150V] [1002:692f]\n\tSubsystem: Advanced Micro Devices, Inc. [AMD/ATI] Device [1002:0335]\n')
        one('xe host-list params=uuid,updates-requiring-reboot').endsWith('updates-requiring-reboot (SRO):')
        one("xe gpu-group-get-remaining-capacity uuid=${group} vgpu-type-uuid=${fourGb}") == '2'

        when: 'three VMs get a 4GB vGPU; two start'
        [WORKER, ROUTER, SCRATCH].each { one("xe vgpu-create vm-uuid=${it} gpu-group-uuid=${group} vgpu-type-uuid=${fourGb}") }
        List<Integer> starts = [WORKER, ROUTER].collect { host.run("xe vm-start uuid=${it}").exit }
        CommandResult third = host.run("xe vm-start uuid=${SCRATCH}")

        then:
        starts == [0, 0]
        one("xe gpu-group-get-remaining-capacity uuid=${group} vgpu-type-uuid=${fourGb}") == '0'
        third.exit == 1
        third.stderr == 'You attempted to run a VM on a host on which the vGPU required by the VM cannot be ' +
                'allocated on any pGPUs in the GPU_group needed by the VM.\n' +
                "vm: ${SCRATCH} (scratch)\nGPU_group: ${group} (Group of Advanced Micro Devices, Inc. [AMD/ATI] Tonga " +
                "XT GL [FirePro S7150] GPUs)\nvGPU_type: ${fourGb}\n"
    }
}
