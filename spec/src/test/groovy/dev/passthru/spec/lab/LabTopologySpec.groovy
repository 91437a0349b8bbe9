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
 * mirrorTopology's preflight refuses.
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
    /** The lab's facts (JSON) read over SSH at the start; the lab is not changed after. */
    @Shared Map facts
    @Shared String xml

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

    /** The lab's PCIe endpoints behind switches: the mirror's devices. */
    List<String> endpoints() { pcie().values().findAll { it.portType == 'Endpoint' && it.switch != null }*.address.sort() }

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
        endpoints().every { String e ->
            List<GPathResult> chain = real.chainOf(PciAddress.parse(e))
            List<String> path = (f[e].path as List<String>).reverse()
            chain*.@model*.toString() == path.collect { MODELS[f[it].portType] } + ['pcie-expander-bus'] &&
                    chain.take(path.size()).withIndex().every { GPathResult c, int i -> c.alias.@name.toString().endsWith(path[i].replaceAll(/[:.]/, '-')) } &&
                    (chain.last().target.node.text() as int) == f[e].node
        }

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
}
