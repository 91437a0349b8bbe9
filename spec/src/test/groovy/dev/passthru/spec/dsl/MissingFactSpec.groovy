package dev.passthru.spec.dsl

import dev.passthru.runtime.cli.Runner
import dev.passthru.runtime.cli.UsageError
import dev.passthru.runtime.demo.DemoXcpngHost
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Path

/**
 * A fact the host does not have, at any depth, is a recipe error at its line naming what is there: never a null,
 * never a NullPointerException.
 */
class MissingFactSpec extends Specification {
    @TempDir
    Path tmp

    def "#expression: #message"() {
        given:
        File f = tmp.resolve('r.groovy').toFile()
        f.text = "recipe('x') {\n  if (${expression}) reboot()\n}\n"

        when:
        Runner.load(f, new DemoXcpngHost(), null)

        then:
        UsageError e = thrown()
        e.message == "${f.path}:2: ${message}"

        where:
        expression                                || message
        "facts.nope"                              || "the host has no fact 'nope'; it has: host, flavour, chosen, product, kernelCmdline, iommu, cpus, pci, vms"
        "facts['nope']"                           || "the host has no fact 'nope'; it has: host, flavour, chosen, product, kernelCmdline, iommu, cpus, pci, vms"
        "facts.product.nosuch.startsWith('8')"    || "the host has no fact 'product.nosuch'; product has: name, version, pretty, xen"
        "facts.cpus.nope"                         || "the host has no fact 'cpus.nope'; cpus has: count, sockets, cores, numaNodes, nodeCpus, siblings"
        "facts.cpus.nodeCpus['7']"                || "the host has no fact 'cpus.nodeCpus.7'; cpus.nodeCpus has: 0, 1"
        "facts.pci[0].nope"                       || "the host has no fact 'pci[0].nope'; pci[0] has: address, classId, className, ids, description, driver, modules, numaNode, hidden, assignable, physfn, virtfns"
    }
}
