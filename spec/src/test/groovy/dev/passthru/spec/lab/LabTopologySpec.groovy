package dev.passthru.spec.lab

import dev.passthru.dsl.PciAddress
import dev.passthru.runtime.cli.Main
import dev.passthru.runtime.ssh.SshOptions
import dev.passthru.runtime.ssh.SshTarget
import dev.passthru.runtime.ssh.SshTransport
import dev.passthru.runtime.twin.TwinFile
import dev.passthru.spec.kvm.Libvirt
import dev.passthru.spec.kvm.topology.GuestXml
import groovy.json.JsonSlurper
import groovy.xml.slurpersupport.GPathResult
import spock.lang.AutoCleanup
import spock.lang.Shared
import spock.lang.Specification
import spock.lang.Stepwise
import spock.lang.TempDir
import spock.util.concurrent.PollingConditions

import java.nio.file.Path

/**
 * mirrorTopology on a real PCIe topology: the lab's topology variant ({@code PASSTHRU_LAB_TOPOLOGY=numa-switches},
 * see lab/lab.sh) is the Debian 6.1 kernel on q35 with two NUMA nodes and, per node, a pxb-pcie expander bus, a root
 * port, an XIO3130 switch and an e1000e and an NVMe drive behind its downstream ports. The lab has no libvirt, so the
 * VM half cannot run on it; the route is the product's own: {@code twin make} over SSH reads the real kernel's tree
 * (lspci -vvv -D, sysfs paths, numa_node), the made twin is given a libvirt (virsh) with one shut-off domain, the
 * mirror recipe is applied to the twin, and the domain it leaves is judged by virt-xml-validate and by this
 * machine's real libvirtd (qemu:///system), read back and compared with the LAB's facts read over SSH, not the twin's.
 * The NICs are selected by vendor 8086: the management virtio NIC sits on the root bus with no NUMA node, which
 * mirrorTopology's preflight refuses. Node 1 also has an e1000e directly below a second root port ({@link #DIRECT}).
 * <p>
 * Then host preparation on the real kernel, over SSH (the lab is changed from here on): preflight refuses acs { } on
 * the NICs behind the XIO3130 switches (their downstream ports have no ACS capability); acs { } on the direct NIC and
 * hugepages on node 1 set the real ACS control register and huge page pool, now and, through the boot units run by
 * the lab's systemctl shim, after a reboot; noAcs / noHugepages give both back.
 */
@Stepwise
class LabTopologySpec extends Specification {
    static final String RECIPE = """recipe('lab-mirror') {
    flavour 'kvm'
    vm('lab-guest') {
        mirrorTopology pci(class: 'nic', vendor: '8086', count: 'all'), pci(class: 'nvme', count: 'all'), vcpus: 2, memory: '256M'
    }
}
"""
    /** The shut-off domain the twin's libvirt holds before the mirror. */
    static final String DOMAIN = """- name: lab-guest
  state: shut off
  xml: |
    <domain type='kvm'>
      <name>lab-guest</name>
      <uuid>5f0c2a61-7d1e-4b8a-9c3e-2a4b6c8d0e1f</uuid>
      <memory unit='KiB'>262144</memory>
      <currentMemory unit='KiB'>262144</currentMemory>
      <vcpu placement='static'>2</vcpu>
      <os>
        <type arch='x86_64' machine='pc-q35-7.2'>hvm</type>
      </os>
      <devices>
        <emulator>/usr/bin/qemu-system-x86_64</emulator>
        <controller type='pci' index='0' model='pcie-root'/>
      </devices>
    </domain>
"""
    /** libvirt's controller model for each PCIe port type of the host path. */
    static final Map<String, String> MODELS = ['Root Port': 'pcie-root-port', 'Upstream Port': 'pcie-switch-upstream-port',
                                               'Downstream Port': 'pcie-switch-downstream-port']

    @Shared @AutoCleanup LabHost lab
    @Shared @TempDir Path tmp
    @Shared File knownHosts, twin, recipe
    /** The lab's facts (JSON) read over SSH at the start; the lab is not changed until host preparation. */
    @Shared Map facts
    @Shared String xml
    /** The direct NIC's root port's ACS control word and node 1's 2M pool before host preparation. */
    @Shared String acsBefore, pagesBefore

    /** The e1000e directly below a root port (no switch) on node 1's expander bus, and that port. */
    static final String DIRECT = '0000:45:00.0', DIRECT_PORT = '0000:40:01.0'
    static final String NODE_PAGES = '/sys/devices/system/node/node%d/hugepages/hugepages-2048kB/nr_hugepages'
    static final String PREP = """recipe('lab-prep') {
    flavour 'kvm'
    acs { paths pci('${DIRECT}'); control 0x005d }
    hugepages 8, node: 1
    reboot()
}
"""
    static final String UNPREP = """recipe('lab-unprep') {
    flavour 'kvm'
    noAcs()
    noHugepages node: 1
    reboot()
}
"""

    def setupSpec() {
        lab = LabHost.topology('numa-switches').start()
        knownHosts = tmp.resolve('known_hosts').toFile()
        knownHosts.text = ''
        recipe = tmp.resolve('lab-mirror.groovy').toFile()
        recipe.text = RECIPE
    }

    /** Runs the CLI; [exit code, stdout, stderr]. */
    List cli(List<String> args) {
        ByteArrayOutputStream o = new ByteArrayOutputStream(), e = new ByteArrayOutputStream()
        int code = Main.run(args as String[], new PrintStream(o, true, 'UTF-8'), new PrintStream(e, true, 'UTF-8'),
                [PASSTHRU_HOME: tmp.resolve('home').toString()], false)
        [code, o.toString('UTF-8'), e.toString('UTF-8')]
    }

    /** The CLI options that reach the lab over SSH. */
    List<String> ssh() {
        ['--host', "root@127.0.0.1:${lab.port}".toString(), '-i', lab.key.path, '--known-hosts', knownHosts.path,
         '--accept-new-host-key', '--flavour', 'kvm']
    }

    /** Asks the lab host directly, over SSH. */
    String host(String command) {
        new SshTransport(new SshTarget('root', '127.0.0.1', lab.port), new SshOptions(knownHosts: knownHosts, identities: [lab.key],
                defaultIdentities: false, connectTimeoutMs: 10_000, commandTimeoutMs: 30_000)).withCloseable { it.run(command).stdout }
    }

    /** The address of function 0 of {@code slot} on {@code bus}, as facts print it. */
    static String at(int bus, int slot = 0) { String.format('0000:%02x:%02x.0', bus, slot) }

    /** The lab's PCIe functions by address. */
    Map<String, Map> pcie() { ((List<Map>) facts.pcie.functions).collectEntries { [(it.address): it] } }

    /** The PCIe tree of facts as the mirror reads it (no link: the twin writes none where lspci says 'unknown'). */
    static List<Map> tree(Map facts) {
        ((List<Map>) facts.pcie.functions).collect { it.subMap('address', 'parent', 'path', 'portType', 'rootPort', 'switch', 'node', 'bars') }
    }

    /** The lab's PCIe endpoints behind switches. */
    List<String> endpoints() { pcie().values().findAll { it.portType == 'Endpoint' && it.switch != null }*.address.sort() }

    /** The mirror's devices: the endpoints behind switches and the one directly below a root port. */
    List<String> mirrored() { (endpoints() + [DIRECT]).sort() }

    def "facts over SSH: each endpoint behind a switch downstream port under a root port of an expander bus, on node 0 or 1"() {
        when:
        List r = cli(['facts'] + ssh() + ['--json'])
        facts = (Map) new JsonSlurper().parseText(r[1] as String)
        Map<String, Map> f = pcie()

        then:
        r[0] == 0
        facts.pcie.fabric.mode == 'none'
        facts.cpus.nodeCpus == ['0': [0], '1': [1]]
        endpoints() == ['0000:23:00.0', '0000:24:00.0', '0000:43:00.0', '0000:44:00.0']

        and: 'per expander bus (buses 0x20 and 0x40): root port, switch upstream port, two downstream ports, the endpoints behind them'
        [0x20: 0, 0x40: 1].every { int bus, int node ->
            String rp = at(bus), up = at(bus + 1)
            f[rp].subMap('parent', 'portType', 'node') == [parent: null, portType: 'Root Port', node: node] &&
                    f[up].subMap('parent', 'portType', 'rootPort', 'node') == [parent: rp, portType: 'Upstream Port', rootPort: rp, node: node] &&
                    (0..1).every { int i ->
                        String dp = at(bus + 2, i), e = at(bus + 3 + i)
                        f[dp].subMap('parent', 'portType', 'switch', 'node') == [parent: up, portType: 'Downstream Port', switch: up, node: node] &&
                                f[e].subMap('parent', 'path', 'portType', 'rootPort', 'switch', 'node') ==
                                [parent: dp, path: [rp, up, dp], portType: 'Endpoint', rootPort: rp, switch: up, node: node]
                    }
        }

        and: 'what the kernel itself says: the sysfs nesting and numa_node the facts came from'
        host('readlink -f /sys/bus/pci/devices/0000:44:00.0').trim() ==
                '/sys/devices/pci0000:40/0000:40:00.0/0000:41:00.0/0000:42:01.0/0000:44:00.0'
        endpoints().every { host("cat /sys/bus/pci/devices/${it}/numa_node").trim() as int == f[it].node }
        facts.pci.findAll { it.address in endpoints() }*.driver as Set == ['e1000e', 'nvme'] as Set

        and: 'node 1\'s second root port, with an e1000e directly below it'
        f[DIRECT_PORT].subMap('parent', 'portType', 'node') == [parent: null, portType: 'Root Port', node: 1]
        f[DIRECT].subMap('parent', 'path', 'portType', 'rootPort', 'switch', 'node') ==
                [parent: DIRECT_PORT, path: [DIRECT_PORT], portType: 'Endpoint', rootPort: DIRECT_PORT, switch: null,
                 node  : 1]
        facts.pci.find { it.address == DIRECT }.driver == 'e1000e'
    }

    def "mirrorTopology on the lab's twin: real libvirtd keeps a domain whose placement is the lab's"() {
        given: 'a twin made over SSH from the lab (the same tree as the lab\'s facts), given a libvirt (virsh) holding one shut-off domain'
        twin = tmp.resolve('lab.yaml').toFile()
        List made = cli(['twin', 'make'] + ssh() + ['-o', twin.path])
        assert made[0] == 0: made[2]
        List twinFacts = cli(['facts', '--host', "twin:${twin}".toString(), '--flavour', 'kvm', '--json'])
        assert twinFacts[0] == 0: twinFacts[2]
        assert tree((Map) new JsonSlurper().parseText(twinFacts[1] as String)) == tree(facts)
        String text = twin.text
        assert text.contains('\n  update-initramfs: /usr/sbin/update-initramfs\n') && text.endsWith('\nvms: []\n')
        twin.text = text.replace('\n  update-initramfs: /usr/sbin/update-initramfs\n',
                '\n  update-initramfs: /usr/sbin/update-initramfs\n  virsh: /usr/bin/virsh\n')
                .replaceFirst(/\nvms: \[\]\n$/, '\nvms:\n' + DOMAIN)

        when:
        List r = apply()
        xml = TwinFile.kvm(twin.text, twin.path).domains['lab-guest'].xml
        Libvirt.Result dumped = Libvirt.defineAndDump(xml, 'lab-guest')
        GuestXml real = new GuestXml(dumped.out)
        Map<String, Map> f = pcie()

        then:
        r[0] == 0
        r[1].contains('Summary: 1 changed, 0 ok, 0 failed')
        Libvirt.validate(xml).exit == 0
        dumped.exit == 0

        and: 'one expander bus per lab node, with that node'
        real.expanders()*.get(1).sort() == (facts.cpus.numaNodes as List).sort()

        and: 'each hostdev on a guest chain mirroring its host path (port types, and the host port each guest port stands for)'
        real.domain.devices.hostdev.size() == 5
        mirrored().every { String e ->
            List<GPathResult> chain = real.chainOf(PciAddress.parse(e))
            List<String> path = (f[e].path as List<String>).reverse()
            chain*.@model*.toString() == path.collect { MODELS[f[it].portType] } + ['pcie-expander-bus'] &&
                    chain.take(path.size()).withIndex().every { GPathResult c, int i -> c.alias.@name.toString().endsWith(path[i].replaceAll(/[:.]/, '-')) } &&
                    (chain.last().target.node.text() as int) == f[e].node
        }

        and: 'the NIC directly below a host root port: on a guest root port standing for it, on node 1\'s expander bus'
        real.chain(PciAddress.parse(DIRECT)) == ['pcie-root-port', 'pcie-expander-bus']
        real.chainOf(PciAddress.parse(DIRECT))[0].alias.@name.toString().endsWith('0000-40-01-0')
        real.chainOf(PciAddress.parse(DIRECT))[1].target.node.text() == '1'

        and: 'per host switch one guest switch: the endpoints behind one host switch share one guest upstream port'
        endpoints().groupBy { f[it].switch }.collectEntries { sw, es ->
            [(sw): es.collect { real.chainOf(PciAddress.parse(it))[1].@index.toString() } as Set]
        }.values().collect { it.size() } == [1, 1]
        endpoints().collect { real.chainOf(PciAddress.parse(it))[1].@index.toString() }.unique().size() == 2

        and: 'guest NUMA cells: one per lab node, its vCPUs pinned to that node\'s CPUs, its memory bound to it'
        real.cells() == [[0, '0', 131072L], [1, '1', 131072L]]
        real.memnodes() == [['0', 'strict', '0'], ['1', 'strict', '1']]
        real.cells().every { List c -> real.pins()[c[1] as int] in (facts.cpus.nodeCpus[c[0] as String] as List) }
    }

    List apply() { cli(['apply', recipe.path, '--host', "twin:${twin}".toString(), '--save-twin', twin.path]) }

    def "a second apply on the twin changes nothing"() {
        when:
        List r = apply()

        then:
        r[0] == 0
        r[1].contains('Summary: 0 changed, 1 ok, 0 failed')
        TwinFile.kvm(twin.text, twin.path).domains['lab-guest'].xml == xml
    }

    /** A recipe file {@code name}.groovy holding {@code text}. */
    File recipe(String name, String text) {
        File f = tmp.resolve("${name}.groovy").toFile()
        f.text = text
        f
    }

    /** Runs {@code verb} on a recipe against the lab over SSH (a rebooting lab polled every 0.5 s, for up to 180 s). */
    List onLab(String verb, File file, List<String> more = []) {
        cli([verb, file.path] + ssh() + ['--reboot-poll', '0.5', '--reboot-timeout', '180'] + more)
    }

    /** The ACS control word of a bridge, read from the real register (setpci prints four hex digits). */
    String acs(String bridge) { host("setpci -s ${bridge} ECAP_ACS+0x6.w").trim() }

    /** Node {@code node}'s 2M huge page count, read from sysfs. */
    String pages(int node) { host("cat ${String.format(NODE_PAGES, node)}").trim() }

    /** A unit file's passthru marks and ExecStart= lines, as the lab has it. */
    List<String> unitLines(String unit) {
        host("cat /etc/systemd/system/${unit}").readLines().findAll { it.startsWith('# passthru: ') || it.startsWith('ExecStart=') }
    }

    /** Reboots the lab and waits (polling, up to 180 s) until it answers with a new boot_id. */
    void rebootLab() {
        String before = host('cat /proc/sys/kernel/random/boot_id').trim()
        try { host('reboot') } catch (IOException | RuntimeException ignored) { }  // the connection may drop
        new PollingConditions(timeout: 180, delay: 0.5).eventually {
            String now = bootIdIfUp()
            assert now != null && now != before: 'the lab has not come back with a new boot_id'
        }
    }

    /** The lab's boot_id, or null while it does not answer. */
    String bootIdIfUp() {
        try {
            return host('cat /proc/sys/kernel/random/boot_id').trim()
        } catch (IOException | RuntimeException ignored) {
            return null  // not up yet
        }
    }

    def "check on the real kernel: acs { } over the switched NICs is refused, naming the XIO3130 downstream ports"() {
        given:
        File all = recipe('lab-acs-all', "recipe('lab-acs-all') {\n    flavour 'kvm'\n" +
                "    acs { paths pci(class: 'nic', vendor: '8086', count: 'all') }\n}\n")

        when:
        List r = onLab('check', all, ['--json'])
        Map report = (Map) new JsonSlurper().parseText(r[1] as String)

        then: 'the root ports have ACS (QEMU\'s pcie-root-port), the XIO3130 downstream ports have none'
        r[0] == 1
        report.subMap('errors', 'warnings', 'steps') == [errors: 2, warnings: 0, steps: []]
        report.findings*.step == ["ACS control 0x005d on the bridges above 0000:23:00.0, 0000:43:00.0, ${DIRECT}".toString()] * 2
        report.findings.collect { it.subMap('severity', 'line', 'message', 'evidence', 'fix') } ==
                [['22', '23'], ['42', '43']].collect { String b, String e ->
            [severity: 'error', line: 3,
             message : "bridge 0000:${b}:00.0 (above 0000:${e}:00.0) has no ACS capability: acs { } cannot set it"
                     .toString(),
             evidence: "lspci -vvv -s 0000:${b}:00.0: no Access Control Services capability".toString(),
             fix     : 'leave the devices below it out of paths, or accept the firmware\'s ACS']
        }
        acs('0000:22:00.0') == ''
        acs(DIRECT_PORT) == '001d'
    }

    def "acs { } on the NIC below a root port, hugepages on node 1: the real register and pool, now and after a reboot"() {
        given:
        acsBefore = acs(DIRECT_PORT)
        pagesBefore = pages(1)
        File prep = recipe('lab-prep', PREP)

        when:
        List r = onLab('apply', prep)

        then:
        r[0] == 0
        r[1].contains('Summary: 2 changed, 1 ok, 0 failed')
        acsBefore == '001d'
        pagesBefore == '0'

        and: 'the real register and pool now'
        acs(DIRECT_PORT) == '005d'
        host("lspci -vvv -s ${DIRECT_PORT} | grep ACSCtl").trim() ==
                'ACSCtl:\tSrcValid+ TransBlk- ReqRedir+ CmpltRedir+ UpstreamFwd+ EgressCtrl- DirectTrans+'
        pages(1) == '8'
        pages(0) == '0'

        and: 'the boot units, enabled, with the values before passthru'
        unitLines('passthru-acs.service') == ["# passthru: ${DIRECT_PORT} was=001d".toString(),
                                              "ExecStart=/usr/bin/setpci -s ${DIRECT_PORT} ECAP_ACS+0x6.w=005d".toString()]
        unitLines('passthru-hugepages.service') ==
                ['# passthru: node1-2048kB', "ExecStart=/bin/sh -c 'echo 8 > ${String.format(NODE_PAGES, 1)}'".toString()]
        host('systemctl is-enabled passthru-acs.service; systemctl is-enabled passthru-hugepages.service; ' +
                'ls /etc/systemd/system/sysinit.target.wants').readLines() ==
                ['enabled', 'enabled', 'passthru-acs.service', 'passthru-hugepages.service']

        when: 'the lab reboots: the kernel sets 001d again, the lab\'s init runs the enabled units'
        rebootLab()

        then:
        acs(DIRECT_PORT) == '005d'
        pages(1) == '8'
        pages(0) == '0'
    }

    def "a second apply of acs { } and hugepages on the lab changes nothing"() {
        when:
        List r = onLab('apply', tmp.resolve('lab-prep.groovy').toFile())

        then:
        r[0] == 0
        r[1].contains('Summary: 0 changed, 3 ok, 0 failed')
        acs(DIRECT_PORT) == '005d'
        pages(1) == '8'
    }

    def "noAcs() and noHugepages node: 1 give the root port 001d and node 1 its 0 pages back; the units are gone"() {
        when:
        List r = onLab('apply', recipe('lab-unprep', UNPREP))

        then:
        r[0] == 0
        r[1].contains('Summary: 2 changed, 1 ok, 0 failed')
        acs(DIRECT_PORT) == acsBefore
        pages(1) == pagesBefore
        host('ls /etc/systemd/system; ls /etc/systemd/system/sysinit.target.wants').readLines() ==
                ['sysinit.target.wants']  // systemctl disable leaves the empty .wants dir, as systemd does
        host('systemctl is-enabled passthru-acs.service 2>&1; echo $?').readLines() ==
                ['Failed to get unit file state for passthru-acs.service: No such file or directory', '1']
    }
}
