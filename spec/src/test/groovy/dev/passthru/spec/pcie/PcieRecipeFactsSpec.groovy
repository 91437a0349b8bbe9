package dev.passthru.spec.pcie

import dev.passthru.dsl.Recipe
import dev.passthru.runtime.cli.Runner
import dev.passthru.runtime.demo.DemoHgx
import dev.passthru.runtime.demo.DemoKvmHost
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Path

/** {@code facts.pcie} in a recipe: the fabric mode and each function's place, as passthru facts shows them. */
class PcieRecipeFactsSpec extends Specification {
    @TempDir
    Path tmp

    def "a recipe branches on the fabric mode and reads a GPU's switch from facts.pcie"() {
        given:
        File f = tmp.resolve('hgx.groovy').toFile()
        f.text = """recipe('by-fabric') { flavour 'kvm'
    def gpu = facts.pcie.functions.find { it.address == '0000:18:00.0' }
    if (facts.pcie.fabric.mode == 'shared-nvswitch') hide pci(gpu.address)
    hide pci(gpu.switch)
}"""
        DemoKvmHost host = DemoHgx.host()

        when:
        Recipe r = Runner.load(f, host, null)

        then:
        r.steps*.describe() == ['hide 0000:18:00.0', 'hide 0000:16:00.0']
        host.received.contains('lspci -vvv -D')
    }
}
