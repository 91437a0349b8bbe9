package dev.passthru.spec.xcpng

import dev.passthru.dsl.FlavourName
import dev.passthru.dsl.PciAddress
import dev.passthru.dsl.Recipe
import dev.passthru.dsl.RecipeLoader
import dev.passthru.runtime.demo.DemoState
import dev.passthru.runtime.demo.DemoXcpngHost
import dev.passthru.runtime.detect.Detection
import dev.passthru.runtime.detect.FlavourDetection
import dev.passthru.runtime.engine.RunResult
import dev.passthru.runtime.engine.StepStatus
import dev.passthru.runtime.facts.Facts
import dev.passthru.spec.Repo
import dev.passthru.spec.engine.Engines
import spock.lang.Specification

/**
 * The XCP-ng flavour on a Xen host without XAPI (xl, no xe: the Xen lab's dom0): hide, unhide, reboot and verify
 * assignable run through xen-cmdline and xl; every step that needs xe is refused at preflight, one line each,
 * before anything is read or changed; facts list no VMs and never run xe. The host is the XCP-ng demo with no xe.
 */
class PlainXenSpec extends Specification {
    static final List<String> WRITES = ['--set-dom0', '--delete-dom0', 'vm-param-set', 'vm-param-remove', 'vm-start',
                                        'vm-shutdown', 'reboot']
    static final String WHY = ' needs XAPI (xe), which this Xen host does not have (a plain Xen host: hide, unhide, ' +
            'reboot, verify assignable and runtime NUMA run here, through xen-cmdline and xl)'

    DemoState state = DemoState.standard()
    DemoXcpngHost host = new DemoXcpngHost(state) {
        @Override
        protected Map<String, String> tools() { [xl: '/usr/sbin/xl'] }
    }

    RunResult apply(String text, String flavour = null) {
        Recipe r = new RecipeLoader().load(text, 'r.groovy')
        Engines.on(host, flavour).apply(r)
    }

    def "detected on a host with xl and no xe: the XCP-ng flavour, saying it is a Xen host without XAPI"() {
        when:
        Detection d = new FlavourDetection(new Facts(host), null, Engines.NO_WAIT).detect(null)

        then:
        d.name() == 'xcpng'
        d.reason == 'detected: XCP-ng 8.3.0; found xl; a Xen host without XAPI (no xe): xl-level steps only'
    }

    def "every step that needs XAPI is refused at preflight, one line each, before anything is changed (#flavour)"() {
        when:
        RunResult r = apply(Repo.file('recipes/xcp-ng/nic-passthrough.groovy').text, flavour)

        then:
        r.exitCode() == 2
        r.problems*.toString() == [
                "r.groovy:13: step 'attach 0000:04:01.0 to VM \'router\'': attach${WHY}",
                "r.groovy:15: step 'start VM \'router\'': start()${WHY}"]*.toString()
        r.steps.isEmpty()
        host.received.every { String c -> !WRITES.any { c.contains(it) } && !c.startsWith('xe ') }

        where:
        flavour << [null, 'xcpng']
    }

    def "detach, unpin and stop are refused too; hide and verify in the same recipe are not"() {
        when:
        RunResult r = apply("recipe('x') {\n  hide pci('0000:04:01.0')\n  verify { assignable pci('0000:04:01.0') }\n" +
                "  vm('router') {\n    detach pci('0000:04:01.0')\n    unpinVcpus()\n    stop()\n  }\n}\n", 'xcpng')

        then:
        r.exitCode() == 2
        r.problems.collect { "${it.location.line} ${it.message.split(' ')[0]}".toString() } ==
                ['5 detach', '6 unpinVcpus', '7 stop()']
        r.problems.every { it.message.endsWith(WHY) }
    }

    def "hide, reboot and verify assignable run end to end through xen-cmdline and xl, and again change nothing"() {
        given:
        String recipe = "recipe('x') {\n  flavour 'xcpng'\n  hide pci('0000:04:01.0')\n  reboot()\n" +
                "  verify { assignable pci('0000:04:01.0') }\n}\n"

        when:
        RunResult first = apply(recipe)
        RunResult second = apply(recipe)

        then:
        first.exitCode() == 0
        first.steps*.status == [StepStatus.CHANGED, StepStatus.CHANGED, StepStatus.OK]
        second.steps*.status == [StepStatus.OK] * 3
        state.assignable == [PciAddress.parse('0000:04:01.0')]
        !host.received.any { it.startsWith('xe ') }
    }

    def "facts on a Xen host without XAPI: devices and topology from lspci and xl, no VMs, and xe never runs"() {
        when:
        Map<String, Object> facts = new FlavourDetection(new Facts(host), FlavourName.XCPNG, Engines.NO_WAIT)
                .detect(null).facts()

        then:
        facts.vms == []
        (facts.cpus as Map).count == 16
        (facts.pci as List<Map>).find { it.address == '0000:04:01.0' }.numaNode == 0
        !host.received.any { it.startsWith('xe ') }
    }

    def "runtime NUMA on a Xen host without XAPI: xl domains by name, addressed by id; pinVcpus live only; no xe"() {
        given: 'router runs as an xl domain (domain 1)'
        state.vms.values().find { it.name == 'router' }.powerState = 'running'
        String recipe = "recipe('x') {\n  flavour 'xcpng'\n  numaSplit()\n  vm('router') {\n" +
                "    cpupool 'Pool-node1'\n    pinVcpus 8..15\n  }\n  verify { vcpusOnNode 'router', 1 }\n}\n"

        when:
        RunResult first = apply(recipe)
        RunResult second = apply(recipe)

        then:
        first.exitCode() == 0
        first.steps*.status == [StepStatus.CHANGED, StepStatus.CHANGED, StepStatus.CHANGED, StepStatus.OK]
        first.steps[2].diff == ['- vCPU affinity now (xl vcpu-list): 0: all, 1: all',
                                '+ vCPU affinity now: 8-15 (xl vcpu-pin, until the domain goes)']
        second.steps*.status == [StepStatus.OK] * 4
        host.received.findAll { it in ['xl cpupool-numa-split', 'xl cpupool-migrate 1 Pool-node1',
                                       'xl vcpu-pin 1 all 8-15'] } ==
                ['xl cpupool-numa-split', 'xl cpupool-migrate 1 Pool-node1', 'xl vcpu-pin 1 all 8-15']
        !host.received.any { it.startsWith('xe ') }
    }

    def "a VM that is not a running xl domain is one preflight line naming the domains there are"() {
        when:
        RunResult r = apply("recipe('x') {\n  flavour 'xcpng'\n  vm('router') { pinVcpus 8..15 }\n}\n")

        then:
        r.exitCode() == 2
        r.problems*.toString() == ["r.groovy:3: step 'pin VM \'router\' vCPUs to host CPUs 8-15': no running xl " +
                "domain is named 'router' (xl list --numa: no domain but Domain-0); on a Xen host without XAPI a " +
                'VM is a running xl domain']
        !host.received.any { it.startsWith('xe ') || it.startsWith('xl vcpu-pin') }
    }
}
