package dev.passthru.spec.cli

import dev.passthru.spec.engine.Engines
import dev.passthru.dsl.RecipeLoader
import dev.passthru.runtime.cli.Main
import dev.passthru.runtime.demo.DemoXcpngHost
import dev.passthru.runtime.engine.Engine
import dev.passthru.runtime.engine.Listener
import dev.passthru.runtime.engine.Rebooter
import dev.passthru.runtime.engine.RunResult
import dev.passthru.runtime.tape.TapeReader
import dev.passthru.runtime.detect.FlavourDetection
import dev.passthru.runtime.xcpng.XcpngFlavour
import dev.passthru.spec.Repo
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Path

/** The passthru command line, run in this JVM: output, exit codes, and bad input. */
class CliSpec extends Specification {
    @TempDir
    Path tmp

    String out
    String err

    int cli(String... args) {
        ByteArrayOutputStream o = new ByteArrayOutputStream()
        ByteArrayOutputStream e = new ByteArrayOutputStream()
        int code = Main.run(args, new PrintStream(o, true, 'UTF-8'), new PrintStream(e, true, 'UTF-8'), [SECRET_PW: 'hunter2-not-logged', PASSTHRU_HOME: tmp.resolve('home').toString()], false)
        out = o.toString('UTF-8')
        err = e.toString('UTF-8')
        code
    }

    String recipe(String body) {
        File f = tmp.resolve('r.groovy').toFile()
        f.text = body
        f.path
    }

    def "apply with no --host runs on the demo host, says so, and a second run in the same command changes nothing"() {
        when:
        int code = cli('apply', Repo.file('recipes/xcp-ng/nic-passthrough.groovy').path, '--repeat', '2')

        then:
        code == 0
        out.contains('built-in demo host: a simulated XCP-ng 8.3')
        out.contains('Summary: 5 changed, 1 ok, 0 failed')
        out.contains('Summary: 0 changed, 6 ok, 0 failed')
        out.contains('waiting for the host to come back')
        err.isEmpty()
    }

    def "plan prints diffs and says nothing changed"() {
        when:
        int code = cli('plan', Repo.file('recipes/xcp-ng/gpu-passthrough.groovy').path, '--host', 'demo')

        then:
        code == 0
        out.contains('+ xen-pciback.hide=(0000:81:00.0)(0000:81:00.1)')
        out.contains('Plan: 5 to change, 0 ok, 1 pending. Nothing was changed')
    }

    def "#what: exit #exit, one line naming #names"() {
        when:
        int code = cli(['apply', recipe(text)] + extra as String[])

        then:
        code == exit
        String msg = (err + out)
        names.every { msg.contains(it) }
        !msg.contains('\tat ')      // never a stack trace
        !msg.contains('Exception')

        where:
        what                      | exit | extra  | names                                                                  | text
        'a Groovy syntax error'   | 64   | []     | ["r.groovy:2: '(' opened here is never closed (Groovy: unexpected input at '}' on line 3)"]| "recipe('x') {\n  hide pci('04:01.0'\n}\n"
        'a malformed BDF'         | 64   | []     | ["r.groovy:2: malformed PCI address '0000:04:01'"]                      | "recipe('x') {\n  hide pci('0000:04:01')\n}\n"
        'a device not on the host'| 2    | []     | ["r.groovy:2: host demo-xcp-ng-8.3, step 'hide 0000:09:00.0': device 0000:09:00.0 is not on this host", 'nothing was changed'] | "recipe('x') {\n  hide pci('0000:09:00.0')\n}\n"
        'an unknown VM'           | 2    | []     | ["r.groovy:2: host demo-xcp-ng-8.3, step 'start VM 'ruoter'': no VM is named 'ruoter'", 'nothing was changed'] | "recipe('x') {\n  vm('ruoter') { start() }\n}\n"
        'two VMs with one name'   | 2    | []     | ["step 'start VM 'scratch'': 2 VMs are named 'scratch'", 'nothing was changed'] | "recipe('x') {\n  vm('scratch') { start() }\n}\n"
        'a mask beyond the CPUs'  | 2    | []     | ["r.groovy:2: host demo-xcp-ng-8.3, step 'pin VM 'router' vCPUs to host CPUs 14-17': CPUs 16-17 do not exist; the host has 0-15"] | "recipe('x') {\n  vm('router') { pinVcpus 14..17 }\n}\n"
        'an unknown option'       | 64   | ['--hots', 'x'] | ["Unknown options: '--hots', 'x'", 'passthru apply --help shows the options']                                  | "recipe('x') {}\n"
        'a missing password var'  | 64   | ['--host', 'root@127.0.0.1:1', '--password-env', 'NOPE'] | ['--password-env NOPE: that environment variable is not set'] | "recipe('x') {}\n"
        'a bad --host'            | 64   | ['--host', 'root@host:99999'] | ['--host: port 99999 is out of range 1..65535']                                  | "recipe('x') {}\n"
        'an unknown --flavour'    | 64   | ['--flavour', 'esx'] | ["--flavour: 'esx' is not one of xcpng, kvm"]                                  | "recipe('x') {}\n"
        'a KVM step on XCP-ng'    | 2    | []     | ["r.groovy:2: host demo-xcp-ng-8.3, step 'kernel args +intel_iommu=on|amd_iommu=on +iommu=pt': kernel { } is for KVM hosts", 'nothing was changed'] | "recipe('x') {\n  kernel { iommu() }\n}\n"
        'a KVM recipe on the XCP-ng demo' | 2 | ['--flavour', 'kvm'] | ["preflight could not read the host: `virsh -c qemu:///system list --all --name` failed with exit 127: bash: virsh: command not found", 'nothing was changed'] | "recipe('x') {\n  vm('win10') { start() }\n}\n"
    }

    def "the KVM demo host: the VFIO recipe, then its undo, in one session"() {
        when:
        int code = cli('apply', Repo.file('recipes/kvm/vfio-gpu.groovy').path, '--host', 'demo-kvm', '--then', Repo.file('recipes/kvm/vfio-gpu-undo.groovy').path)

        then:
        code == 0
        out.contains('host    demo-kvm-debian-12')
        out.contains('flavour kvm (named in the recipe)')
        out.contains('Summary: 8 changed, 1 ok, 0 failed')
        out.contains("--- then ${Repo.file('recipes/kvm/vfio-gpu-undo.groovy').path} ---")
        out.contains('Summary: 8 changed, 0 ok, 0 failed')
        out.contains('(host is back, boot_id ')
    }

    def "host-key checking has no off switch: the only host-key options are a known_hosts file and accepting new (never changed) keys"() {
        given:
        picocli.CommandLine cl = new picocli.CommandLine(new Main())

        expect:
        ['plan', 'apply', 'replay'].every { String verb ->
            List<String> names = cl.subcommands[verb].commandSpec.options()*.longestName()
            names.findAll { it =~ /(?i)host.?key|known|strict|insecure|verify|trust/ }.toSet() == (verb == 'replay' ? [] : ['--known-hosts', '--accept-new-host-key']).toSet()
        }
    }

    def "facts: a table by default, JSON with --json; both demo hosts"() {
        when:
        int table = cli('facts', '--host', 'demo-kvm')
        String tableOut = out
        int code = cli('facts', '--host', 'demo-kvm', '--json')
        Map facts = (Map) new groovy.json.JsonSlurper().parseText(out)

        then:
        table == 0
        tableOut.contains('0000:06:00.0  10de:1c81  0300   nouveau')
        code == 0
        facts.flavour == 'kvm'
        facts.pci.find { it.address == '0000:06:00.1' }.subMap('ids', 'driver', 'modules') == [ids: '10de:0fb9', driver: 'snd_hda_intel', modules: ['snd_hda_intel']]
        facts.cpus.subMap('count', 'sockets', 'cores', 'numaNodes') == [count: 16, sockets: 2, cores: 8, numaNodes: [0, 1]]
        facts.cpus.siblings.contains([2, 10])
        facts.vms*.name == ['win10', 'router-kvm']

        and:
        cli('facts', '--json') == 0
        ((Map) new groovy.json.JsonSlurper().parseText(out)).flavour == 'xcpng'
    }

    def "a missing recipe file is a usage error"() {
        expect:
        cli('apply', '/nonexistent/r.groovy') == 64
        err.trim() == 'error: /nonexistent/r.groovy: no such recipe file'
    }

    def "bad input leaves the host untouched: preflight reads only"() {
        given:
        DemoXcpngHost host = new DemoXcpngHost()
        def recipe = new RecipeLoader().load("recipe('x') {\n hide pci('04:01.0')\n vm('nope') { attach pci('04:01.0') }\n}", 'r.groovy')

        when:
        RunResult r = Engines.on(host, 'xcpng', Engines.NO_WAIT, 1L, 1L).apply(recipe)

        then:
        r.problems*.toString() == ["r.groovy:3: step 'attach 0000:04:01.0 to VM 'nope'': no VM is named 'nope' on this host"]
        r.problems[0].evidence == 'xe vm-list name-label=nope --minimal: (nothing)'
        r.steps.isEmpty()
        // the flavour is given, so the tools are probed only because a VM step needs XAPI (xe)
        host.received == [FlavourDetection.PROBE, 'lspci -nnk -D', 'xl info -n', 'xe vm-list name-label=nope --minimal', 'xe vm-list is-control-domain=false params=uuid,name-label,power-state,other-config,VCPUs-params']
    }

    def "--record writes a tape that replay runs to the same result"() {
        given:
        File tape = tmp.resolve('session.yaml').toFile()
        String r = Repo.file('recipes/xcp-ng/nic-passthrough.groovy').path

        when:
        int applied = cli('apply', r, '--record', tape.path)

        then:
        applied == 0
        TapeReader.read(tape).commands().contains('reboot')
        TapeReader.read(tape).recipe == 'nic-passthrough'

        when:
        int replayed = cli('replay', r, '--tape', tape.path)

        then:
        replayed == 0
        out.contains('Summary: 5 changed, 1 ok, 0 failed')
        int n = TapeReader.read(tape).commands().size()
        out.contains("tape: ${n} of ${n} recorded commands answered")
    }

    def "replay of a tape that lacks a command fails naming the closest recorded one"() {
        when:
        int code = cli('replay', Repo.file('recipes/xcp-ng/nic-passthrough.groovy').path, '--tape', Repo.file('recipes/xcp-ng/tapes/gpu-passthrough.fresh.yaml').path)

        then:
        code == 2
        err.contains("holds no answer for `xe vm-list name-label=router --minimal` in boot 1 of 2; closest recorded: `xe vm-list name-label=gpu-worker --minimal`")
        err.contains('the recorded run would stop here (a replay changes nothing)')
    }

    def "a password given through the environment never reaches the output or a tape"() {
        given:
        File tape = tmp.resolve('pw.yaml').toFile()

        when: 'the host is unreachable (nothing listens on port 1), so the password is offered nowhere'
        int code = cli('apply', recipe("recipe('x') { vm('router') { start() } }"), '--host', 'root@127.0.0.1:1', '--password-env', 'SECRET_PW',
                '--known-hosts', tmp.resolve('kh').toString(), '--record', tape.path, '--connect-timeout', '2')

        then:
        code == 2
        err.contains('cannot connect to root@127.0.0.1:1')
        !(out + err).contains('hunter2')
        !tape.text.contains('hunter2')
        tmp.resolve('home/runs').toFile().listFiles().every { !it.text.contains('hunter2') }
    }

    def "check: preflight alone, findings with severity, evidence and fix, as text or JSON; exit 1 on errors, 0 otherwise"() {
        given:
        File bad = tmp.resolve('bad.groovy').toFile()
        bad.text = "recipe('bad') {\n  hide pci(class: 'nvme')\n  vm('router') { attach pci('02:10.0'), pci('02:00.0')\n  pinVcpus 8..15 }\n}\n"

        when:
        int code = cli('check', bad.path, '--json')
        Map report = (Map) new groovy.json.JsonSlurper().parseText(out)

        then:
        code == 1
        report.subMap('host', 'flavour', 'errors', 'warnings') == [host: 'demo-xcp-ng-8.3', flavour: 'xcpng', errors: 3, warnings: 1]
        report.findings*.severity == ['error', 'error', 'warning', 'error']
        report.findings.take(2)*.message.every { it.startsWith('host CPUs 8-15 are not on node 0, where 0000:02:') }
        report.findings.take(2)*.line == [4, 4]
        report.findings[2].subMap('line', 'step') == [line: 2, step: 'hide 0000:05:00.0']
        report.findings[2].fix == "add to the recipe, before this step: xen { arg 'extra_guest_irqs=64' } and reboot() " +
                '(recipes/xcp-ng/xen-boot-options.groovy)'
        report.findings[3].message == '0000:02:10.0 is an SR-IOV virtual function of 0000:02:00.0, and the recipe requests both'
        report.steps == []

        when: 'a recipe with only warnings: exit 0, and the steps as they would run'
        bad.text = "recipe('ok') {\n  hide pci(class: 'nvme')\n}\n"
        int ok = cli('check', bad.path)

        then:
        ok == 0
        out.contains("warning: ${bad.path}:2: host demo-xcp-ng-8.3, step 'hide 0000:05:00.0': 0000:05:00.0 is an NVMe drive")
        out.contains('    evidence: /opt/xensource/libexec/xen-cmdline --get-xen extra_guest_irqs: (not set)')
        out.contains('0 errors, 1 warning; apply would go ahead')
        out.contains('  1. hide 0000:05:00.0 (line 2)')
    }
}
