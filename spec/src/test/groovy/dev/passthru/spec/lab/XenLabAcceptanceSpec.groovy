package dev.passthru.spec.lab

import dev.passthru.runtime.cli.Main
import dev.passthru.runtime.ssh.SshOptions
import dev.passthru.runtime.ssh.SshTarget
import dev.passthru.runtime.ssh.SshTransport
import dev.passthru.runtime.tape.Tape
import dev.passthru.runtime.tape.TapeReader
import dev.passthru.runtime.transport.CommandResult
import dev.passthru.spec.Repo
import dev.passthru.spec.docs.FactsSchema
import groovy.json.JsonSlurper
import spock.lang.AutoCleanup
import spock.lang.Shared
import spock.lang.Specification
import spock.lang.Stepwise
import spock.lang.TempDir
import spock.util.concurrent.PollingConditions

import java.nio.file.Path

/**
 * Acceptance on a real Xen: the Xen lab host (Debian 12's Xen 4.17 with a PV dom0 under QEMU, VT-d on an
 * emulated Intel IOMMU, over SSH). What is checked is what Xen, xl and the dom0 kernel say: VT-d in
 * virt_caps, passthru's facts and preflight on a Xen host without XAPI, the shipped recipe xen-lab-nic (hide
 * through the lab's xen-cmdline, a real reboot, verify assignable) applied with --record and again changing nothing,
 * xl pci-assignable-add/remove at runtime, a PV guest whose e1000 driver binds the device passed through, and runtime
 * NUMA on the lab's two nodes (numaSplit, cpupool, a live pinVcpus, verify vcpusOnNode) on that running guest.
 * One build, two boots.
 */
@Stepwise
class XenLabAcceptanceSpec extends Specification {
    static final String E1000 = '0000:00:03.0'
    static final File REAL = Repo.file('spec/src/test/resources/real/xen-lab-dom0')

    @Shared @AutoCleanup XenLabHost lab
    @Shared @TempDir Path tmp
    @Shared File knownHosts
    @Shared @AutoCleanup SshTransport ssh
    @Shared String out, err

    def setupSpec() {
        lab = new XenLabHost().start()
        knownHosts = tmp.resolve('known_hosts').toFile()
        knownHosts.text = ''
        ssh = new SshTransport(new SshTarget('root', '127.0.0.1', lab.port), new SshOptions(knownHosts: knownHosts,
                identities: [lab.key], defaultIdentities: false, acceptNewHostKey: true, connectTimeoutMs: 10_000,
                commandTimeoutMs: 300_000))
    }

    /** Runs the passthru command line against the lab over SSH; its output is in {@link #out} and {@link #err}. */
    int cli(String verb, String... more) {
        ByteArrayOutputStream o = new ByteArrayOutputStream(), e = new ByteArrayOutputStream()
        List<String> args = [verb] + (more as List) + ['--host', "root@127.0.0.1:${lab.port}".toString(),
                '-i', lab.key.path, '--known-hosts', knownHosts.path, '--accept-new-host-key'] +
                (verb == 'apply' ? ['--reboot-poll', '1', '--reboot-timeout', '300'] : [])
        int code = Main.run(args as String[], new PrintStream(o, true, 'UTF-8'), new PrintStream(e, true, 'UTF-8'),
                [PASSTHRU_HOME: tmp.resolve('home').toString()], false)
        out = o.toString('UTF-8')
        err = e.toString('UTF-8')
        code
    }

    /** Runs a command in dom0 over SSH (passthru's own transport). */
    CommandResult sh(String command, String stdin = null) { ssh.run(command, stdin) }

    /** The standard output of a command in dom0 that must succeed. */
    String host(String command, String stdin = null) {
        CommandResult r = sh(command, stdin)
        assert r.exit == 0: "${command}: ${r.stderr}"
        r.stdout
    }

    /** The "Kernel driver in use" line lspci shows for the e1000 in dom0, or null when no driver has it. */
    String driverOfE1000() {
        host("lspci -nnk -D -s ${E1000}").readLines().find { it.contains('Kernel driver in use: ') }
    }

    def "a real Xen 4.17 with VT-d: xl info shows hvm_directio, dom0's e1000 driver has the NIC, nothing is hidden"() {
        when:
        List<String> info = host('xl info').readLines()

        then:
        info.find { it.startsWith('virt_caps') } ==
                'virt_caps              : pv hvm hvm_directio pv_directio gnttab-v1 gnttab-v2'
        info.find { it.startsWith('xen_version') } == 'xen_version            : 4.17.7'
        info.find { it.startsWith('xen_commandline') }.contains(' iommu=1,verbose ')

        and: 'the same fields, in the same order, as the xl info recorded in the research run (values vary)'
        info.collect { it.split(':')[0] } == new File(REAL, 'xl_info.out').readLines().collect { it.split(':')[0] }

        and: "xen-cmdline as XCP-ng's prints an empty line for a key that is not set"
        sh('/opt/xensource/libexec/xen-cmdline --get-dom0 xen-pciback.hide').stdout == '\n'
        host('xl pci-assignable-list') == ''
        driverOfE1000() == '\tKernel driver in use: e1000'

        and: 'a Xen host, not an XCP-ng one: no xe'
        sh('command -v xe').exit != 0
    }

    def "passthru facts on a Xen host without XAPI: detected from xl alone, topology from xl info -n, no VMs"() {
        when:
        int code = cli('facts', '--json')
        Map facts = (Map) new JsonSlurper().parseText(out)

        then:
        code == 0
        FactsSchema.errors(out) == []
        facts.flavour == 'xcpng'
        facts.chosen == 'detected: passthru Xen lab (Xen 4.17, Debian 12 dom0 kernel, busybox); found xl; ' +
                'a Xen host without XAPI (no xe): xl-level steps only'
        facts.product == [name: 'passthru Xen lab', version: '12',
                          pretty: 'passthru Xen lab (Xen 4.17, Debian 12 dom0 kernel, busybox)', xen: '4.17.7']
        facts.iommu == [on: true, evidence: ['virt_caps : pv hvm hvm_directio pv_directio gnttab-v1 gnttab-v2']]
        (facts.cpus as Map).count == 4
        (facts.pci as List<Map>).find { it.address == E1000 }.subMap('ids', 'driver', 'hidden', 'assignable') ==
                [ids: '8086:100e', driver: 'e1000', hidden: false, assignable: false]
        facts.vms == []
    }

    def "a step that needs XAPI is refused at preflight on the real Xen host, one line naming it, nothing changed"() {
        given:
        File recipe = tmp.resolve('attach.groovy').toFile()
        recipe.text = "recipe('attach') {\n  hide pci('${E1000}')\n  vm('guest') { attach pci('${E1000}') }\n}\n"

        when:
        int code = cli('apply', recipe.path)

        then:
        code == 2
        err.readLines().count { it.contains('needs XAPI') } == 1
        err.contains("attach.groovy:3: host root@127.0.0.1:${lab.port}, step 'attach ${E1000} to VM \'guest\'': " +
                'attach needs XAPI (xe), which this Xen host does not have (a plain Xen host: hide, unhide, reboot, ' +
                'verify assignable and runtime NUMA run here, through xen-cmdline and xl)')
        err.contains('nothing was changed on the host')
        sh('/opt/xensource/libexec/xen-cmdline --get-dom0 xen-pciback.hide').stdout == '\n'
    }

    def "the shipped xen-lab-nic recipe hides the e1000 and sets extra_guest_irqs with xen-cmdline, one reboot, pciback has it, Xen runs with it"() {
        given:
        String before = host('cat /proc/sys/kernel/random/boot_id').trim()

        when:
        int code = cli('apply', Repo.file('recipes/xcp-ng/xen-lab-nic.groovy').path, '--record', tape('fresh').path)

        then:
        code == 0
        out.contains('flavour xcpng (named in the recipe)')
        out.contains('+ xen-pciback.hide=(0000:00:03.0)')
        out.contains('+ extra_guest_irqs=128')
        out.contains('2 steps verified in effect')
        out.contains('Summary: 3 changed, 1 ok, 0 failed')
        TapeReader.read(tape('fresh')).interactions.count { it.event == 'reboot' } == 1

        and: "Xen's line of grub.cfg carries the option, and the new boot's Xen runs with it (xl info)"
        host('xen-cmdline --get-xen extra_guest_irqs') == 'extra_guest_irqs=128\n'
        lab.persistent('boot/grub/grub.cfg').readLines().find { it.trim().startsWith('multiboot2 ') }
                .endsWith(' extra_guest_irqs=128')
        host('xl info').readLines().find { it.startsWith('xen_commandline') }.endsWith(' extra_guest_irqs=128')

        and: 'the dom0 line of grub.cfg, which the lab boots from, carries it; a new boot took it'
        host('xen-cmdline --get-dom0 xen-pciback.hide') == "xen-pciback.hide=(${E1000})\n"
        lab.persistent('boot/grub/grub.cfg').readLines().find { it.trim().startsWith('module2 ') }
                .endsWith(" xen-pciback.hide=(${E1000})")
        host('cat /proc/sys/kernel/random/boot_id').trim() != before
        host('cat /proc/cmdline') == "console=hvc0 earlyprintk=xen xen-pciback.hide=(${E1000})\n"
        host('xl pci-assignable-list') == "${E1000} \n"
        host('xl pci-assignable-list') == new File(REAL, 'xl_pci-assignable-list.out').text
        driverOfE1000() == '\tKernel driver in use: pciback'
    }

    def "a second apply of xen-lab-nic changes nothing and does not reboot"() {
        given:
        String before = host('cat /proc/sys/kernel/random/boot_id').trim()

        expect:
        cli('apply', Repo.file('recipes/xcp-ng/xen-lab-nic.groovy').path, '--record', tape('second-run').path) == 0
        out.contains('Summary: 0 changed, 4 ok, 0 failed')
        !out.contains('waiting for the host')
        host('cat /proc/sys/kernel/random/boot_id').trim() == before
    }

    def "xl pci-assignable-remove -r and pci-assignable-add at runtime, with the messages the real libxl prints"() {
        when: 'hidden at boot, it was never quarantined by xl: the first remove fails'
        CommandResult first = sh("xl pci-assignable-remove -r ${E1000}")

        then:
        first.exit == 1
        first.stderr.contains("failed to de-quarantine ${E1000}")

        when: 'adding it makes it xl-managed'
        CommandResult add = sh("xl pci-assignable-add ${E1000}")

        then:
        add.exit == 0
        add.stderr.contains("${E1000} already assigned to pciback")

        when: 'removing it then works, but xl knows no driver to give it back to'
        CommandResult remove = sh("xl pci-assignable-remove -r ${E1000}")

        then:
        remove.exit == 0
        remove.stderr.contains("Couldn't find path for original driver; not rebinding")
        host('xl pci-assignable-list') == ''
        driverOfE1000() == null

        when: 'bound to e1000 again, added, removed with -r: xl rebinds it to e1000'
        host("echo ${E1000} > /sys/bus/pci/drivers/e1000/bind")
        CommandResult fromE1000 = sh("xl pci-assignable-add ${E1000}")
        String listed = host('xl pci-assignable-list')
        String seized = driverOfE1000()
        CommandResult back = sh("xl pci-assignable-remove -r ${E1000}")

        then:
        fromE1000.exit == 0
        fromE1000.stderr == ''
        listed == "${E1000} \n"
        seized == '\tKernel driver in use: pciback'
        back.exit == 0
        back.stderr.contains('Rebinding to driver at /sys/bus/pci/drivers/e1000')
        host('xl pci-assignable-list') == ''
        driverOfE1000() == '\tKernel driver in use: e1000'

        when: 'assignable again, for the guest'
        host("xl pci-assignable-add ${E1000}")

        then:
        host('xl pci-assignable-list') == "${E1000} \n"
    }

    def "a PV guest created with the e1000 passed through binds it with its own e1000 driver"() {
        given:
        host('cat > /etc/xen/pt-guest.cfg', '''\
            name = "pt-guest"
            type = "pv"
            kernel = "/var/lib/xen-lab-guest/vmlinuz"
            ramdisk = "/var/lib/xen-lab-guest/initrd.gz"
            extra = "console=hvc0"
            memory = 256
            pci = [ "0000:00:03.0" ]
            '''.stripIndent())

        when:
        CommandResult created = sh('xl create /etc/xen/pt-guest.cfg')

        then: 'the e1000 has no reset method: libxl says so and goes on'
        created.exit == 0
        created.stderr.contains("The kernel doesn't support reset from sysfs for PCI device ${E1000}")
        host('xl pci-list pt-guest') == new File(REAL, 'xl_pci-list_pt-guest.out').text

        and: "the guest's console (xenconsoled's log): pcifront shows it the device, its e1000 driver binds it"
        new PollingConditions(timeout: 240, delay: 2).eventually {
            assert console().contains('xen-lab guest: ready\n')
        }
        console().contains('0000:00:00.0 Ethernet controller [0200]: Intel Corporation 82540EM Gigabit Ethernet ' +
                'Controller [8086:100e] (rev 03)\n\tSubsystem: Red Hat, Inc. QEMU Virtual Machine [1af4:1100]\n' +
                '\tKernel driver in use: e1000\n')
        console().contains('e1000 0000:00:00.0 eth0: Intel(R) PRO/1000 Network Connection')
    }

    def "runtime NUMA on the lab's two nodes: split, move the running guest to node 1's pool, pin it live, verify"() {
        given:
        File recipe = tmp.resolve('numa.groovy').toFile()
        recipe.text = "recipe('lab-numa') {\n  flavour 'xcpng'\n  numaSplit()\n  vm('pt-guest') {\n" +
                "    cpupool 'Pool-node1'\n    pinVcpus 2..3\n  }\n  verify { vcpusOnNode 'pt-guest', 1 }\n}\n"

        expect: 'two NUMA nodes (QEMU -numa, read by Xen from the SRAT): CPUs 0-1 and 2-3'
        host('xl info -n').contains('nr_nodes               : 2\n')
        host('xl cpupool-list -c') == 'Name               CPU list\nPool-0             0,1,2,3\n'

        when:
        int code = cli('apply', recipe.path)

        then:
        code == 0
        out.contains('Summary: 3 changed, 1 ok, 0 failed')
        out.contains('+ vCPU affinity now: 2-3 (xl vcpu-pin, until the domain goes)')
        host('xl cpupool-list -c') == 'Name               CPU list\nPool-node0         0,1\nPool-node1         2,3\n'
        host('xl list -c').readLines().find { it.startsWith('pt-guest ') }.endsWith(' Pool-node1')
        host('xl vcpu-list pt-guest').readLines().drop(1).every { it.endsWith('  2-3 / all') }

        and: 'again: nothing to change'
        cli('apply', recipe.path) == 0
        out.contains('Summary: 0 changed, 4 ok, 0 failed')
    }

    def "destroying the guest gives the e1000 back to pciback, assignable"() {
        when:
        host('xl destroy pt-guest')

        then: 'the device is back, assignable and pciback'
        host('xl pci-assignable-list') == "${E1000} \n"
        driverOfE1000() == '\tKernel driver in use: pciback'
    }

    def "the sessions recorded here are the shipped xen-lab-nic tapes: the same commands, inputs and events"() {
        expect:
        ['fresh', 'second-run'].every { String kind ->
            Tape recorded = TapeReader.read(tape(kind))
            Tape shipped = TapeReader.read(Repo.file("recipes/xcp-ng/tapes/xen-lab-nic.${kind}.yaml"))
            assert recorded.interactions.collect { [it.command, it.stdin, it.event] } ==
                    shipped.interactions.collect { [it.command, it.stdin, it.event] }
            assert shipped.host == 'passthru-xen-lab' && shipped.flavour == 'xcpng'
            true
        }
    }

    /**
     * Where this run records a session of the shipped recipe: spec/target/xen-lab/tapes (kept after the run, to be
     * shipped as recipes/xcp-ng/tapes/xen-lab-nic.KIND.yaml with the lab's host name and source line).
     */
    File tape(String kind) { new File(lab.dir, "tapes/xen-lab-nic.${kind}.yaml") }

    /** The guest's console log as xenconsoled wrote it, with the terminal's line ends as newlines. */
    String console() { host('cat /var/log/xen/console/guest-pt-guest.log').replace('\r\n', '\n') }
}
