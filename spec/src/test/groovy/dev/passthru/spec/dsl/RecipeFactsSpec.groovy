package dev.passthru.spec.dsl

import dev.passthru.dsl.Recipe
import dev.passthru.runtime.cli.Runner
import dev.passthru.runtime.cli.UsageError
import dev.passthru.runtime.demo.DemoKvmHost
import dev.passthru.runtime.demo.DemoXcpngHost
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Path

/** {@code facts} inside recipes: the same map passthru facts prints, read from the host only when a recipe reads it. */
class RecipeFactsSpec extends Specification {
    @TempDir
    Path tmp

    File recipe(String name, String text) { File f = tmp.resolve(name).toFile(); f.text = text; f }

    def "a recipe branches on the product and pins the CPUs of a NUMA node the host reports"() {
        given: 'a file named facts.groovy: the script class must not shadow the facts it reads'
        File f = recipe('facts.groovy', """recipe('by-facts') {
    def nic = pci '0000:04:01.0'
    hide nic
    if (facts.product.version.startsWith('8.3')) reboot()
    vm('router') { pinVcpus facts.cpus.nodeCpus['1'] }
}""")
        DemoXcpngHost xcp = new DemoXcpngHost()

        when:
        Recipe r = Runner.load(f, xcp, null)

        then:
        r.steps*.describe() == ['hide 0000:04:01.0', 'reboot (if needed)', "pin VM 'router' vCPUs to host CPUs 8-15"]
        xcp.received.contains('xl info -n')

        when: 'on the KVM demo (Debian 12) the branch is not taken, and its node 1 has other CPUs'
        Recipe k = Runner.load(f, new DemoKvmHost(), null)

        then:
        k.steps*.describe() == ['hide 0000:04:01.0', "pin VM 'router' vCPUs to host CPUs 4-7,12-15"]
    }

    def "a recipe that never reads facts sends nothing to the host while it loads"() {
        given:
        DemoXcpngHost xcp = new DemoXcpngHost()

        when:
        Runner.load(recipe('plain.groovy', "recipe('plain') { hide pci('04:01.0') }"), xcp, null)

        then:
        xcp.received.isEmpty()
    }

    def "a fact the host does not have is a recipe error at its line, listing the facts there are"() {
        when:
        Runner.load(recipe('bad.groovy', "recipe('bad') {\n  hide pci(facts.gpu)\n}"), new DemoXcpngHost(), null)

        then:
        UsageError e = thrown()
        e.message == "${tmp.resolve('bad.groovy')}:2: the host has no fact 'gpu'; it has: host, flavour, chosen, product, kernelCmdline, iommu, cpus, pci, vms"
    }
}
