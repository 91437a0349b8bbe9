package dev.passthru.spec.dsl

import dev.passthru.dsl.AcsStep
import dev.passthru.dsl.AtsStep
import dev.passthru.dsl.KernelArgsStep
import dev.passthru.dsl.NoAcsStep
import dev.passthru.dsl.NoAtsStep
import dev.passthru.dsl.NodeHugepagesStep
import dev.passthru.dsl.Recipe
import dev.passthru.dsl.RecipeException
import dev.passthru.dsl.RecipeLoader
import spock.lang.Specification

/** The host-preparation words (hugepages/noHugepages node:, acs { }, noAcs, ats, noAts): their steps, mistakes. */
class HostPrepWordsSpec extends Specification {
    static Recipe load(String body) { new RecipeLoader().load("recipe('x') {\n  ${body}\n}\n", 'x.groovy') }

    static String mistake(String body) {
        try {
            load(body)
            return 'loaded'
        } catch (RecipeException e) {
            return e.userMessage()
        }
    }

    def "hugepages N, node: is a per-node step (2M by default, 1G when asked); noHugepages gives a node's back"() {
        when:
        Recipe r = load("hugepages 6200, node: 0\n  hugepages 8, node: 1, size: '1G'\n  noHugepages node: 0")
        List<NodeHugepagesStep> s = r.steps as List<NodeHugepagesStep>

        then:
        s.collect { [it.node, it.size, it.sizeKib(), it.count, it.location.line] } ==
                [[0, '2M', 2048L, 6200L, 2], [1, '1G', 1048576L, 8L, 3], [0, '2M', 2048L, null, 4]]
        s[0].describe() == 'reserve 6200 2M hugepages on node 0'
        s[2].describe() == "give back node 0's 2M hugepages"
    }

    def "kernel { hugepages } is still the kernel command-line word"() {
        when:
        Recipe r = load("kernel { hugepages 8, size: '1G' }")

        then:
        r.steps.size() == 1
        ((KernelArgsStep) r.steps[0]).add*.toString() == ['default_hugepagesz=1G', 'hugepagesz=1G', 'hugepages=8']
    }

    def "acs { } names the devices and the control value (NVIDIA's 0x005d by default); noAcs restores"() {
        when:
        Recipe r = load("acs { paths pci('0000:18:00.0'), pci('0000:19:00.0') }\n" +
                "  acs { paths pci('0000:1a:00.0'); control 0x001d }\n  noAcs()")

        then:
        ((AcsStep) r.steps[0]).devices*.toString() == ['0000:18:00.0', '0000:19:00.0']
        ((AcsStep) r.steps[0]).control == 0x005d
        ((AcsStep) r.steps[1]).control == 0x001d
        r.steps[0].describe() == 'ACS control 0x005d on the bridges above 0000:18:00.0, 0000:19:00.0'
        r.steps[2] instanceof NoAcsStep
    }

    def "ats checks by default; enable: true may change the NIC's firmware"() {
        when:
        Recipe r = load("def nic = pci('0000:18:00.0')\n  ats nic\n  ats nic, enable: true")

        then:
        r.steps.collect { ((AtsStep) it).enable } == [false, true]
        r.steps*.describe() == ['check ATS on 0000:18:00.0', 'enable ATS on 0000:18:00.0']
    }

    def "noAts names the NICs whose firmware ATS setting passthru gives back"() {
        when:
        Recipe r = load("def nic = pci('0000:18:00.0')\n  noAts nic")

        then:
        r.steps*.describe() == ['restore the firmware ATS setting passthru changed on 0000:18:00.0']
        ((NoAtsStep) r.steps[0]).devices*.address*.toString() == ['0000:18:00.0']
    }

    def "mistakes are one line at the recipe line: #body"() {
        expect:
        mistake(body) == "x.groovy:2: ${message}"

        where:
        body                                       || message
        'hugepages 6200'                           || "hugepages in recipe('name') { } takes " +
                'hugepages(Map, long), not hugepages(Integer); vm(\'name\') { } and kernel { } have hugepages(), ' +
                'hugepages(long), hugepages(Map, long)'
        "hugepages 6200, size: '2M'"               || 'hugepages: says no node: (hugepages ... node: 0)'
        'hugepages 6200, node: -1'                 || "hugepages: node: '-1' is not a NUMA node number (0-1023)"
        "hugepages 6200, node: '0'"                || "hugepages: node: '0' is not a NUMA node number (0-1023)"
        "hugepages 8, node: 0, size: '4M'"         || "hugepages: size '4M' is not 2M or 1G"
        'hugepages 0, node: 0'                     || 'hugepages: count 0 must be positive (noHugepages node: N ' +
                "gives a node's back)"
        'hugepages 8, node: 0, pages: 2'           || 'hugepages: unknown option pages (only node: and size:)'
        "noHugepages size: '2M'"                   || 'noHugepages: says no node: (noHugepages ... node: 0)'
        'acs { control 0x005d }'                   || 'acs: the block names no device (paths gpus(), ...)'
        "acs { paths pci('18:00.0'); control 0x100 }" || 'control: 0x100 sets bits beyond the seven ACS control bits ' +
                '(0x0000 to 0x007f)'
        "ats pci('18:00.0'), enable: 'yes'"        || "ats: enable: is true or false, not 'yes'"
        "ats pci('18:00.0'), force: true"          || 'ats: unknown option force (only enable:)'
        'ats()'                                    || 'ats: names no device'
        "noAts pci('18:00.0'), force: true"        || 'noAts: unknown option force (noAts takes none: noAts nics)'
        'noAts()'                                  || 'noAts: names no device'
    }
}
