package dev.passthru.spec.facts

import dev.passthru.dsl.RecipeLoader
import dev.passthru.runtime.demo.DemoKvmHost
import dev.passthru.runtime.demo.DemoKvmState
import dev.passthru.runtime.demo.DemoXcpngHost
import dev.passthru.runtime.engine.Rebooter
import dev.passthru.runtime.engine.RunResult
import dev.passthru.runtime.facts.CommonFacts
import dev.passthru.runtime.facts.FactCache
import dev.passthru.runtime.facts.Facts
import dev.passthru.runtime.facts.ReadCommands
import dev.passthru.runtime.kvm.KvmFacts
import dev.passthru.runtime.shell.CommandKind
import dev.passthru.runtime.transport.ConnectionLostException
import dev.passthru.runtime.xcpng.XcpngFacts
import dev.passthru.spec.Repo
import dev.passthru.spec.engine.Engines
import spock.lang.Specification

/** One reading of the host per run: each fact's command runs once until a write (or, by lifetime, a reboot). */
class FactsSpec extends Specification {
    DemoKvmHost host = new DemoKvmHost(DemoKvmState.standard())

    def "a fact is read once, answered from the cache after, and read again after a write"() {
        given:
        Facts facts = new Facts(host)

        when:
        def first = facts.read(CommonFacts.PCI_FUNCTIONS)
        def again = facts.read(CommonFacts.PCI_FUNCTIONS)

        then:
        again == first
        host.received == ['lspci -nnk -D']

        when: 'a write goes through the facts transport'
        facts.transport().run('virsh -c qemu:///system start --domain win10')
        facts.read(CommonFacts.PCI_FUNCTIONS)

        then:
        host.received == ['lspci -nnk -D', 'virsh -c qemu:///system start --domain win10', 'lspci -nnk -D']
    }

    def "a write forgets what a write may change; a reboot also what a boot changes; neither what holds for the run"() {
        given:
        Facts facts = new Facts(host)
        List<String> commands = [CommonFacts.PCI_FUNCTIONS, CommonFacts.RUNNING_CMDLINE, CommonFacts.CPUS]*.command()
        def readAll = { [CommonFacts.PCI_FUNCTIONS, CommonFacts.RUNNING_CMDLINE, CommonFacts.CPUS].each { facts.read(it) } }

        when:
        readAll()
        facts.transport().run('update-grub')
        readAll()

        then: 'lspci again; /proc/cmdline and lscpu from the cache'
        host.received == commands + ['update-grub', 'lspci -nnk -D']

        when: 'the host reboots (the connection is remade for it)'
        host.received.clear()
        try { facts.transport().run(Rebooter.REBOOT) } catch (ConnectionLostException ignored) { }
        facts.transport().reconnect()
        readAll()

        then: 'the running command line is read again, lscpu is not'
        host.received == ['reboot', 'lspci -nnk -D', 'cat /proc/cmdline']
    }

    def "reading a fact never empties the cache, though its command uses shell syntax"() {
        given:
        Facts facts = new Facts(host)

        when:
        facts.read(CommonFacts.PCI_FUNCTIONS)
        facts.read(CommonFacts.TOOLS)
        facts.read(CommonFacts.PHYSFNS)
        facts.read(CommonFacts.PCI_FUNCTIONS)

        then:
        host.received.count { it == 'lspci -nnk -D' } == 1
    }

    def "#command is a #kind"() {
        when:
        CommandKind found = ReadCommands.of(command)

        then:
        found == kind

        where:
        command                                        || kind
        CommonFacts.TOOLS.command()                    || CommandKind.READ
        CommonFacts.NUMA_NODES.command()               || CommandKind.READ
        CommonFacts.PHYSFNS.command()                  || CommandKind.READ
        KvmFacts.IOMMU_MESSAGES.command()              || CommandKind.READ
        XcpngFacts.HIDDEN_CONFIGURED.command()         || CommandKind.READ
        KvmFacts.domainXml('win10').command()          || CommandKind.READ
        'for t in a; do rm -rf $t; done'               || CommandKind.WRITE
        'dmesg | grep -e x > /etc/passwd'              || CommandKind.WRITE
        'virsh -c qemu:///system define --file /dev/stdin' || CommandKind.WRITE
    }

    def "a command with standard input is a write, whatever the program"() {
        when:
        CommandKind found = ReadCommands.of('cat /etc/os-release', 'x')

        then:
        found == CommandKind.WRITE
    }

    def "#recipe on the #name demo host: no read is sent twice without a write or a reboot between"() {
        given:
        RunResult r = Engines.on(demo).apply(new RecipeLoader().load(Repo.file(recipe), recipe))

        expect:
        r.exitCode() == 0
        repeats(demo.received) == []

        where:
        name     | demo                                     | recipe
        'KVM'    | new DemoKvmHost(DemoKvmState.standard()) | 'recipes/kvm/vfio-gpu.groovy'
        'XCP-ng' | new DemoXcpngHost()                      | 'recipes/xcp-ng/nic-passthrough.groovy'
    }

    def "the recipe's facts, the preflight and the steps share one cache: a recipe that reads facts adds no command"() {
        given:
        FactCache cache = new FactCache()
        Facts facts = new Facts(host, cache)
        facts.read(CommonFacts.PCI_FUNCTIONS)
        int before = host.received.size()

        expect: 'a second reader on the same cache (the run after the recipe was loaded) reads nothing again'
        new Facts(host, cache).read(CommonFacts.PCI_FUNCTIONS) == facts.read(CommonFacts.PCI_FUNCTIONS)
        host.received.size() == before
    }

    /** Reads sent again with no write or reboot since their last sending (boot id reads around a reboot aside). */
    static List<String> repeats(List<String> received) {
        Set<String> since = [] as Set
        List<String> again = []
        received.each { String c ->
            if (c == Rebooter.REBOOT || ReadCommands.of(c) == CommandKind.WRITE) { since.clear(); return }
            if (!since.add(c)) again << c
        }
        again
    }
}
