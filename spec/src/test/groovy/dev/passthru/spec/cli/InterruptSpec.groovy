package dev.passthru.spec.cli

import dev.passthru.runtime.interrupt.Interruption
import dev.passthru.spec.Repo
import dev.passthru.spec.faults.ServedHost
import groovy.json.JsonSlurper
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Path
import java.util.concurrent.TimeUnit

/** Ctrl-C and SIGTERM during plan and apply: the run says where it stopped, journals it, unlocks, and exits 130. */
class InterruptSpec extends Specification {
    @TempDir
    Path tmp

    static final String NIC = Repo.file('recipes/xcp-ng/nic-passthrough.groovy').path
    static final String GPU = Repo.file('recipes/kvm/vfio-gpu.groovy').path

    Map journal(Path runs) {
        (Map) new JsonSlurper().parse(runs.toFile().listFiles().findAll { it.name.endsWith('.json') }
                .sort { it.name }.last())
    }

    CliRun stoppedWhen(String printed, String signal, List<String> args) {
        Interruption stop = new Interruption()
        CliRun.of(tmp, args, [:], stop,
                { OutputStream o -> new PrintStream(new Tripwire(o, printed, stop, signal), true, 'UTF-8') })
    }

    def "Ctrl-C between two steps of apply: the rest is skipped, the journal says interrupted, the lock is released, exit 130"() {
        when:
        CliRun r = stoppedWhen('[1/6]', 'INT', ['apply', NIC])
        Map j = journal(tmp.resolve('home/runs'))

        then:
        r.code == 130
        r.err.contains('\ninterrupted (SIGINT) after step [1/6] hide 0000:04:01.0 (line 8)\n')
        r.err.contains('\nhost lock released\n')
        r.err.contains("journal: ${tmp.resolve('home/runs')}/${j.run}.json (outcome: interrupted)\n")
        r.err.endsWith("continue with: passthru apply ${NIC} --host demo --resume\n")
        j.outcome == 'interrupted'
        j.interruptedBy == 'SIGINT'
        j.steps*.status == ['CHANGED', 'SKIPPED', 'SKIPPED', 'SKIPPED', 'SKIPPED', 'SKIPPED']
        j.steps[1].message == 'interrupted (SIGINT)'
    }

    def "an interrupted plan says so and exits 130"() {
        when:
        CliRun r = stoppedWhen('[2/', 'TERM', ['plan', GPU, '--host', 'demo-kvm'])

        then:
        r.code == 130
        r.err.contains('\ninterrupted (SIGTERM) after step [2/')
        r.out =~ /\n\[3\/9\] .* skipped /
        !(r.out =~ /\n\[3\/9\] .* would change /)
    }

    def "SIGTERM while apply waits for a rebooting host: the step is named, the journal finished, the lock left is reported"() {
        given: 'a served KVM host that never comes back from its reboot'
        ServedHost served = new ServedHost(tmp)
        served.server.faults.refuseAfter('reboot', 1_000_000)
        List<String> args = ['apply', GPU, '--host', "root@127.0.0.1:${served.server.port}".toString(),
                             '--identity', served.key.path, '--known-hosts', served.knownHosts.path,
                             '--reboot-timeout', '600', '--reboot-poll', '0.05', '--connect-timeout', '1']

        when:
        CliRun r = stoppedWhen('waiting for the host to come back', 'TERM', args)
        Map j = journal(tmp.resolve('home/runs'))

        then:
        r.code == 130
        r.err =~ /\ninterrupted \(SIGTERM\) during step \[(\d+)\/\d+\] reboot \(if needed\) \(line 24\)\n/
        r.err.contains('warning: could not remove the host lock /var/lib/passthru/lock')
        j.outcome == 'interrupted'
        j.steps.find { it.status == 'INTERRUPTED' }.step == 'reboot (if needed)'
        r.err.endsWith("continue with: passthru apply ${GPU} --host root@127.0.0.1:${served.server.port} --resume\n")

        cleanup:
        served?.close()
    }

    def "a real SIGTERM to the passthru process during a reboot wait ends it with 130 and the journal finished"() {
        given:
        ServedHost served = new ServedHost(tmp)
        served.server.faults.refuseAfter('reboot', 1_000_000)
        String java = Path.of(System.getProperty('java.home'), 'bin', 'java').toString()
        ProcessBuilder pb = new ProcessBuilder(java, '-cp', System.getProperty('java.class.path'),
                'dev.passthru.runtime.cli.Main', 'apply', GPU,
                '--host', "root@127.0.0.1:${served.server.port}".toString(), '--identity', served.key.path,
                '--known-hosts', served.knownHosts.path,
                '--reboot-timeout', '600', '--reboot-poll', '0.05', '--connect-timeout', '1')
        pb.environment().PASSTHRU_HOME = tmp.resolve('home').toString()
        pb.redirectError(tmp.resolve('stderr.txt').toFile())
        Process p = pb.start()

        when: 'the process is told to stop once it reports that it waits for the host'
        BufferedReader out = new BufferedReader(new InputStreamReader(p.inputStream, 'UTF-8'))
        String line
        while ((line = out.readLine()) != null && !line.contains('waiting for the host to come back')) { }
        p.destroy()
        boolean ended = p.waitFor(60, TimeUnit.SECONDS)
        String err = tmp.resolve('stderr.txt').toFile().text

        then:
        line != null
        ended
        p.exitValue() == 130
        err.contains('passthru: SIGTERM: stopping after the running command')
        err =~ /interrupted \(SIGTERM\) during step \[\d+\/\d+\] reboot \(if needed\) \(line 24\)/
        journal(tmp.resolve('home/runs')).outcome == 'interrupted'

        cleanup:
        p?.destroyForcibly()
        served?.close()
    }

    def "resume after an interrupt says what it continues"() {
        given:
        CliRun first = stoppedWhen('[1/6]', 'INT', ['apply', NIC])
        String run = journal(tmp.resolve('home/runs')).run

        when:
        CliRun r = CliRun.of(tmp, ['apply', NIC, '--resume'])

        then:
        first.code == 130
        r.code == 0
        r.out.contains("resuming run ${run} (started ")
        r.out.contains("outcome interrupted, stopped at step 2 'reboot (if needed)' (skipped)): " +
                'step 1 verified there is checked again, not redone')
    }
}
