package dev.passthru.spock

import dev.passthru.runtime.twin.TwinFile
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Path

/**
 * A twin as a fixture beside tapes: the recipe applied to a fresh copy of the twin file (never written), read back
 * by the same Host views, saved where asked, shipped twins by name, and the mistakes.
 */
class TwinSpec extends Specification {
    /** The KVM demo host with its GTX 1050 (and audio) moved to 0a:00.x, IOMMU group 10, NUMA node 1. */
    static final String GPU_AT_0A = 'src/test/resources/twins/gpu-at-0a.yaml'
    /** Finds the GTX 1050 by its ids, so where it resolves says which host answered. */
    static final String GTX = 'src/test/resources/recipes/gtx1050.groovy'

    @TempDir
    Path dir

    @Recipe(GTX)
    @Twin(GPU_AT_0A)
    def "the recipe's selector resolves on the twin the file describes, and the host views read that twin"(
            HostRun run, Host host) {
        expect:
        run.passed
        run.step('hide 0000:0a:00.0, 0000:0a:00.1').changed
        run.rebooted
        run.step('verify assignable 0000:0a:00.0, 0000:0a:00.1').ok
        run.step("attach 0000:0a:00.0, 0000:0a:00.1 to VM 'win10'").changed
        host.pci('0000:0a:00.0').driver == 'vfio-pci'
        host.pci('0000:0a:00.0').assignable
        host.pci('0000:0a:00.1').iommuGroup == 10
        host.pci('0000:0a:00.0').numaNode == 1
        host.kernelCmdline.containsAll(['intel_iommu=on', 'iommu=pt', 'vfio-pci.ids=10de:1c81,10de:0fb9'])
        host.vm('win10').pciDevices == ['0000:0a:00.0', '0000:0a:00.1']
        host.vm('win10').state == 'running'
        run.applyAgain().wroteNothing()
    }

    /** A copy of the test twin at {@code name} in the temporary directory. */
    File twinCopy(String name) {
        File f = dir.resolve(name).toFile()
        f.text = new File(GPU_AT_0A).getText('UTF-8')
        f
    }

    static String spec(String annotations, String body, String feature = 'f') {
        """
        @Recipe('${new File(GTX).absolutePath}')
        ${annotations}
        class TwinS extends Specification {
            def "${feature}"(HostRun run, Host host) { expect: ${body} }
        }
        """
    }

    def "each feature gets a fresh copy of the twin, and the file is never written"() {
        given:
        File twin = twinCopy('rack.yaml')
        String before = twin.text
        String changed = "run.step('hide 0000:0a:00.0, 0000:0a:00.1').changed"

        when:
        def r = Embedded.run("""
        @Recipe('${new File(GTX).absolutePath}')
        @Twin('${twin.path}')
        class Fresh extends Specification {
            def "first"(HostRun run) { expect: ${changed} }
            def "second"(HostRun run) { expect: ${changed} }
        }
        """)

        then:
        Embedded.failures(r) == ''
        r.testsSucceededCount == 2
        twin.text == before
    }

    def "saveTo writes the twin's state after the run, and a feature on the saved twin finds nothing to do"() {
        given:
        File twin = twinCopy('rack.yaml')
        File saved = dir.resolve('out/after.yaml').toFile()

        when:
        def first = Embedded.run(spec("@Twin(value = '${twin.path}', saveTo = '${saved.path}')", 'run.passed'))
        def second = Embedded.run(spec("@Twin('${saved.path}')",
                "run.passed && !run.rebooted && run.steps.every { it.ok } && run.wroteNothing() && " +
                "host.vm('win10').pciDevices == ['0000:0a:00.0', '0000:0a:00.1']"))

        then:
        first.testsSucceededCount == 1
        saved.text.startsWith(TwinFile.HEADER + 'twin: 1\nflavour: kvm\nlabel: rack-0a\n')
        saved.text.contains('vfio-pci.ids=10de:1c81,10de:0fb9')
        Embedded.failures(second) == ''
        second.testsSucceededCount == 1
    }

    def "a shipped twin by name: #name"() {
        when:
        def r = Embedded.run("""
        @Recipe('${Embedded.repo(recipe).path}')
        @Twin('${name}')
        class Shipped extends Specification {
            def "f"(HostRun run, Host host) {
                expect: run.passed && run.step('${step}').changed && host.pci('${pci}').assignable
            }
        }
        """)

        then:
        Embedded.failures(r) == ''
        r.testsSucceededCount == 1

        where:
        name       | recipe                                 | step                                | pci
        'demo-kvm' | 'recipes/kvm/vfio-gpu.groovy'          | 'hide 0000:06:00.0, 0000:06:00.1'   | '0000:06:00.0'
        'demo'     | 'recipes/xcp-ng/nic-passthrough.groovy' | 'hide 0000:04:01.0'                | '0000:04:01.0'
    }

    def "a feature's twin wins over its spec's tape, needs no live host, and ignores the tape mode"() {
        when:
        def r = Embedded.run("""
        @Recipe('${new File(GTX).absolutePath}')
        @Tape('no-such-tape.yaml')
        class Mixed extends Specification {
            @Twin('${new File(GPU_AT_0A).absolutePath}')
            def "f"(HostRun run) { expect: run.passed && run.rebooted }
        }
        """, ['passthru.tape.mode': 'record'])

        then:
        Embedded.failures(r) == ''
        r.testsSucceededCount == 1
        r.testsSkippedCount == 0
    }

    def "#what fails the feature with one line"() {
        given:
        File broken = twinCopy('broken.yaml')
        broken.text = broken.text.replace('twin: 1', 'twin: 7')
        String missing = dir.resolve('missing.yaml').toString()

        when:
        def r = Embedded.run(spec(annotations.replace('BROKEN', broken.path).replace('MISSING', missing), 'true'))

        then:
        r.testsFailedCount == 1
        Embedded.failures(r) == message.replace('BROKEN', broken.path).replace('MISSING', missing)

        where:
        what                      | annotations                        || message
        'a missing twin file'     | "@Twin('MISSING')"                 || 'MISSING: no such twin file'
        'a broken twin file'      | "@Twin('BROKEN')"                  || 'BROKEN:2: twin: 7: ' +
                'this passthru reads twin: 1'
        'an unknown shipped twin' | "@Twin('demo-esx')"                || "@Twin('demo-esx'): no shipped " +
                'twin of that name; give demo, demo-kvm, demo-hgx or a twin file (path/NAME.yaml)'
        'a tape and a twin'       | "@Twin('MISSING') @Tape('t.yaml')" || "TwinS.'f' has both @Tape and @Twin: " +
                'a twin is a simulated host and needs no tape; keep one of them'
    }
}
