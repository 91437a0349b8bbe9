package dev.passthru.spec.cli

import dev.passthru.spec.Repo
import groovy.json.JsonSlurper
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Path

/** plan for machines: --json on stdout (progress on stderr), Terraform's --detailed-exitcode, and --var. */
class PlanJsonSpec extends Specification {
    @TempDir
    Path tmp

    String recipe(String body) {
        File f = tmp.resolve('r.groovy').toFile()
        f.text = body
        f.path
    }

    def "plan --json prints only the plan on stdout, one object per step with status and diff"() {
        when:
        CliRun r = CliRun.of(tmp, ['plan', Repo.file('recipes/xcp-ng/nic-passthrough.groovy').path, '--json'])
        Map plan = (Map) new JsonSlurper().parseText(r.out)

        then:
        r.code == 0
        plan.schema == 'passthru.plan/1'
        plan.host == 'demo-xcp-ng-8.3'
        plan.changesPending == true
        plan.steps*.step == ['hide 0000:04:01.0', 'reboot (if needed)', 'verify assignable 0000:04:01.0',
                             "attach 0000:04:01.0 to VM 'router'",
                             "pin VM 'router' vCPUs to host CPUs within 0-7 (NUMA-local)", "start VM 'router'"]
        plan.steps*.line == [8, 9, 10, 13, 14, 15]
        plan.steps*.status == ['would_change', 'would_change', 'pending',
                               'would_change', 'would_change', 'would_change']
        plan.steps[0].diff == ['- xen-pciback.hide=(not set)', '+ xen-pciback.hide=(0000:04:01.0)']
        plan.steps[0].commands == [[command: "/opt/xensource/libexec/xen-cmdline --set-dom0 'xen-pciback.hide=(0000:04:01.0)'", stdin: null]]
        plan.steps[1].commands == [[command: 'reboot', stdin: null], [note: 'then waits for the host to come back with a new boot id']]
        plan.steps[2].commands == []
        r.err.contains('[1/6] hide 0000:04:01.0')
    }

    def "plan --json of a recipe with a preflight problem is still JSON, with the finding, and exit 2"() {
        when:
        CliRun r = CliRun.of(tmp, ['plan', recipe("recipe('x') {\n  vm('nope') { start() }\n}"), '--json'])
        Map plan = (Map) new JsonSlurper().parseText(r.out)

        then:
        r.code == 2
        plan.failed == true
        plan.steps == []
        plan.findings*.line == [2]
        plan.findings[0].message.startsWith("no VM is named 'nope' on this host")
    }

    def "a recipe's own println goes to stderr under plan --json, so stdout stays one JSON document"() {
        when:
        CliRun r = CliRun.of(tmp, ['plan', recipe("println 'hello from the recipe'\nrecipe('x') { vm('router') { start() } }"), '--json'])

        then:
        r.code == 0
        ((Map) new JsonSlurper().parseText(r.out)).steps*.step == ["start VM 'router'"]
        r.err.readLines().contains('hello from the recipe')
    }

    def "--detailed-exitcode: #why gives #code"() {
        when:
        CliRun r = CliRun.of(tmp, ['plan', recipe(body), '--detailed-exitcode'])

        then:
        r.code == code

        where:
        why                     | body                                                   || code
        'nothing to change'     | "recipe('x') { vm('router') { stop() } }"     || 0
        'a change pending'      | "recipe('x') { vm('router') { start() } }"            || 2
        'a preflight error'     | "recipe('x') { vm('nope') { start() } }"              || 1
    }

    def "--var gives a recipe its vars on one host, as an inventory does"() {
        when:
        CliRun r = CliRun.of(tmp, ['plan', Repo.file('recipes/fleet/nic-by-host.groovy').path,
                                   '--var', 'nic=0000:02:00.1', '--var', 'vm=gpu-worker'])

        then:
        r.code == 0
        r.out.contains("[4/6] attach 0000:02:00.1 to VM 'gpu-worker' ")
    }

    def "--json and --detailed-exitcode are for one host"() {
        given:
        File inv = tmp.resolve('hosts.ini').toFile()
        inv.text = '[rack1]\ndemo\n'

        when:
        CliRun r = CliRun.of(tmp, ['plan', Repo.file('recipes/xcp-ng/nic-passthrough.groovy').path,
                                   '--inventory', inv.path, '--json'])

        then:
        r.code == 64
        r.err.readLines()[0] == 'error: --json and --detailed-exitcode are for one host; a fleet writes --report-json'
    }
}
