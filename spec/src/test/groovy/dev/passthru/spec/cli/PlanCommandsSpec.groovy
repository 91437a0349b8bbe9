package dev.passthru.spec.cli

import dev.passthru.runtime.shell.CommandKind
import dev.passthru.spec.Repo
import dev.passthru.spec.faults.ServedHost
import groovy.json.JsonSlurper
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Path

/** plan shows the commands apply would run, command by command, and still changes nothing. */
class PlanCommandsSpec extends Specification {
    @TempDir
    Path tmp

    String recipe(String body) {
        File f = tmp.resolve('r.groovy').toFile()
        f.text = body
        f.path
    }

    /** The commands that changed the host in step 1 of the newest journal (reads are checks, not changes). */
    List<String> appliedWrites() {
        File newest = tmp.resolve('home/runs').toFile().listFiles().findAll { it.name.endsWith('.json') }.sort { it.name }.last()
        Map j = (Map) new JsonSlurper().parse(newest)
        j.steps[0].commands*.command.findAll { CommandKind.of(it) == CommandKind.WRITE }
    }

    def "plan lists exactly the commands apply then runs: #body on #host"() {
        given:
        String r = recipe(body)

        when:
        CliRun plan = CliRun.of(tmp, ['plan', r, '--host', host, '--json'])
        Map step = ((Map) new JsonSlurper().parseText(plan.out)).steps[0]
        CliRun apply = CliRun.of(tmp, ['apply', r, '--host', host])

        then:
        plan.code == 0
        step.status == 'would_change'
        step.commands.findAll { it.command }*.command == appliedWrites()
        !appliedWrites().isEmpty()
        apply.code == 0

        where:
        host       | body
        'demo'     | "recipe('x') { hide pci('0000:04:01.0') }"
        'demo'     | "recipe('x') { vm('router') { attach pci('0000:04:01.0') } }"
        'demo'     | "recipe('x') { vm('router') { pinVcpus 0..3 } }"
        'demo'     | "recipe('x') { vm('router') { start() } }"
        'demo-kvm' | "recipe('x') { flavour 'kvm'; kernel { iommu() } }"
        'demo-kvm' | "recipe('x') { flavour 'kvm'; vm('win10') { pinVcpus 2, 3, 10, 11 } }"
        'demo-kvm' | "recipe('x') { flavour 'kvm'; vm('win10') { numaMemory 0 } }"
        'demo-kvm' | "recipe('x') { flavour 'kvm'; vm('win10') { hugepages() } }"
        'demo-kvm' | "recipe('x') { flavour 'kvm'; vm('win10') { start() } }"
        'demo-kvm' | "recipe('x') { flavour 'kvm'; vm('router-kvm') { stop() } }"
    }

    def "the console shows each command under its diff, input summarised, and where apply would wait"() {
        when:
        CliRun r = CliRun.of(tmp, ['plan', recipe("recipe('x') {\n  flavour 'kvm'\n  vm('win10') { numaMemory 0 }\n  vm('router-kvm') { stop() }\n}\n"),
                                   '--host', 'demo-kvm'])
        List<String> lines = r.out.readLines()
        int first = lines.findIndexOf { it.startsWith('[1/2] ') }

        then:
        r.code == 0
        lines[first + 1] == '        - numatune memory (none)'
        lines[first + 2] == '        + numatune memory strict:0'
        lines[first + 3] ==~ /        \$ virsh -c qemu:\/\/\/system define --file \/dev\/stdin < stdin \(\d+ lines, \d+ bytes\)/
        r.out.contains('''
        $ virsh -c qemu:///system shutdown --domain router-kvm
        (then waits until `virsh -c qemu:///system domstate --domain router-kvm` shows shut off)
''')
        !r.out.contains('<domain')
    }

    def "a plan over SSH lists the writes without running them: the host is as it was"() {
        given:
        ServedHost served = new ServedHost(tmp)
        Map before = ServedHost.snapshot(served.state)

        when:
        int code = served.cli('plan', 'recipes/kvm/vfio-gpu.groovy', '--json')
        Map plan = (Map) new JsonSlurper().parseText(served.out)

        then:
        code == 0
        plan.steps*.commands.flatten().findAll { it.command }*.command.containsAll([
                'update-grub', 'update-initramfs -u -k all', 'reboot', 'virsh -c qemu:///system start --domain win10'])
        ServedHost.snapshot(served.state) == before

        cleanup:
        served?.close()
    }
}
