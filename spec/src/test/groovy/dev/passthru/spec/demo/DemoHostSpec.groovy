package dev.passthru.spec.demo

import dev.passthru.spec.engine.Engines
import dev.passthru.dsl.PciAddress
import dev.passthru.dsl.Recipe
import dev.passthru.dsl.RecipeLoader
import dev.passthru.runtime.demo.DemoState
import dev.passthru.runtime.demo.DemoXcpngHost
import dev.passthru.runtime.engine.Engine
import dev.passthru.runtime.engine.Listener
import dev.passthru.runtime.engine.Rebooter
import dev.passthru.runtime.engine.RunResult
import dev.passthru.runtime.engine.StepStatus
import dev.passthru.runtime.xcpng.XcpngFlavour
import dev.passthru.spec.Repo
import spock.lang.Specification

/** The demo host behaves like a host: plan writes nothing, apply converges, a second apply changes nothing. */
class DemoHostSpec extends Specification {
    static final List<String> WRITES = ['--set-dom0', '--delete-dom0', 'vm-param-set', 'vm-param-remove', 'vm-start', 'vm-shutdown', 'reboot']

    DemoState state = DemoState.standard()
    DemoXcpngHost host = new DemoXcpngHost(state)

    RunResult run(String text, boolean plan = false) {
        Recipe r = new RecipeLoader().load(text, 'demo.groovy')
        Engine e = Engines.on(host, 'xcpng')
        plan ? e.plan(r) : e.apply(r)
    }

    static String shipped(String name) { Repo.file("recipes/xcp-ng/${name}.groovy").text }

    List<String> writes() { host.received.findAll { String c -> WRITES.any { c.contains(it) } } }

    def "plan, apply and apply again on one demo host"() {
        when:
        RunResult plan = run(shipped('nic-passthrough'), true)

        then: 'the plan shows the changes, the reboot and a pending check, and sent no write'
        plan.steps*.status == [StepStatus.WOULD_CHANGE, StepStatus.WOULD_CHANGE, StepStatus.PENDING, StepStatus.WOULD_CHANGE, StepStatus.WOULD_CHANGE, StepStatus.WOULD_CHANGE]
        plan.rebootStillNeeded.isEmpty()   // the planned reboot covers the hide
        writes().isEmpty()

        when:
        RunResult first = run(shipped('nic-passthrough'))
        int writesAfterFirst = writes().size()
        RunResult second = run(shipped('nic-passthrough'))

        then:
        first.count(StepStatus.CHANGED) == 5
        second.steps.every { it.status == StepStatus.OK }
        writes().size() == writesAfterFirst
        state.assignable == [PciAddress.parse('0000:04:01.0')]
        state.vms.values().find { it.name == 'router' }.powerState == 'running'
    }

    def "hide keeps the devices already hidden, unhide removes only its own"() {
        given: 'the NVMe drive is hidden and active in this boot'
        state.hideConfigured = [PciAddress.parse('0000:05:00.0')]
        state.assignable = [PciAddress.parse('0000:05:00.0')]

        when:
        run("recipe('h') { hide pci('04:01.0') }")

        then:
        host.received.contains("/opt/xensource/libexec/xen-cmdline --set-dom0 'xen-pciback.hide=(0000:05:00.0)(0000:04:01.0)'")
        state.hideConfigured*.toString() == ['0000:05:00.0', '0000:04:01.0']

        when:
        RunResult r = run("recipe('u') { unhide pci('05:00.0') }")

        then:
        state.hideConfigured*.toString() == ['0000:04:01.0']
        r.rebootStillNeeded == ['unhide 0000:05:00.0 (line 1)']
    }

    def "a hide that is configured but not yet effective still asks for the reboot on the next run"() {
        given: 'an earlier run configured the device, then stopped before its reboot'
        state.hideConfigured = [PciAddress.parse('0000:04:01.0')]

        when:
        RunResult r = run("recipe('h') {\n hide pci('04:01.0')\n reboot()\n verify { assignable pci('04:01.0') }\n}")

        then:
        r.steps*.status == [StepStatus.OK, StepStatus.CHANGED, StepStatus.OK]
        host.received.contains('reboot')
    }

    def "attach keeps the VM's other devices; a running VM is reported as needing a restart"() {
        given:
        DemoState.Vm lab = state.vms.values().find { it.name == 'lab "blue" #1' }
        lab.powerState = 'running'
        lab.otherConfig.pci = '0/0000:02:00.1'

        when:
        RunResult r = run("recipe('a') {\n vm('lab \"blue\" #1') { attach pci('0000:02:00.0') }\n}")

        then: 'the name with quotes and spaces reached xe as one word'
        host.received.contains("xe vm-list 'name-label=lab \"blue\" #1' --minimal")
        lab.otherConfig.pci == '0/0000:02:00.1,0/0000:02:00.0'
        r.steps[0].status == StepStatus.CHANGED
        r.vmRestartsNeeded == ["VM 'lab \"blue\" #1' is running: restart it for the new pci devices to take effect"]
    }

    def "verify fails clearly when the device is not assignable"() {
        when:
        RunResult r = run("recipe('v') { verify { assignable pci('04:01.0') } }")

        then:
        r.steps[0].status == StepStatus.FAILED
        r.steps[0].message == '0000:04:01.0 not assignable: xl pci-assignable-list does not list it (hide the device and reboot first)'
        r.exitCode() == 2
    }

    def "a failure stops the run; later steps are skipped and earlier changes stay recorded"() {
        when:
        RunResult r = run("recipe('f') {\n vm('router') { pinVcpus 0..1 }\n verify { assignable pci('04:01.0') }\n vm('router') { start() }\n}")

        then:
        r.steps*.status == [StepStatus.CHANGED, StepStatus.FAILED, StepStatus.SKIPPED]
        !host.received.any { it.startsWith('xe vm-start') }
    }
}
