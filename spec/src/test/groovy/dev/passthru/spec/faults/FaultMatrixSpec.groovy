package dev.passthru.spec.faults

import dev.passthru.spec.engine.Engines
import dev.passthru.dsl.RecipeLoader
import dev.passthru.runtime.demo.DemoKvmHost
import dev.passthru.runtime.demo.DemoKvmState
import dev.passthru.runtime.detect.FlavourDetection
import dev.passthru.runtime.engine.Engine
import dev.passthru.runtime.engine.Listener
import dev.passthru.runtime.engine.Rebooter
import dev.passthru.runtime.serve.Faults
import dev.passthru.spec.Repo
import spock.lang.Shared
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Path

import static dev.passthru.runtime.serve.Faults.Action.DROP_AFTER
import static dev.passthru.runtime.serve.Faults.Action.DROP_BEFORE
import static dev.passthru.runtime.serve.Faults.Action.FAIL
import static dev.passthru.runtime.serve.Faults.Action.HANG
import static dev.passthru.runtime.serve.Faults.Action.SLOW

/**
 * The fault matrix: recipes/kvm/vfio-gpu.groovy applied with the passthru CLI over real SSH to the KVM
 * demo host, with one fault injected by the SSH server per row. For each: what the user sees, what the
 * journal holds, and that `apply --resume` then finishes with the host exactly as a clean apply leaves
 * it (nothing lost), the host lock released. The figures go to target/fault-matrix.txt.
 */
class FaultMatrixSpec extends Specification {
    static final String RECIPE = 'recipes/kvm/vfio-gpu.groovy'
    @Shared Map reference
    @Shared List<String> report = []
    @TempDir Path tmp

    def setupSpec() {
        DemoKvmState clean = DemoKvmState.standard()
        DemoKvmHost host = new DemoKvmHost(clean)
        assert Engines.on(host, null, Engines.NO_WAIT, 1000L, 1L).apply(new RecipeLoader().load(Repo.file(RECIPE), RECIPE)).exitCode() == 0
        reference = ServedHost.snapshot(clean)
    }

    def cleanupSpec() {
        int injected = report.sum(0) { it.split('\t')[1] as int } as int
        int recovered = report.count { it.split('\t')[2] == 'recovered' }
        int lost = report.count { it.split('\t')[3] != 'same' }
        File out = new File('target/fault-matrix.txt')
        out.text = "fault\tinjected\toutcome\tfinal state vs clean apply\n" + report.join('\n') + "\nfaults injected: ${injected}; runs recovered: ${recovered} of ${report.size()}; states lost: ${lost}\n"
        println(out.text)
    }

    static final Closure NOTHING = { ServedHost h -> }

    def "#fault on `#fragment`: the user sees it, the journal records it, and the host ends as a clean apply leaves it"() {
        given:
        ServedHost h = new ServedHost(tmp)
        setup.call(h)

        when: 'the faulted apply'
        int first = h.cli('apply', RECIPE)
        String seen = h.err + h.out
        Map journal = h.journal()

        then: 'a clear line, never a stack trace; the journal names the step and the command'
        first == firstExit
        seen.contains(says)
        !seen.contains('Exception') && !seen.contains('\tat ')
        firstExit == 0 || journal.steps.any { it.status == 'FAILED' && it.message?.contains(says) } || journal.steps.any { it.status == 'FAILED' && it.commands.any { c -> c.command.startsWith(fragment) && (c.error || c.exit != 0) } } || journal.problems?.any { it.contains(says) }
        h.locked() == lockLeft   // a host unreachable at the end keeps the lock; the next run from here takes it over

        when: 'resume (only needed when the first run failed), after what an operator would do about the fault'
        fix.call(h)
        int second = firstExit == 0 ? 0 : h.cli('apply', RECIPE, '--resume')

        then:
        second == 0
        ServedHost.snapshot(h.state) == reference
        !h.locked()

        cleanup:
        int fired = h.server.faults.fired.values().sum(0) as int
        report << "${fault} `${fragment}`\t${fired}\t${second == 0 ? 'recovered' : 'not recovered'}\t${ServedHost.snapshot(h.state) == reference ? 'same' : 'DIFFERENT'}".toString()
        h.close()

        where:
        fault                                     | fragment                                          | firstExit | says                                                     | setup | fix | lockLeft
        'connection dropped before the command'   | 'update-grub'                                     | 2         | '`update-grub`'                                          | { ServedHost s -> s.server.faults.on('update-grub', DROP_BEFORE) } | NOTHING | false
        'connection dropped after the command'    | 'update-grub'                                     | 2         | 'whether it took effect is unknown'                      | { ServedHost s -> s.server.faults.on('update-grub', DROP_AFTER) } | NOTHING | false
        'dropped while writing the softdep file'  | 'install -m 0644 /dev/stdin /etc/modprobe.d'      | 2         | '`install -m 0644 /dev/stdin /etc/modprobe.d/passthru-vfio.conf.passthru.new`' | { ServedHost s -> s.server.faults.on('install -m 0644 /dev/stdin /etc/modprobe.d', DROP_BEFORE) } | NOTHING | false
        'dropped after the initramfs rebuild'     | 'update-initramfs'                                | 2         | '`update-initramfs -u -k all`'                           | { ServedHost s -> s.server.faults.on('update-initramfs', DROP_AFTER) } | NOTHING | false
        'a command that hangs (timeout)'          | 'virsh -c qemu:///system define'                  | 2         | 'did not finish within 2s (--command-timeout)'           | { ServedHost s -> s.server.faults.on('virsh -c qemu:///system define', HANG) } | NOTHING | false
        'a command failing halfway through'       | 'virsh -c qemu:///system attach-device'           | 2         | 'failed with exit 1: injected failure'                   | { ServedHost s -> s.server.faults.on('virsh -c qemu:///system attach-device', FAIL, 2) } | NOTHING | false
        'dropped after the VM start'              | 'virsh -c qemu:///system start'                   | 2         | '`virsh -c qemu:///system start --domain win10`'                  | { ServedHost s -> s.server.faults.on('virsh -c qemu:///system start', DROP_AFTER) } | NOTHING | false
        'dropped before the boot id read'         | 'cat /proc/sys/kernel/random/boot_id'             | 2         | '`cat /proc/sys/kernel/random/boot_id`'                  | { ServedHost s -> s.server.faults.on('cat /proc/sys/kernel/random/boot_id', DROP_BEFORE) } | NOTHING | false
        'dropped while taking the host lock'      | 'mkdir /var/lib/passthru/lock'                    | 2         | 'could not take the host lock'                           | { ServedHost s -> s.server.faults.on('mkdir /var/lib/passthru/lock', DROP_BEFORE) } | NOTHING | false
        'connections refused for 3 tries after the reboot' | 'reboot'                                 | 0         | 'host is back'                                           | { ServedHost s -> s.server.faults.refuseAfter('reboot', 3) } | NOTHING | false
        'a reboot that did not happen (same boot id)' | 'reboot'                            | 2         | 'the host did not reboot: it still answers with boot_id'  | { ServedHost s -> s.rebootTimeout = '1'; s.server.faults.on('reboot', DROP_BEFORE) } | NOTHING | false
        'the host not back in time'               | 'reboot'                                          | 2         | 'did not come back within 1s'                            | { ServedHost s -> s.rebootTimeout = '1'; s.server.faults.refuseAfter('reboot', 1_000_000) } | { ServedHost s -> s.server.faults.refuse(0) } | true
        'the host back with another host key'     | 'reboot'                                          | 2         | 'host key'                                               | { ServedHost s -> s.server.faults.newHostKeyAfter('reboot') } | { ServedHost s -> s.knownHosts.text = s.server.knownHostsLine() } | true
        'slow output'                             | 'lscpu -p'                                        | 0         | 'Summary: 8 changed, 1 ok, 0 failed'                     | { ServedHost s -> s.server.faults.on('lscpu -p', SLOW) } | NOTHING | false
    }
}
