package dev.passthru.spec.pcie

import dev.passthru.dsl.PciAddress
import dev.passthru.runtime.facts.Facts
import dev.passthru.runtime.facts.ReadCommands
import dev.passthru.runtime.pcie.PcieFacts
import dev.passthru.runtime.pcie.PcieTree
import dev.passthru.runtime.pcie.PciePortType
import dev.passthru.runtime.shell.CommandKind
import dev.passthru.runtime.transport.CommandResult
import dev.passthru.runtime.transport.Transport
import dev.passthru.runtime.transport.TransportException
import spock.lang.Specification

/** PcieFacts.tree: lspci -vvv -D, the sysfs paths and numa_node, each read once a run, only when asked, as reads. */
class PcieFactsSpec extends Specification {

    /** A host answering the three reads with fixed text, counting what it is sent. */
    static class Host implements Transport {
        final List<String> sent = []
        final Map<String, String> answers

        Host(Map<String, String> answers) { this.answers = answers }

        CommandResult run(String command) throws TransportException {
            sent << command
            answers.containsKey(command) ? new CommandResult(command, 0, answers[command], '')
                    : new CommandResult(command, 127, '', 'not here\n')
        }

        CommandResult run(String command, String stdin) { run(command) }

        void reconnect() {}

        String label() { 'fixed' }

        void close() {}
    }

    static final String LSPCI = '''0000:00:01.0 PCI bridge: Intel Corporation Device 352a (rev 04) (prog-if 00 [Normal decode])
\tCapabilities: [40] Express (v2) Root Port (Slot+), MSI 00
\t\tLnkCap:\tPort #0, Speed 32GT/s, Width x16, ASPM L1, Exit Latency L1 <16us
\tCapabilities: [220 v1] Access Control Services
\t\tACSCap:\tSrcValid+ TransBlk+ ReqRedir+ CmpltRedir+ UpstreamFwd+ EgressCtrl- DirectTrans-
\t\tACSCtl:\tSrcValid+ TransBlk- ReqRedir+ CmpltRedir+ UpstreamFwd+ EgressCtrl- DirectTrans-

0000:01:00.0 Ethernet controller: Mellanox Technologies MT2910 Family [ConnectX-7]
\tRegion 0: Memory at 20ffe000000 (64-bit, prefetchable) [size=32M]
\tCapabilities: [60] Express (v2) Endpoint, MSI 00
\t\tLnkCap:\tPort #0, Speed 32GT/s, Width x16, ASPM not supported
\tCapabilities: [480 v1] Address Translation Service (ATS)
\t\tATSCap:\tInvalidate Queue Depth: 00
\t\tATSCtl:\tEnable-, Smallest Translation Unit: 00
'''
    static final String PATHS = '/sys/devices/pci0000:00/0000:00:01.0\n/sys/devices/pci0000:00/0000:00:01.0/0000:01:00.0\n'
    static final String NODES = '/sys/bus/pci/devices/0000:00:01.0/numa_node:1\n/sys/bus/pci/devices/0000:01:00.0/numa_node:1\n'

    Host host = new Host(['lspci -vvv -D': LSPCI, (PcieFacts.SYSFS_PATHS): PATHS,
                          'grep -H . /sys/bus/pci/devices/*/numa_node': NODES])

    def "the tree joins lspci's details, sysfs's parents and numa_node"() {
        when:
        PcieTree t = PcieFacts.tree(new Facts(host))
        PciAddress nic = PciAddress.parse('0000:01:00.0')

        then:
        t.rootPort(nic).address == PciAddress.parse('0000:00:01.0')
        t.get(nic).parent == PciAddress.parse('0000:00:01.0')
        t.get(nic).numaNode == 1
        t.get(nic).atsEnabled == false
        t.get(nic).barBytes == [32L * 1024 * 1024]
        t.rootPort(nic).type == PciePortType.ROOT_PORT
        t.rootPort(nic).acsCtl == 0x1d
    }

    def "read once a run: a second tree sends nothing"() {
        given:
        Facts facts = new Facts(host)

        when:
        PcieFacts.tree(facts)
        PcieFacts.tree(facts)

        then:
        host.sent.sort() == ['grep -H . /sys/bus/pci/devices/*/numa_node', 'lspci -vvv -D', PcieFacts.SYSFS_PATHS].sort()
    }

    def "its commands are reads (plan runs them; the idempotence check sees no write): #command"() {
        expect:
        ReadCommands.of(command) == CommandKind.READ

        where:
        command << ['lspci -vvv -D', PcieFacts.SYSFS_PATHS]
    }
}
