package dev.passthru.spec.xcpng

import dev.passthru.dsl.Recipe
import dev.passthru.dsl.RecipeException
import dev.passthru.dsl.RecipeLoader
import dev.passthru.runtime.demo.DemoKvmHost
import dev.passthru.runtime.demo.DemoState
import dev.passthru.runtime.demo.DemoXcpngHost
import dev.passthru.runtime.engine.RunResult
import dev.passthru.runtime.engine.StepStatus
import dev.passthru.runtime.transport.Transport
import dev.passthru.spec.Repo
import dev.passthru.spec.engine.Engines
import spock.lang.Specification

/**
 * Runtime NUMA on XCP-ng (the demo host): numaSplit(), cpupool, pinVcpus of a running VM (persistent mask and a
 * live xl vcpu-pin addressed by the dom-id XAPI gives), verify vcpusOnNode and nodeAffinity; idempotent; the
 * words' mistakes; KVM refuses them.
 */
class RuntimeNumaSpec extends Specification {
    static final String WRITES = /^(xl (vcpu-pin|cpupool-numa-split|cpupool-migrate)|xe vm-(param-set|start)).*/
    DemoState state = DemoState.standard()
    DemoXcpngHost host = new DemoXcpngHost(state)

    RunResult apply(String text, Transport on = host) {
        Engines.on(on).apply(new RecipeLoader().load(text, 'r.groovy'))
    }

    def "the shipped numa-runtime recipe: start, split, move, pin live and persistently, verify; then nothing"() {
        given:
        String recipe = Repo.file('recipes/xcp-ng/numa-runtime.groovy').text

        when:
        RunResult first = apply(recipe)
        List<String> written = host.received.findAll { it ==~ WRITES }
        host.received.clear()
        RunResult second = apply(recipe)

        then: 'the pin of the running VM is live now (no restart owed) and its mask kept for its next start'
        first.exitCode() == 0
        first.steps*.status == [StepStatus.CHANGED] * 4 + [StepStatus.OK] * 2
        written == ['xe vm-start uuid=b7d2f5b3-6c1f-4a8e-8b62-2e3f4a5b6c7d', 'xl cpupool-numa-split',
                    'xl cpupool-migrate 1 Pool-node1',
                    'xe vm-param-set uuid=b7d2f5b3-6c1f-4a8e-8b62-2e3f4a5b6c7d VCPUs-params:mask=8,9,10,11,12,13,14,15',
                    'xl vcpu-pin 1 all 8-15']
        first.steps[3].diff.takeRight(2) == ['- vCPU affinity now (xl vcpu-list): 0: all, 1: all',
                                             '+ vCPU affinity now: 8-15 (xl vcpu-pin, until the domain goes)']
        !first.steps.any { it.status == StepStatus.PENDING }
        second.exitCode() == 0
        second.steps*.status == [StepStatus.OK] * 6
        !host.received.any { it ==~ WRITES }
    }

    def "a live pin lost with the VM's restart comes back from VCPUs-params:mask: nothing to change"() {
        given:
        String recipe = Repo.file('recipes/xcp-ng/numa-runtime.groovy').text
        apply(recipe)

        when: 'the VM restarts: a new domain (2), pinned from its mask, in the default pool again'
        host.run('xe vm-shutdown uuid=b7d2f5b3-6c1f-4a8e-8b62-2e3f4a5b6c7d')
        host.run('xe vm-start uuid=b7d2f5b3-6c1f-4a8e-8b62-2e3f4a5b6c7d')
        host.received.clear()
        RunResult again = apply(recipe)

        then: 'only the move to the pool is runtime state to redo; the pin is in effect (after the move resets it)'
        again.exitCode() == 0
        host.received.findAll { it ==~ WRITES } == ['xl cpupool-migrate 2 Pool-node1', 'xl vcpu-pin 2 all 8-15']
    }

    def "verify fails, naming what xl shows, when the running VM may leave the node (#word)"() {
        given:
        host.run('xe vm-start uuid=b7d2f5b3-6c1f-4a8e-8b62-2e3f4a5b6c7d')

        when:
        RunResult r = apply("recipe('x') {\n  verify { ${word} 'gpu-worker', 1 }\n}\n")

        then:
        r.exitCode() == 2
        r.steps[0].status == StepStatus.FAILED
        r.steps[0].message.contains(says)

        where:
        word           || says
        'vcpusOnNode'  || "VM 'gpu-worker' may run vCPUs outside NUMA node 1's CPUs 8-15 (xl vcpu-list: vCPU 0: all, " +
                          'vCPU 1: all); pin them with pinVcpus'
        'nodeAffinity' || "VM 'gpu-worker' has memory node affinity all, not 1 (xl list --numa)"
    }

    def "cpupool of a VM that does not run fails, saying runtime NUMA needs a running VM"() {
        when:
        RunResult r = apply("recipe('x') {\n  vm('gpu-worker') { cpupool 'Pool-node1' }\n}\n")

        then:
        r.exitCode() == 2
        r.steps[0].message.contains("VM 'gpu-worker' is not running (xe vm-param-get param-name=dom-id: -1)")
    }

    def "pinVcpus of a halted VM sets the mask only, as before (no xl)"() {
        when:
        RunResult r = apply("recipe('x') {\n  vm('gpu-worker') { pinVcpus 8..9 }\n}\n")

        then:
        r.exitCode() == 0
        host.received.findAll { it ==~ WRITES } ==
                ['xe vm-param-set uuid=b7d2f5b3-6c1f-4a8e-8b62-2e3f4a5b6c7d VCPUs-params:mask=8,9']
    }

    def "a mistake in a runtime NUMA word is one line naming the recipe line: #text"() {
        when:
        new RecipeLoader().load("recipe('x') {\n  ${text}\n}\n", 'r.groovy')

        then:
        RecipeException e = thrown()
        e.location.line == 2
        e.message == says

        where:
        text                                       || says
        "vm('a') { cpupool 'Pool node1' }"         || "cpupool: 'Pool node1' is not a cpupool name (letters, digits and " +
                                                      '_ . : + - only)'
        "verify { vcpusOnNode 'a', -1 }"           || 'vcpusOnNode: node -1 is negative'
        "verify { nodeAffinity 'a', -2 }"          || 'nodeAffinity: node -2 is negative'
    }

    def "KVM has no operation for the Xen runtime NUMA words: the step fails saying what to use there: #text"() {
        when:
        RunResult r = apply("recipe('x') {\n  ${text}\n}\n", new DemoKvmHost())

        then:
        r.exitCode() == 2
        r.steps[0].status == StepStatus.FAILED
        r.steps[0].message.startsWith(says)

        where:
        text                                     || says
        'numaSplit()'                            || 'numaSplit() is for Xen and XCP-ng hosts (Xen cpupools); on KVM'
        "vm('win10') { cpupool 'Pool-node1' }"   || 'cpupool is for Xen and XCP-ng hosts (xl cpupool-migrate); on KVM'
        "verify { vcpusOnNode 'win10', 0 }"      || 'vcpusOnNode is for Xen and XCP-ng hosts (xl vcpu-list); on KVM'
        "verify { nodeAffinity 'win10', 0 }"     || 'nodeAffinity is for Xen and XCP-ng hosts (xl list --numa); on KVM'
    }
}
