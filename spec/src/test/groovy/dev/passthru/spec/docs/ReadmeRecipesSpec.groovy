package dev.passthru.spec.docs

import dev.passthru.runtime.fleet.InventoryScript
import dev.passthru.spec.Repo
import dev.passthru.spec.cli.InProcessCli
import dev.passthru.spec.faults.ServedHost
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Path

/**
 * Every {@code ```groovy} block of the README is valid: a recipe plans with no error on the demo host it is
 * written for, and any other block is an inventory that reads. Which host, from what the block says:
 * <ul>
 * <li>{@code flavour 'kvm'}: the KVM demo host ({@code --host demo-kvm}), or the HGX demo host ({@code --host
 * demo-hgx}) when it uses the words only a PCIe tree with NUMA nodes answers ({@code node:}, {@code nearestNic},
 * {@code acs}, {@code mirrorTopology}); otherwise the XCP-ng demo host ({@code demo});</li>
 * <li>{@code .withGroup()}: a KVM host whose IOMMU is on (a host without IOMMU groups has no group to take): the KVM
 * demo host served over SSH, after a recipe turned its IOMMU on and rebooted it;</li>
 * <li>no {@code recipe(...)}: an inventory in its Groovy form ({@code group ... host ...}), read as {@code --inventory}
 * reads it.</li>
 * </ul>
 */
class ReadmeRecipesSpec extends Specification {
    @TempDir
    Path tmp

    /** One ```groovy block: its first line in README.md and its text. */
    static class Block {
        int line
        String text

        boolean isRecipe() { text =~ /(?m)^\s*recipe\s*\(/ }
        boolean isSpec() { text =~ /(?m)^class \w+ extends Specification/ }
        boolean isKvm() { text =~ /(?m)^\s*flavour\s+'kvm'/ }
        boolean isNeedsIommu() { text.contains('.withGroup()') }
        boolean isHgx() { text =~ /nearestNic|mirrorTopology|\bacs\s*\{|\bnode:\s*\d/ }
        String getHost() {
            needsIommu ? 'demo-kvm with the IOMMU on, over SSH' : kvm && hgx ? 'demo-hgx' : kvm ? 'demo-kvm' : 'demo'
        }
        String getKind() {
            spec ? 'a Spock spec that compiles against passthru-spock'
                    : recipe ? "a recipe that plans with no error on ${host}" : 'an inventory that reads'
        }

        @Override
        String toString() { "README.md:${line}" }
    }

    static List<Block> blocks() {
        List<Block> out = []
        Block open = null
        Repo.file('README.md').readLines().eachWithIndex { String l, int i ->
            if (open == null && l.trim() == '```groovy') open = new Block(line: i + 2, text: '')
            else if (open != null && l.trim() == '```') { out << open; open = null }
            else if (open != null) open.text += l + '\n'
        }
        out
    }

    def "the README's groovy blocks are found: the XCP-ng, KVM, selector and HGX examples, and the two harness specs"() {
        expect:
        blocks().findAll { it.recipe }*.host ==
                ['demo', 'demo-kvm', 'demo-kvm with the IOMMU on, over SSH', 'demo-hgx', 'demo-hgx']
        blocks().count { it.spec } == 2
    }

    def "#block is valid: #block.kind"() {
        given:
        File file = tmp.resolve('readme-block.groovy').toFile()
        file.text = block.text

        expect:
        block.spec ? compiles(block) : block.recipe ? plan(file, block)
                : InventoryScript.read(block.text, block.toString()).hosts

        where:
        block << blocks()
    }

    /** Compiles a spec block as a user's repository would (the harness's and Spock's packages imported). */
    private static boolean compiles(Block block) {
        Class c = new GroovyClassLoader(ReadmeRecipesSpec.classLoader).parseClass(
                "import dev.passthru.spock.*\nimport spock.lang.*\n${block.text}", 'ReadmeSpec.groovy')
        c.declaredMethods*.name.any { it.startsWith('\$spock_feature') }
    }

    /** Plans a recipe block on its demo host: exit 0 (a preflight error or a failing check is 2), nothing on stderr. */
    private boolean plan(File recipe, Block block) {
        InProcessCli cli = new InProcessCli(tmp.resolve('home'))
        int code
        if (block.needsIommu) {
            ServedHost h = new ServedHost(tmp)
            try {
                File iommu = tmp.resolve('iommu-on.groovy').toFile()
                iommu.text = "recipe('iommu-on') {\n  kernel { iommu() }\n  reboot()\n}\n"
                List<String> ssh = ['--host', "root@127.0.0.1:${h.server.port}".toString(), '--identity', h.key.path,
                                    '--known-hosts', h.knownHosts.path,
                                    '--reboot-timeout', '20', '--reboot-poll', '0.02']
                assert cli.run((['apply', iommu.path] + ssh) as String[]) == 0
                code = cli.run((['plan', recipe.path] + ssh) as String[])
            } finally {
                h.close()
            }
        } else {
            code = cli.run(['plan', recipe.path, '--host', block.host] as String[])
        }
        assert cli.err == ''
        assert cli.out.contains('Nothing was changed (this was a dry run).')
        assert code == 0
        true
    }
}
