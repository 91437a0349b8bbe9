package dev.passthru.spec.pcie

import dev.passthru.spec.cli.CliRun
import groovy.json.JsonSlurper
import spock.lang.Shared
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Path

/**
 * {@code passthru facts --host demo-hgx}: the PCIe tree of the HGX demo (eight H200s, each behind a PEX890xx switch
 * with a ConnectX-7 beside it, four NVSwitches on the host's driver) in the table and in JSON.
 */
class DemoHgxFactsSpec extends Specification {
    @Shared
    @TempDir
    Path tmp

    @Shared
    Map facts

    @Shared
    String table

    def setupSpec() {
        CliRun json = CliRun.of(tmp, ['facts', '--json', '--host', 'demo-hgx'])
        assert json.code == 0: json.err
        facts = (Map) new JsonSlurper().parseText(json.out)
        CliRun t = CliRun.of(tmp, ['facts', '--host', 'demo-hgx'])
        assert t.code == 0: t.err
        table = t.out
    }

    Map fn(String address) { (Map) facts.pcie.functions.find { it.address == address } }

    def "two NUMA nodes, CPUs 0-95: node 0 even, node 1 odd"() {
        expect:
        facts.cpus.count == 96
        facts.cpus.nodeCpus['0'] == (0..94).step(2)
        facts.cpus.nodeCpus['1'] == (1..95).step(2)
    }

    def "eight H200s, eight ConnectX-7s, four NVSwitches"() {
        expect:
        facts.pci.count { it.ids == '10de:2335' } == 8
        facts.pci.count { it.ids == '15b3:1021' } == 8
        facts.pci.count { it.ids == '10de:22a3' } == 4
    }

    def "a GPU's path: root port, switch upstream port, downstream port; its NIC sits behind the same switch"() {
        expect:
        fn('0000:18:00.0').path == ['0000:15:01.0', '0000:16:00.0', '0000:17:00.0']
        fn('0000:18:00.0').portType == 'Endpoint'
        fn('0000:18:00.0').rootPort == '0000:15:01.0'
        fn('0000:18:00.0').switch == '0000:16:00.0'
        fn('0000:19:00.0').switch == '0000:16:00.0'
        fn('0000:16:00.0').portType == 'Upstream Port'
        fn('0000:17:00.0').portType == 'Downstream Port'
        fn('0000:15:01.0').portType == 'Root Port'
    }

    def "link, BARs (16M + 256G + 32M), ACS as lspci words it, ATS on the NICs"() {
        expect:
        fn('0000:18:00.0').link == '32GT/s x16'
        fn('0000:18:00.0').bars == ['16M', '256G', '32M']
        fn('0000:18:00.0').barBytes == (16L << 20) + (256L << 30) + (32L << 20)
        fn('0000:15:01.0').acsCap == 'SrcValid+ TransBlk+ ReqRedir+ CmpltRedir+ UpstreamFwd+ EgressCtrl- DirectTrans+'
        fn('0000:15:01.0').acsCtl == 'SrcValid+ TransBlk- ReqRedir+ CmpltRedir+ UpstreamFwd+ EgressCtrl- DirectTrans-'
        fn('0000:ca:00.0').acsCtl == 'SrcValid- TransBlk- ReqRedir- CmpltRedir- UpstreamFwd- EgressCtrl- DirectTrans-'
        fn('0000:19:00.0').ats == 'Enable-'
        fn('0000:18:00.0').ats == null
        fn('0000:18:00.0').node == 0
        fn('0000:c9:00.0').node == 1
    }

    def "the NVSwitches are on the host's driver: shared-NVSwitch fabric"() {
        expect:
        facts.pcie.fabric.mode == 'shared-nvswitch'
        facts.pcie.fabric.nvswitches == ['0000:08:00.0', '0000:09:00.0', '0000:0a:00.0', '0000:0b:00.0']
    }

    def "IOMMU groups follow ACS: the switch whose downstream ports have ACS off puts its GPU and NIC in one group"() {
        given:
        Map<String, Integer> group = facts.pci.collectEntries { [(it.address): it.iommuGroup] }

        expect:
        group['0000:ca:00.0'] == group['0000:cb:00.0']
        group['0000:18:00.0'] != group['0000:19:00.0']
    }

    def "the table shows the fabric and each PCIe function with its path"() {
        expect:
        table.contains('fabric   shared-nvswitch (4 NVSwitches, driver nvidia)')
        table.readLines().any { it ==~ /0000:18:00\.0 +Endpoint +32GT\/s x16 +16M\+256G\+32M +- +- +0000:15:01\.0 > 0000:16:00\.0 > 0000:17:00\.0/ }
        table.readLines().any { it ==~ /0000:15:01\.0 +Root Port +32GT\/s x16 +- +0x001d +- +-/ }
    }
}
