package dev.passthru.spec.hostprep

import dev.passthru.runtime.engine.RunResult
import dev.passthru.runtime.engine.StepStatus
import dev.passthru.runtime.facts.ReadCommands
import dev.passthru.runtime.shell.CommandKind
import spock.lang.Specification

/** hugepages N, node: / noHugepages node: on the KVM demo: now, at every boot through the unit, undo, preflight. */
class NodeHugepagesSpec extends Specification {
    static final String UNIT = '/etc/systemd/system/passthru-hugepages.service'
    PrepDemo demo = new PrepDemo()

    List<String> writesSince(int mark) {
        demo.host.received.drop(mark).findAll { ReadCommands.of(it) == CommandKind.WRITE }
    }

    def "apply writes the unit, enables it and runs it now; a second run is in sync and writes nothing"() {
        when:
        RunResult first = demo.apply('hugepages 6200, node: 0')

        then:
        first.steps*.status == [StepStatus.CHANGED]
        first.steps[0].diff == ['- node 0 2M hugepages 0 (/sys/devices/system/node/node0/hugepages/' +
                'hugepages-2048kB/nr_hugepages)', '+ node 0 2M hugepages 6200',
                "+ ${UNIT} (enabled) sets it at every boot".toString()]
        demo.state.hugepages[0][2048L] == 6200L
        demo.state.hugepages[1][2048L] == 0L
        demo.state.files[UNIT].contains("# passthru: node0-2048kB\nExecStart=/bin/sh -c 'echo 6200 > " +
                "/sys/devices/system/node/node0/hugepages/hugepages-2048kB/nr_hugepages'\n")
        demo.state.prep.enabledUnits == ['passthru-hugepages.service'] as Set

        when:
        int mark = demo.host.received.size()
        RunResult second = demo.apply('hugepages 6200, node: 0')

        then:
        second.steps*.status == [StepStatus.OK]
        writesSince(mark) == []
    }

    def "after a reboot the kernel has no pages of its own; the unit reserves them again and the check passes"() {
        given:
        demo.apply("hugepages 6200, node: 0\nhugepages 2, node: 1, size: '1G'")

        when:
        demo.reboot()
        RunResult after = demo.plan("hugepages 6200, node: 0\nhugepages 2, node: 1, size: '1G'")

        then:
        demo.state.boots == 2
        demo.state.hugepages[0][2048L] == 6200L
        demo.state.hugepages[1][1048576L] == 2L
        after.steps*.status == [StepStatus.OK, StepStatus.OK]
    }

    def "a node short of memory gets fewer pages than asked: the step fails saying the kernel gave fewer"() {
        given:
        demo.state.prep.hugepageRoomKib[0] = 5000L * 2048L

        when:
        RunResult r = demo.apply('hugepages 6200, node: 0')

        then:
        r.steps[0].status == StepStatus.FAILED
        r.steps[0].message.startsWith('applied, but the host still differs: - node 0 2M hugepages 5000 ')
        r.steps[0].message.contains('the kernel gave 5000 of 6200: node 0 lacks that much free memory in 2M pieces')
        demo.state.hugepages[0][2048L] == 5000L
    }

    def "noHugepages gives a node's pages back and drops its line; the last one removes the unit"() {
        given:
        demo.apply('hugepages 100, node: 0\nhugepages 200, node: 1')

        when:
        RunResult one = demo.apply('noHugepages node: 0')

        then:
        one.steps*.status == [StepStatus.CHANGED]
        demo.state.hugepages[0][2048L] == 0L
        demo.state.hugepages[1][2048L] == 200L
        !demo.state.files[UNIT].contains('node0-2048kB')
        demo.state.files[UNIT].contains('# passthru: node1-2048kB')

        when:
        RunResult two = demo.apply('noHugepages node: 1')
        RunResult again = demo.apply('noHugepages node: 1\nnoHugepages node: 0')

        then:
        two.steps*.status == [StepStatus.CHANGED]
        !demo.state.files.containsKey(UNIT)
        demo.state.prep.enabledUnits.isEmpty()
        demo.state.hugepages[1][2048L] == 0L
        again.steps*.status == [StepStatus.OK, StepStatus.OK]
    }

    def "preflight refuses a node the host lacks and more pages than the node's memory, at the recipe line"() {
        when:
        RunResult r = demo.apply("hugepages 10, node: 2\nhugepages 20000, node: 1\nhugepages 1, node: 0, size: '1G'")

        then:
        r.steps.isEmpty()
        r.problems.collect { "${it.location.line}: ${it.message}".toString() } == [
                '2: NUMA node 2 does not exist: the host has nodes 0, 1',
                "3: 20000 pages of 2M (40000 MiB) is more than node 1's memory (MemTotal 32246 MiB): at most 16123"]
    }
}
