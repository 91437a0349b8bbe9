package dev.passthru.spec.ssh

import dev.passthru.dsl.PciAddress
import dev.passthru.runtime.cli.Main
import dev.passthru.runtime.demo.DemoKvmHost
import dev.passthru.runtime.demo.DemoKvmState
import dev.passthru.runtime.serve.DemoSshServer
import dev.passthru.runtime.tape.Interaction
import dev.passthru.runtime.tape.Tape
import dev.passthru.runtime.tape.TapeReader
import dev.passthru.spec.Repo
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Path

/**
 * The KVM flavour planned and applied over real SSH: the CLI (sshj, strict known_hosts, key login)
 * against the KVM demo host served by an SSH server on 127.0.0.1 (Apache MINA SSHD), which keeps the
 * host's state between connections and drops the session when the host reboots.
 */
class KvmOverSshSpec extends Specification {
    @TempDir Path tmp
    DemoKvmState state = DemoKvmState.standard()
    DemoSshServer server
    File key, knownHosts
    String out, err

    def setup() {
        key = tmp.resolve('id_ed25519').toFile()
        Process p = new ProcessBuilder('ssh-keygen', '-q', '-t', 'ed25519', '-N', '', '-f', key.path).redirectErrorStream(true).start()
        assert p.waitFor() == 0
        tmp.resolve('authorized_keys').toFile().text = new File(key.path + '.pub').text
        server = new DemoSshServer(new DemoKvmHost(state), tmp.resolve('host_key'), tmp.resolve('authorized_keys')).start()
        knownHosts = tmp.resolve('known_hosts').toFile()
        knownHosts.text = server.knownHostsLine()
    }

    def cleanup() { server?.close() }

    int cli(String verb, String recipe, String... more) {
        ByteArrayOutputStream o = new ByteArrayOutputStream(), e = new ByteArrayOutputStream()
        List<String> args = [verb, Repo.file(recipe).path, '--host', "root@127.0.0.1:${server.port}".toString(), '--identity', key.path,
                             '--known-hosts', knownHosts.path, '--reboot-timeout', '30'] + (more as List)
        int code = Main.run(args as String[], new PrintStream(o, true, 'UTF-8'), new PrintStream(e, true, 'UTF-8'), [PASSTHRU_HOME: tmp.resolve('home').toString()], false)
        out = o.toString('UTF-8'); err = e.toString('UTF-8')
        code
    }

    def "plan, apply (with its reboot over SSH) and apply again, each a separate passthru run"() {
        when:
        int plan = cli('plan', 'recipes/kvm/vfio-gpu.groovy')

        then:
        plan == 0
        out.contains('flavour kvm (named in the recipe)')
        out.contains('Plan: 8 to change, 0 ok, 1 pending.')
        state.bound[PciAddress.parse('0000:06:00.0')] == 'nouveau'

        when:
        String bootBefore = state.bootId
        int apply = cli('apply', 'recipes/kvm/vfio-gpu.groovy')

        then:
        apply == 0
        out.contains('Summary: 8 changed, 1 ok, 0 failed')
        state.bootId != bootBefore
        state.bound[PciAddress.parse('0000:06:00.0')] == 'vfio-pci'
        state.domains.win10.state == 'running'

        when:
        int again = cli('apply', 'recipes/kvm/vfio-gpu.groovy')

        then:
        again == 0
        out.contains('Summary: 0 changed, 9 ok, 0 failed')
    }

    def "a session recorded over SSH holds exactly the shipped tape's commands, inputs and outputs"() {
        given:
        File tape = tmp.resolve('over-ssh.yaml').toFile()

        when:
        int code = cli('apply', 'recipes/kvm/vfio-gpu.groovy', '--record', tape.path)
        Tape recorded = TapeReader.read(tape)
        Tape shipped = TapeReader.read(Repo.file('recipes/kvm/tapes/vfio-gpu.fresh.yaml'))

        then:
        code == 0
        recorded.flavour == 'kvm'
        recorded.interactions.size() == shipped.interactions.size()
        [recorded.interactions, shipped.interactions].transpose().every { List<Interaction> pair -> pair[0] == pair[1] }
        !tape.text.contains('demo-spice-secret')
    }
}
