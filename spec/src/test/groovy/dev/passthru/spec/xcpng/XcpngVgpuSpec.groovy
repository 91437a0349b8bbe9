package dev.passthru.spec.xcpng

import dev.passthru.dsl.PciAddress
import dev.passthru.dsl.Recipe
import dev.passthru.dsl.RecipeLoader
import dev.passthru.runtime.demo.DemoState
import dev.passthru.runtime.demo.DemoVgpu
import dev.passthru.runtime.demo.DemoXcpngHost
import dev.passthru.runtime.engine.Finding
import dev.passthru.runtime.engine.RunResult
import dev.passthru.runtime.engine.StepStatus
import dev.passthru.runtime.xcpng.XcpngVgpuPreflight
import dev.passthru.spec.Repo
import dev.passthru.spec.engine.Engines
import spock.lang.Specification

import static dev.passthru.runtime.engine.StepStatus.CHANGED
import static dev.passthru.runtime.engine.StepStatus.OK

/**
 * vgpu, noVgpu and supplementalPack on the demo XCP-ng host (GTX 1050 Ti at 81:00.0, FirePro S7150 at 83:00.0, the
 * MxGPU pack's ISO at /tmp): xe vgpu-create/destroy only when needed and with the VM halted, the pack installed once
 * and in effect after a reboot, and each preflight refusal with its step's line.
 */
class XcpngVgpuSpec extends Specification {
    static final PciAddress GTX = PciAddress.parse('0000:81:00.0')
    static final PciAddress AUDIO = PciAddress.parse('0000:81:00.1')
    static final String WORKER = 'b7d2f5b3-6c1f-4a8e-8b62-2e3f4a5b6c7d'
    static final String ROUTER = 'a3c1e4a2-5b0e-4f7d-9a51-1d2e3f4a5b6c'

    DemoState state = DemoState.standard()
    DemoXcpngHost host = new DemoXcpngHost(state)

    RunResult run(String text, boolean plan = false) {
        Recipe r = new RecipeLoader().load(text, 'x.groovy')
        plan ? Engines.on(host, 'xcpng').plan(r) : Engines.on(host, 'xcpng').apply(r)
    }

    List<String> writes() {
        host.received.findAll { it ==~ /xe (vgpu-create|vgpu-destroy|vm-shutdown|vm-start) .*|xe-install.*|reboot/ }
    }

    /** The GTX and its audio function hidden from dom0 in this boot (as after hide and a reboot). */
    void hideGtx() {
        state.hideConfigured = [GTX, AUDIO]
        state.assignable = [GTX, AUDIO]
    }

    def "the shipped vgpu-passthrough recipe creates the passthrough vGPU once; the second apply changes nothing"() {
        given:
        String recipe = Repo.file('recipes/xcp-ng/vgpu-passthrough.groovy').text

        when:
        RunResult first = run(recipe)

        then:
        first.steps*.status == [CHANGED] * 4
        first.steps[2].diff == ['+ vgpu passthrough in Group of NVIDIA Corporation GP107 [GeForce GTX 1050 Ti] GPUs ' +
                                        '(0000:81:00.0)']
        writes().findAll { it.startsWith('xe vgpu-create') }.size() == 1
        state.gpu.vgpus*.typeModel == ['passthrough']
        state.gpu.vgpus[0].residentOn == GTX
        state.vms[WORKER].powerState == 'running'

        when:
        host.received.clear()
        RunResult second = run(recipe)

        then:
        second.steps*.status == [OK] * 4
        writes() == []
    }

    def "noVgpu destroys the VM's vGPUs (of a type, or all) with the VM halted; then there is nothing to remove"() {
        given:
        hideGtx()
        run("recipe('x') { vm('gpu-worker') { vgpu type: 'passthrough' } }")
        host.received.clear()

        when:
        RunResult other = run("recipe('x') { vm('gpu-worker') { noVgpu type: 'FirePro S7150 4GB' } }")
        RunResult removed = run("recipe('x') { vm('gpu-worker') { noVgpu() } }")

        then:
        other.steps*.status == [OK]
        removed.steps*.status == [CHANGED]
        removed.steps[0].diff[0].startsWith('- vgpu passthrough (')
        writes().size() == 1 && writes()[0].startsWith('xe vgpu-destroy uuid=')
        state.gpu.vgpus == []

        when:
        host.received.clear()
        RunResult again = run("recipe('x') { vm('gpu-worker') { noVgpu() } }")

        then:
        again.steps*.status == [OK]
        writes() == []
    }

    def "a running VM: refused at preflight without halt:; with halt: true it is halted, given the vGPU, started again"() {
        given:
        hideGtx()
        state.vms[WORKER].powerState = 'running'

        when:
        RunResult refused = run("recipe('x') {\n  vm('gpu-worker') {\n    vgpu type: 'passthrough'\n  }\n}")

        then:
        refused.problems*.message == ["VM 'gpu-worker' is running: xe vgpu-create needs it halted (XAPI refuses " +
                                              'otherwise); add stop() before this line, or halt: true to halt it and ' +
                                              'start it again']
        refused.problems[0].location.line == 3
        writes() == []

        when:
        RunResult halted = run("recipe('x') { vm('gpu-worker') { vgpu type: 'passthrough', halt: true } }")

        then:
        halted.steps*.status == [CHANGED]
        halted.steps[0].message == "VM 'gpu-worker' was running: halted for xe vgpu-create, then started again"
        writes()*.replaceAll(/=.*/, '') == ['xe vm-shutdown uuid', 'xe vgpu-create vm-uuid', 'xe vm-start uuid']
        state.vms[WORKER].powerState == 'running'
        state.gpu.vgpus[0].residentOn == GTX
    }

    def "the MxGPU recipe: the pack is installed once, the reboot brings its types, the second apply changes nothing"() {
        given:
        String recipe = Repo.file('recipes/xcp-ng/vgpu-mxgpu.groovy').text

        when:
        RunResult first = run(recipe)

        then:
        first.steps*.status == [CHANGED] * 4
        writes().findAll { !it.startsWith('xe vgpu-create') && !it.startsWith('xe vm-start') } ==
                ['xe-install-supplemental-pack /tmp/mxgpu-2.0.0.amd.iso', 'reboot']
        first.steps[2].diff == ['+ vgpu FirePro S7150 4GB in Group of Advanced Micro Devices, Inc. [AMD/ATI] Tonga XT ' +
                                        'GL [FirePro S7150] GPUs (0000:83:00.0)']
        state.physfn.count { k, v -> v == PciAddress.parse('0000:83:00.0') } == 4

        when:
        host.received.clear()
        RunResult second = run(recipe)

        then:
        second.steps*.status == [OK] * 4
        writes() == []
    }

    def "plan on a fresh host: the vgpu step after the pack's reboot is pending (its types come with the boot)"() {
        when:
        RunResult plan = run(Repo.file('recipes/xcp-ng/vgpu-mxgpu.groovy').text, true)

        then:
        plan.problems == []
        plan.steps*.status == [StepStatus.WOULD_CHANGE, StepStatus.WOULD_CHANGE, StepStatus.PENDING,
                               StepStatus.WOULD_CHANGE]
        plan.steps[2].message == 'checked after the reboot'
        writes() == []
    }

    def "a pack installed but not yet rebooted into is a pending reboot, not installed again"() {
        given:
        host.run('xe-install-supplemental-pack /tmp/mxgpu-2.0.0.amd.iso')
        host.received.clear()

        when:
        RunResult plan = run("recipe('x') {\n  supplementalPack '/tmp/mxgpu-2.0.0.amd.iso'\n}", true)

        then:
        plan.steps*.status == [OK]
        plan.steps[0].message == 'supplemental pack mxgpu 2.0.0 installed; it takes effect after a reboot'
        plan.rebootStillNeeded == ["supplemental pack 'mxgpu' (/tmp/mxgpu-2.0.0.amd.iso) (line 2)"]
        writes() == []
    }

    def "preflight refuses #what, naming the step's line"() {
        given:
        setup.call(this)

        when:
        RunResult r = run("recipe('x') {\n  vm('gpu-worker') {\n    ${line}\n  }\n}", true)

        then:
        r.problems.size() == 1
        Finding f = r.problems[0]
        f.location.line == 3
        f.message == message
        writes() == []

        where:
        what                        | setup                                          | line                                      || message
        'an NVIDIA vGPU type'       | { XcpngVgpuSpec s -> }                         | "vgpu type: 'GRID M60-8Q'"                || "vgpu 'GRID M60-8Q': ${XcpngVgpuPreflight.NVIDIA}"
        'a type the host lacks'     | { XcpngVgpuSpec s -> }                         | "vgpu type: 'FirePro S7150 4GB'"          || "no vGPU type 'FirePro S7150 4GB' on this host (xe vgpu-type-list model-names: 'passthrough')"
        'a type no pGPU enables'    | { XcpngVgpuSpec s -> s.hideGtx(); s.state.gpu.disabled[GTX] = ['passthrough'] } | "vgpu type: 'passthrough', gpu: pci('81:00.0')" || "vGPU type 'passthrough' is not enabled on any pGPU on 0000:81:00.0 (xe vgpu-type-list: enabled-on-PGPUs ${pgpu('0000:83:00.0')})"
        'a GPU dom0 still uses'     | { XcpngVgpuSpec s -> }                         | "vgpu type: 'passthrough', gpu: pci('81:00.0')" || "0000:81:00.0 is still in dom0's use (dom0-access enabled): XCP-ng passes a whole GPU through only once it is hidden from dom0"
        'the system display device' | { XcpngVgpuSpec s -> s.hideGtx(); s.state.gpu.systemDisplay = GTX } | "vgpu type: 'passthrough', gpu: pci('81:00.0')" || "0000:81:00.0 is the host's system display device (its console): XAPI passes it through only with the host display disabled and the GPU hidden from dom0"
        'no capacity left'          | { XcpngVgpuSpec s -> s.takenByRouter() }      | "vgpu type: 'passthrough', gpu: pci('81:00.0')" || "no capacity left for vGPU type 'passthrough' in 'Group of NVIDIA Corporation GP107 [GeForce GTX 1050 Ti] GPUs': the VM would not start (VM_REQUIRES_GPU)"
    }

    /** The GTX hidden and already running as the router VM's passthrough vGPU. */
    void takenByRouter() {
        hideGtx()
        state.gpu.vgpus << new DemoVgpu('0d6c2f47-2b7c-4f0e-9d35-1a2b3c4d5e6f', ROUTER, 'passthrough',
                'Group of NVIDIA Corporation GP107 [GeForce GTX 1050 Ti] GPUs', GTX)
        state.vms[ROUTER].powerState = 'running'
    }

    /** The demo's pGPU uuid of a GPU (xe pgpu-list's uuid). */
    static String pgpu(String bdf) { UUID.nameUUIDFromBytes("demo pgpu ${bdf}".bytes).toString() }
}
