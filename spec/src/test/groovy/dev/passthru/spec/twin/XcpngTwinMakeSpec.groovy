package dev.passthru.spec.twin

import dev.passthru.runtime.cli.RunOptions
import dev.passthru.runtime.cli.Runner
import dev.passthru.runtime.demo.DemoHost
import dev.passthru.runtime.tape.Interaction
import dev.passthru.runtime.tape.RecordingTransport
import dev.passthru.runtime.tape.Redactor
import dev.passthru.runtime.tape.Tape
import dev.passthru.runtime.tape.TapeReader
import dev.passthru.runtime.twin.TwinFile
import dev.passthru.spec.Repo
import dev.passthru.spec.cli.CliRun
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Path

/**
 * passthru twin make on XCP-ng: a twin of the built-in demo host is the shipped demo twin; a twin of a recording
 * answers the recording's recipe as the recording did; the command's mistakes.
 */
class XcpngTwinMakeSpec extends Specification {
    static final String BOOT_ID = 'cat /proc/sys/kernel/random/boot_id'
    @TempDir Path tmp
    String out, err

    int cli(String... args) {
        CliRun r = CliRun.of(tmp, args as List<String>)
        out = r.out
        err = r.err
        r.code
    }

    /** The comment lines twin make writes under the header: what was not derived. */
    static List<String> notDerived(String text) {
        text.readLines().dropWhile { !it.startsWith('# not derived') }.drop(1).takeWhile { it.startsWith('#   ') }
                .collect { it.substring(4) }
    }

    static final String USB_NOT_DERIVED = 'usb, vms[].platform, vms[].hvm_boot_policy: twin make does not read USB ' +
            'passthrough yet (no USB device, the shipped usb-policy and HVM VMs written)'

    /** A twin file's lines but its comments and USB passthrough's keys (the usb block, a VM's platform map). */
    static List<String> withoutUsb(String text) {
        List<String> lines = text.readLines().findAll { !it.startsWith('#') }
        int usb = lines.indexOf('usb:')
        List<String> kept = usb < 0 ? lines : lines.take(usb)
        kept.findAll { it != '  platform:' && it != '    usb: "false"' }
    }

    def "a twin made from the XCP-ng demo host is the shipped demo twin but USB and GPUs; the boot count, USB and GPUs are not derived"() {
        given:
        File made = tmp.resolve('demo.yaml').toFile()
        String gpus = "gpu: passthru's facts do not read XAPI's pGPUs, vGPUs or supplemental packs (none written)"

        expect:
        cli('twin', 'make', '--host', 'demo', '-o', made.path) == 0
        err.readLines() == ["wrote ${made.path}: twin of demo-xcp-ng-8.3 (xcpng)".toString(),
                            'not derived: boot.number: no read-only command shows how many times a host has booted ' +
                                    '(1 written)', "not derived: ${gpus}".toString(), 'not derived: ' + USB_NOT_DERIVED]
        notDerived(made.text) == ['boot.number: no read-only command shows how many times a host has booted ' +
                                          '(1 written)', gpus, USB_NOT_DERIVED]
        made.text.readLines().findAll { !it.startsWith('#') } ==
                withoutUsb(TwinFile.resource('demo')).takeWhile { it != 'gpu:' }
    }

    def "a twin made from the tape #name answers its recipe with the tape's commands and outputs"() {
        given: 'the twin made from the tape'
        File tapeFile = Repo.file("recipes/xcp-ng/tapes/${name}.fresh.yaml")
        Tape tape = TapeReader.read(tapeFile)
        File twinFile = tmp.resolve('twin.yaml').toFile()
        assert cli('twin', 'make', '--tape', tapeFile.path, '-o', twinFile.path) == 0

        when: 'the recipe is applied to it, recorded'
        DemoHost twin = TwinFile.load(twinFile)
        RecordingTransport rec = new RecordingTransport(twin, new Redactor([]))
        Runner runner = new Runner(new PrintStream(OutputStream.nullOutputStream()),
                new PrintStream(OutputStream.nullOutputStream()), false)
        runner.run(Runner.load(Repo.file("recipes/xcp-ng/${tape.recipe}.groovy")), rec,
                new RunOptions(rebootTimeoutMillis: 1000L))
        List<Interaction> got = rec.tape(twin.label(), 'xcpng', tape.recipe, '').interactions

        then: 'it issues the same commands, in order, and gets the same answers (boot ids aside)'
        got*.command == tape.interactions*.command
        (0..<got.size()).each { int i ->
            Interaction want = tape.interactions[i]
            Interaction have = got[i]
            assert [i, have.command, have.exit, normal(have), have.stderr, have.error, have.event] ==
                    [i, want.command, want.exit, normal(want), want.stderr, want.error, want.event]
        }

        and: 'what the tape could not show is listed as not derived'
        notDerived(twinFile.text).collect { it.substring(0, it.indexOf(':')) }.toSet() ==
                (missing + ['usb, vms[].platform, vms[].hvm_boot_policy']).toSet()

        where:
        name              || missing
        'nic-passthrough' || ['boot.number', 'gpu', 'boot.extra_guest_irqs', 'boot.dom0_cmdline', 'boot.hidden',
                              'pci[].physfn', 'vms[router].memory', 'vms[gpu-worker].memory',
                              'vms[lab "blue" #1].memory', 'vms[scratch].memory', 'vms[big-db].memory']
        'gpu-passthrough' || ['boot.number', 'gpu', 'boot.extra_guest_irqs', 'boot.dom0_cmdline', 'boot.hidden',
                              'vms[router].memory', 'vms[gpu-worker].memory', 'vms[lab "blue" #1].memory',
                              'vms[scratch].memory', 'vms[big-db].memory']
    }

    /**
     * nic-detach.fresh was recorded on a host an earlier nic-passthrough run had changed, and its recipe reads neither
     * the VM list nor xl info -n before its first write: its twin has no VMs, so the recipe cannot be answered alike.
     */
    def "a twin of the tape nic-detach.fresh cannot answer its recipe: the tape never lists the VMs before a write"() {
        given:
        File tapeFile = Repo.file('recipes/xcp-ng/tapes/nic-detach.fresh.yaml')
        File twinFile = tmp.resolve('twin.yaml').toFile()

        expect:
        cli('twin', 'make', '--tape', tapeFile.path, '-o', twinFile.path) == 0
        notDerived(twinFile.text).contains('vms: `xe vm-list is-control-domain=false ' +
                'params=uuid,name-label,power-state,other-config,VCPUs-params` is not in the recording ([] written)')
        notDerived(twinFile.text).contains('boot.hide: `/opt/xensource/libexec/xen-cmdline --get-dom0 ' +
                'xen-pciback.hide` is recorded only after the recording changed the host ([] written)')
        TwinFile.load(twinFile).run('xe vm-list name-label=router --minimal').stdout == '\n'
    }

    def "#what: exit 64, one line, no file"() {
        given:
        File output = tmp.resolve('x.yaml').toFile()

        expect:
        cli((['twin', 'make', '-o', output.path] + args) as String[]) == 64
        err.readLines().findAll { it.trim() } == [message]
        !output.exists()

        where:
        what                | args                                               || message
        '--host and --tape' | ['--host', 'demo', '--tape', Repo.file(TAPE).path] || BOTH
        '-H and --tape'     | ['-H', 'root@192.0.2.1', '--tape', TAPE]           || BOTH
        'a missing tape'    | ['--tape', '/nonexistent/t.yaml']                  || 'error: --tape /nonexistent/t.yaml: no such file'
    }

    def "a tape whose xl info -n passthru cannot read: exit 2, one line naming the line, no file"() {
        given:
        File tape = tmp.resolve('garbled.yaml').toFile()
        tape.text = Repo.file(TAPE).text.replace('        0:       0        0        0\n', '        0:  zero\n')
        File output = tmp.resolve('x.yaml').toFile()

        expect:
        cli('twin', 'make', '--tape', tape.path, '-o', output.path) == 2
        err.readLines() == ["error: ${tape.path}: xl info -n cpu_topology: cannot read '  0:  zero' (expected " +
                                    "'cpu: core socket node')".toString()]
        !output.exists()
    }

    static final String TAPE = 'recipes/xcp-ng/tapes/nic-passthrough.fresh.yaml'
    static final String BOTH = 'error: twin make: give --host or --tape (one of them)'

    /** A result's stdout with this boot's id replaced (a twin's boot ids are its own). */
    private static String normal(Interaction i) {
        i.command == BOOT_ID && i.stdout != null ? i.stdout.replaceAll(/[0-9a-f-]{36}/, 'BOOT-ID') : i.stdout
    }
}
