package dev.passthru.spec.cli

import dev.passthru.runtime.cli.Main
import dev.passthru.runtime.cli.StepLabel
import dev.passthru.runtime.tape.Interaction
import dev.passthru.runtime.tape.Tape
import dev.passthru.runtime.tape.TapeReader
import dev.passthru.runtime.tape.TapeWriter
import dev.passthru.spec.Repo
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Path

/**
 * What the console says: one finding per missing device, the same nearest-devices list and the same missing-VM
 * finding on both flavours, the reboot's header before its countdown, step names that fit the width and keep
 * their line, and a replay that speaks of the tape.
 */
class ConsoleOutputSpec extends Specification {
    static final String NIC = Repo.file('recipes/xcp-ng/nic-passthrough.groovy').path
    static final String NIC_TAPE = Repo.file('recipes/xcp-ng/tapes/nic-passthrough.fresh.yaml').path
    @TempDir
    Path tmp
    String out, err

    int cli(Map<String, String> env = [:], boolean live = false, String... args) {
        ByteArrayOutputStream o = new ByteArrayOutputStream(), e = new ByteArrayOutputStream()
        int code = Main.run(args, new PrintStream(o, true, 'UTF-8'), new PrintStream(e, true, 'UTF-8'),
                [PASSTHRU_HOME: tmp.resolve('home').toString()] + env, live)
        out = o.toString('UTF-8'); err = e.toString('UTF-8')
        code
    }

    String recipe(String body) {
        File f = tmp.resolve('r.groovy').toFile()
        f.text = body
        f.path
    }

    def "a device missing from #host and named by 3 steps is one finding, at its first step, with the nearest devices"() {
        given:
        String r = recipe("recipe('m') {\n  def nic = pci '0000:09:00.0'\n  hide nic\n  reboot()\n  verify { assignable nic }\n" +
                "  vm('${vm}') { attach nic }\n}\n")

        when:
        int code = cli('plan', r, '--host', host)

        then:
        code == 2
        err.readLines().findAll { it.startsWith('error: ') } ==
                ["error: ${r}:3: host ${label}, step 'hide 0000:09:00.0': device 0000:09:00.0 is not on this host (the recipe also names it at lines 5, 6)".toString()]
        err.contains("    evidence: lspci -nnk -D lists ${count} devices, not 0000:09:00.0; nearest: ${nearest}\n")
        err.contains('    fix: name a device the host has (passthru facts lists them), or select by id: pci(vendor: ..., device: ...)\n')
        err.contains('preflight found 1 problem; nothing was changed on the host')

        where:
        host       | vm           | label                || count | nearest
        'demo'     | 'router'     | 'demo-xcp-ng-8.3'    || 13    | '0000:05:00.0 Non-Volatile memory controller; 0000:04:01.0 Ethernet controller; ' +
                '0000:02:00.0 Ethernet controller; 0000:02:00.1 Ethernet controller'
        'demo-kvm' | 'router-kvm' | 'demo-kvm-debian-12' || 14    | '0000:06:00.0 VGA compatible controller; 0000:06:00.1 Audio device; ' +
                '0000:05:00.0 Non-Volatile memory controller; 0000:02:00.0 Ethernet controller'
    }

    def "a VM that is not there, on #host: the same finding, with the command that looked and the VMs there are"() {
        given:
        String r = recipe("recipe('v') {\n  vm('nope') { start() }\n}\n")

        when:
        int code = cli('plan', r, '--host', host)

        then:
        code == 2
        err.startsWith("""error: ${r}:2: host ${label}, step 'start VM 'nope'': no VM is named 'nope' on this host
    evidence: ${evidence}
    fix: name one of the host's VMs (${names}), or create 'nope' first
""")

        where:
        host       | label                || evidence                                                  | names
        'demo'     | 'demo-xcp-ng-8.3'    || 'xe vm-list name-label=nope --minimal: (nothing)'         | "'big-db', 'gpu-worker', 'lab \"blue\" #1', 'router', 'scratch'"
        'demo-kvm' | 'demo-kvm-debian-12' || 'virsh -c qemu:///system list --all --name: win10, router-kvm' | "'router-kvm', 'win10'"
    }

    def "the reboot's header line comes before its countdown (#mode)"() {
        when:
        int code = cli([:], live, 'apply', NIC)

        then:
        code == 0
        int header = out.indexOf(headerText)
        header >= 0
        header < out.indexOf('    waiting for the host to come back')
        out.indexOf('    waiting for the host to come back') < out.indexOf('[2/6] reboot (if needed) ......')

        where:
        mode                       | live  || headerText
        'a log'                    | false || '\n[2/6] reboot (if needed) ...\n'
        'a terminal, lines redrawn'| true  || '\r[2/6] reboot (if needed) ...\n'
    }

    def "step lines and the summary fit #width columns; a long name loses its middle, never its (line N)"() {
        when:
        int code = cli(env, false, 'apply', NIC)
        List<String> stepLines = out.readLines().findAll { it ==~ /\[\d\/6\] .*/ || it ==~ /\s+\d  .*/ }

        then:
        code == 0
        stepLines.size() == 13 // 6 steps, the reboot's header, 6 summary rows
        stepLines.every { it.length() <= width }
        stepLines.find { it.startsWith('   5  ') } =~ / \(line 14\) +changed /
        stepLines.find { it.startsWith('   5  ') }.contains('vCPUs to host CPUs within') == !shortened
        stepLines.find { it.startsWith('[5/6] pin VM \'rout') }.contains('vCPUs to host CPUs within') == !shortened

        where:
        env                  || width | shortened
        [:]                  || 80    | true
        [COLUMNS: '60']      || 60    | true
        [COLUMNS: '120']     || 120   | false
        [COLUMNS: 'wide']    || 80    | true
    }

    def "fit #name with #suffix in #max: #fitted"() {
        expect:
        StepLabel.fit(name, suffix, max) == fitted
        fitted.length() <= Math.max(max, suffix.length())

        where:
        name                                     | suffix       | max || fitted
        'hide 0000:04:01.0'                      | ' (line 8)'  | 40  || 'hide 0000:04:01.0 (line 8)'
        'hide 0000:04:01.0'                      | ' (line 8)'  | 26  || 'hide 0000:04:01.0 (line 8)'
        'hide 0000:04:01.0'                      | ' (line 8)'  | 25  || 'hide 00...4:01.0 (line 8)'
        'pin VM router to CPUs 0-7 (NUMA-local)' | ' (line 14)' | 30  || 'pin VM ro...A-local) (line 14)'
        'abcdefghij'                             | ''           | 7   || 'ab...ij'
        'abcdefghij'                             | ''           | 8   || 'abc...ij'
        'abcdefghij'                             | ' (line 1)'  | 5   || ' (line 1)'
    }

    def "replay speaks of the tape: its header, the reboot it replays, and a preflight that stops"() {
        when:
        int ok = cli('replay', NIC, '--tape', NIC_TAPE)

        then:
        ok == 0
        out.startsWith('passthru replay: nic-passthrough')
        out.contains('    the recorded host reboots here (boot_id was c04ca8a9-a07a-3900-afe5-61dfbec940c4)\n')
        out.contains("(the tape's next boot, boot_id f1c6efa1-3c25-30bf-808c-b9f43e5f850f; 1 step verified in effect)")
        !out.contains('waiting for the host')
        !out.contains('host is back')

        when:
        int stopped = cli('replay', recipe("recipe('m') {\n  hide pci('0000:09:00.0')\n}\n"), '--tape', NIC_TAPE)

        then:
        stopped == 2
        err.contains('preflight found 1 problem; the recorded run would stop here (a replay changes nothing)')
        !err.contains('nothing was changed on the host')

        when: 'a tape from another recipe: the preflight could not read the tape'
        int missed = cli('replay', Repo.file('recipes/xcp-ng/gpu-passthrough.groovy').path, '--tape', NIC_TAPE)

        then:
        missed == 2
        err.contains('preflight could not read the tape: tape ')
    }

    def "a tape that ends before the recorded reboot came back fails that step at once, and the summary speaks of the recorded session"() {
        given: 'the shipped tape cut just after its reboot command'
        Tape full = TapeReader.read(new File(NIC_TAPE))
        List<Interaction> cut = full.interactions.takeWhile { !it.event }
        File tape = tmp.resolve('cut.yaml').toFile()
        tape.text = TapeWriter.write(new Tape(full.host, full.flavour, full.source, cut))

        when:
        long t0 = System.nanoTime()
        int code = cli('replay', NIC, '--tape', tape.path)

        then: 'no wait for a reboot that the tape does not hold (it used to spin until the 600 s reboot timeout)'
        code == 2
        (System.nanoTime() - t0) < 60_000_000_000L
        out.contains("step 'reboot (if needed)': reaching the host after the reboot failed: tape ${tape.path} has no boot after boot 1 of 1: the recorded session did not reconnect here")
        out.contains('The recorded session had step 1 changed before the failure (replayed from the tape; no host was touched).')
    }
}
