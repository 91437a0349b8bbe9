package dev.passthru.spec.dsl

import dev.passthru.dsl.NoVgpuStep
import dev.passthru.dsl.PackArgs
import dev.passthru.dsl.PciAddress
import dev.passthru.dsl.Recipe
import dev.passthru.dsl.RecipeException
import dev.passthru.dsl.RecipeLoader
import dev.passthru.dsl.SupplementalPackStep
import dev.passthru.dsl.VgpuStep
import spock.lang.Specification

/** vgpu, noVgpu (in a vm block) and supplementalPack (top level): the steps they make and the mistakes they refuse. */
class VgpuWordsSpec extends Specification {
    static Recipe load(String body) { new RecipeLoader().load("recipe('x') {\n  ${body}\n}\n", 'x.groovy') }

    def "vgpu makes one step per call with its type, GPU, group and halt option, at its line"() {
        when:
        Recipe r = load("def gpu = pci '0000:81:00.0'\n  vm('w') {\n    vgpu type: 'passthrough', gpu: gpu\n" +
                "    vgpu type: 'FirePro S7150 4GB', group: 'Group of A B GPUs', halt: true\n  }")
        VgpuStep a = (VgpuStep) r.steps[0]
        VgpuStep b = (VgpuStep) r.steps[1]

        then:
        a.vm == 'w' && a.type == 'passthrough' && a.passthrough && !a.halt && a.group == null
        a.gpus*.address == [PciAddress.parse('0000:81:00.0')]
        a.location.line == 4
        a.describe() == "vgpu 'passthrough' on 0000:81:00.0 for VM 'w'"
        b.type == 'FirePro S7150 4GB' && !b.passthrough && b.halt && b.gpus == [] && b.group == 'Group of A B GPUs'
        b.describe() == "vgpu 'FirePro S7150 4GB' in 'Group of A B GPUs' for VM 'w'"
    }

    def "noVgpu removes all vGPUs or those of one type; supplementalPack names the ISO and the pack's label"() {
        when:
        Recipe r = load("supplementalPack '/tmp/mxgpu-2.0.0.amd.iso'\n  supplementalPack '/srv/x.iso', label: 'xpack'" +
                "\n  vm('w') { noVgpu(); noVgpu type: 'passthrough', halt: true }")

        then:
        r.steps*.describe() == ["supplemental pack 'mxgpu' (/tmp/mxgpu-2.0.0.amd.iso)",
                                "supplemental pack 'xpack' (/srv/x.iso)", "no vgpu for VM 'w'",
                                "no vgpu 'passthrough' for VM 'w'"]
        ((SupplementalPackStep) r.steps[0]).label == 'mxgpu'
        ((NoVgpuStep) r.steps[2]).type == null && !((NoVgpuStep) r.steps[2]).halt
        ((NoVgpuStep) r.steps[3]).halt
    }

    def "a pack's default label is its file name up to a dash and a digit: #iso is #label"() {
        expect:
        PackArgs.defaultLabel(iso) == label

        where:
        iso                                 || label
        'mxgpu-2.0.0.amd.iso'               || 'mxgpu'     // the XCP-ng guide's MxGPU pack
        '/tmp/XenServer-7.0.0-xscontainer.iso' || 'XenServer' // a XenServer pack name (xcp-ng docs, containers)
        '/root/novaplugins.iso'             || 'novaplugins'
    }

    def "#body is refused at its line: #message"() {
        when:
        load(body)

        then:
        RecipeException e = thrown()
        e.userMessage() == "x.groovy:2: ${message}".toString()

        where:
        body                                                || message
        "vm('w') { vgpu gpu: pci('81:00.0') }"              || "vgpu: type: is missing: the vGPU type's model name ('passthrough' for the whole GPU, or a model as xe vgpu-type-list prints it)"
        "vm('w') { vgpu type: '' }"                         || "vgpu: type: takes a model name such as 'passthrough' or 'FirePro S7150 4GB', not ''"
        "vm('w') { vgpu type: 3 }"                          || "vgpu: type: takes a model name such as 'passthrough' or 'FirePro S7150 4GB', not '3'"
        "vm('w') { vgpu type: 'passthrough', gpu: '81:00.0' }" || "vgpu: gpu: takes a device (pci '0000:81:00.0' or a selector), not String"
        "vm('w') { vgpu type: 'passthrough', group: '' }"   || "vgpu: group: takes a GPU group's name-label, e.g. 'Group of NVIDIA Corporation GP107 [GeForce GTX 1050 Ti] GPUs'"
        "vm('w') { vgpu type: 'passthrough', gpu: pci('81:00.0'), group: 'g' }" || 'vgpu: give gpu: or group:, not both'
        "vm('w') { vgpu type: 'passthrough', halt: 'yes' }" || 'vgpu: halt: takes true or false'
        "vm('w') { vgpu type: 'passthrough', model: 'x' }"  || 'vgpu: unknown option model (only type:, gpu:, group:, halt:)'
        "vm('w') { noVgpu gpu: pci('81:00.0') }"            || 'noVgpu: unknown option gpu (only type:, halt:)'
        "supplementalPack 'mxgpu.tar.gz'"                   || "supplementalPack: 'mxgpu.tar.gz' is not an ISO path passthru passes to the host (a path ending in .iso; letters, digits and _ . / + @ : - only)"
        "supplementalPack '/tmp/a b.iso'"                   || "supplementalPack: '/tmp/a b.iso' is not an ISO path passthru passes to the host (a path ending in .iso; letters, digits and _ . / + @ : - only)"
        "supplementalPack '/tmp/x.iso', label: 'a;b'"       || "supplementalPack: label: 'a;b' is not a pack name (letters, digits and _ . + - only)"
        "supplementalPack '/tmp/x.iso', sr: 'x'"            || 'supplementalPack: unknown option sr (only label:)'
    }
}
