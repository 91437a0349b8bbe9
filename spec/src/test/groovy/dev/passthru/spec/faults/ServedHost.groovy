package dev.passthru.spec.faults

import dev.passthru.runtime.cli.Main
import dev.passthru.runtime.demo.DemoKvmHost
import dev.passthru.runtime.demo.DemoKvmState
import dev.passthru.runtime.serve.DemoSshServer
import dev.passthru.spec.Repo
import groovy.json.JsonSlurper

import java.nio.file.Path

/** The KVM demo host behind a real SSH server on 127.0.0.1, and the passthru CLI pointed at it, for fault specs. */
class ServedHost implements Closeable {
    final Path dir
    final DemoKvmState state = DemoKvmState.standard()
    final DemoKvmHost host = new DemoKvmHost(state)
    final DemoSshServer server
    final File key, knownHosts
    String out, err
    /** --reboot-timeout for the CLI runs, in seconds. */
    String rebootTimeout = '20'

    ServedHost(Path dir) {
        this.dir = dir
        key = dir.resolve('id_ed25519').toFile()
        Process p = new ProcessBuilder('ssh-keygen', '-q', '-t', 'ed25519', '-N', '', '-f', key.path).redirectErrorStream(true).start()
        assert p.waitFor() == 0
        dir.resolve('authorized_keys').toFile().text = new File(key.path + '.pub').text
        server = new DemoSshServer(host, dir.resolve('host_key'), dir.resolve('authorized_keys')).start()
        knownHosts = dir.resolve('known_hosts').toFile()
        knownHosts.text = server.knownHostsLine()
    }

    /** Runs passthru against the served host: short timeouts, fast reboot polling. */
    int cli(String verb, String recipe, String... more) {
        ByteArrayOutputStream o = new ByteArrayOutputStream(), e = new ByteArrayOutputStream()
        List<String> args = [verb, Repo.file(recipe).path, '--host', "root@127.0.0.1:${server.port}".toString(), '--identity', key.path,
                             '--known-hosts', knownHosts.path, '--command-timeout', '2', '--connect-timeout', '2', '--reboot-timeout', rebootTimeout, '--reboot-poll', '0.02'] + (more as List)
        int code = Main.run(args as String[], new PrintStream(o, true, 'UTF-8'), new PrintStream(e, true, 'UTF-8'), [PASSTHRU_HOME: dir.resolve('home').toString()], false)
        out = o.toString('UTF-8'); err = e.toString('UTF-8')
        code
    }

    /** The newest run journal. */
    Map journal() {

        (Map) new JsonSlurper().parse(dir.resolve('home/runs').toFile().listFiles().findAll { it.name.endsWith('.json') }.sort { it.name }.last())
    }

    /** What a bring-up must leave on the host, apart from times and boot ids. */
    static Map snapshot(DemoKvmState s) {
        [files      : s.files.findAll { k, v -> !k.endsWith('.passthru.orig') && !k.endsWith('.passthru.new') },
         bootCmdline: s.grubCfgCmdline, running: s.procCmdline, initramfs: s.initramfsSoftdeps,
         bound      : new TreeMap(s.bound.collectEntries { k, v -> [(k.toString()): v] }),
         domains    : s.domains.collectEntries { k, v -> [(k): [v.xml, v.state]] }]
    }

    boolean locked() { host.passthruFilesView().containsKey('/var/lib/passthru/lock') }

    void close() { server.close() }
}
