package dev.passthru.spec.xcpng

import dev.passthru.dsl.Recipe
import dev.passthru.dsl.RecipeLoader
import dev.passthru.runtime.demo.DemoState
import dev.passthru.runtime.demo.DemoXcpngHost
import dev.passthru.runtime.engine.RunResult
import dev.passthru.runtime.engine.StepStatus
import dev.passthru.spec.Repo
import dev.passthru.spec.engine.Engines
import spock.lang.Specification

/**
 * xen { } on the demo XCP-ng host: xen-cmdline edits the next boot's lines, only what differs; a reboot makes them
 * the running ones (xl info's xen_commandline, /proc/cmdline); configured but not running is a pending reboot.
 */
class XcpngXenArgsSpec extends Specification {
    static final String XEN_CMDLINE = '/opt/xensource/libexec/xen-cmdline'

    DemoState state = DemoState.standard()
    DemoXcpngHost host = new DemoXcpngHost(state)

    RunResult run(String text, boolean plan = false) {
        Recipe r = new RecipeLoader().load(text, 'x.groovy')
        plan ? Engines.on(host, 'xcpng').plan(r) : Engines.on(host, 'xcpng').apply(r)
    }

    List<String> edits() { host.received.findAll { it.startsWith("${XEN_CMDLINE} --set-") || it.startsWith("${XEN_CMDLINE} --delete-") } }

    def "the shipped recipe: the first apply sets extra_guest_irqs and reboots; the second changes nothing"() {
        given:
        String recipe = Repo.file('recipes/xcp-ng/xen-boot-options.groovy').text

        when:
        RunResult first = run(recipe)

        then:
        first.steps*.status == [StepStatus.CHANGED, StepStatus.CHANGED]
        first.steps[0].diff == ['+ extra_guest_irqs=128']
        edits() == ["${XEN_CMDLINE} --set-xen extra_guest_irqs=128".toString()]
        host.received.contains('reboot')
        state.xenCommandline().split(' ').contains('extra_guest_irqs=128')

        when:
        host.received.clear()
        RunResult second = run(recipe)

        then:
        second.steps*.status == [StepStatus.OK, StepStatus.OK]
        edits() == []
        !host.received.contains('reboot')
    }

    def "configured but not yet running: the plan says pending reboot, naming the line that differs"() {
        given: 'an earlier run set the option, then stopped before its reboot'
        host.run("${XEN_CMDLINE} --set-xen extra_guest_irqs=128")
        host.received.clear()

        when:
        RunResult plan = run("recipe('x') {\n  xen { arg 'extra_guest_irqs=128' }\n}", true)

        then:
        plan.steps*.status == [StepStatus.OK]
        plan.rebootStillNeeded == ['xen args +extra_guest_irqs=128 (line 2)']
        plan.steps[0].message == 'configured with xen-cmdline; extra_guest_irqs=128 not yet in ' +
                "Xen's command line (xl info xen_commandline): after a reboot"
        edits() == []
        !state.xenCommandline().contains('extra_guest_irqs')
    }

    def "dom0 arguments and deletions go through --set-dom0 and --delete-*; a reboot makes them run"() {
        given: 'Xen runs with crashkernel=256M,below=4G and dom0 with hpet=disable, which the recipe deletes'
        String recipe = "recipe('x') {\n  xen { remove 'crashkernel'; dom0Arg 'pci=nomsi'; removeDom0 'hpet' }\n" +
                "  reboot()\n}"

        when:
        RunResult first = run(recipe)

        then:
        first.steps[0].diff == ['- crashkernel=256M,below=4G', '+ dom0:pci=nomsi', '- dom0:hpet=disable']
        edits() == ["${XEN_CMDLINE} --delete-xen crashkernel", "${XEN_CMDLINE} --set-dom0 pci=nomsi",
                    "${XEN_CMDLINE} --delete-dom0 hpet"]*.toString()
        host.run('cat /proc/cmdline').stdout.split(/\s+/).contains('pci=nomsi')
        !host.run('cat /proc/cmdline').stdout.contains('hpet=')
        !state.xenCommandline().contains('crashkernel=')

        when:
        host.received.clear()
        RunResult second = run(recipe)

        then:
        second.steps*.status == [StepStatus.OK, StepStatus.OK]
        edits() == []
    }

    def "a value already set is replaced, the old one shown as going"() {
        given:
        host.run("${XEN_CMDLINE} --set-xen extra_guest_irqs=64")
        state.boot()
        host.received.clear()

        when:
        RunResult r = run("recipe('x') {\n  xen { arg 'extra_guest_irqs=128' }\n}", true)

        then:
        r.steps[0].status == StepStatus.WOULD_CHANGE
        r.steps[0].diff == ['- extra_guest_irqs=64', '+ extra_guest_irqs=128']
    }
}
