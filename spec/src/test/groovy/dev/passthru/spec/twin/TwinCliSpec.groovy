package dev.passthru.spec.twin

import dev.passthru.runtime.cli.Main
import dev.passthru.runtime.twin.TwinFile
import dev.passthru.spec.Repo
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Path

/** A twin file wherever a host is taken: --host twin:FILE, --save-twin, inventories, and its mistakes. */
class TwinCliSpec extends Specification {
    static final String RECIPE = 'recipes/kvm/vfio-gpu.groovy'
    @TempDir Path tmp
    String out, err

    int cli(String... args) {
        ByteArrayOutputStream o = new ByteArrayOutputStream(), e = new ByteArrayOutputStream()
        int code = Main.run(args, new PrintStream(o, true, 'UTF-8'), new PrintStream(e, true, 'UTF-8'),
                [PASSTHRU_HOME: tmp.resolve('home').toString()], false)
        out = o.toString('UTF-8'); err = e.toString('UTF-8')
        code
    }

    /** The KVM demo's twin, renamed rack7, written to a file. */
    File rack7() {
        File f = tmp.resolve('rack7.yaml').toFile()
        f.text = TwinFile.resource('demo-kvm').replace('label: demo-kvm-debian-12', 'label: rack7')
        f
    }

    def "facts and check read the host a twin file describes"() {
        given:
        File twin = rack7()
        twin.text = twin.text.replace('kernel: "6.1.0-27-amd64"', 'kernel: "6.9.1-custom"')

        expect:
        cli('facts', '--host', "twin:${twin}") == 0
        out.contains('host     rack7\n')
        out.contains('(kernel 6.9.1-custom)')
        cli('check', Repo.file(RECIPE).path, '--host', "twin:${twin}") == 0
        out.contains('passthru check: vfio-gpu on rack7 (kvm')
    }

    def "plan on a twin changes nothing in it; apply --save-twin writes its state, and applying to that twin changes nothing"() {
        given:
        File twin = rack7()
        String before = twin.text
        File saved = tmp.resolve('after.yaml').toFile()
        File again = tmp.resolve('again.yaml').toFile()

        expect: 'plan shows the work and writes nothing'
        cli('plan', Repo.file(RECIPE).path, '--host', "twin:${twin}") == 0
        out.contains('Plan: 8 to change, 0 ok, 1 pending.')
        out.contains('host    rack7')
        twin.text == before

        and: 'apply does it (with the reboot) and saves the state it leaves'
        cli('apply', Repo.file(RECIPE).path, '--host', "twin:${twin}", '--save-twin', saved.path) == 0
        out.contains('Summary: 8 changed, 1 ok, 0 failed')
        twin.text == before
        saved.text.contains('  number: 2\n')
        saved.text.contains('vfio-pci.ids=10de:1c81,10de:0fb9"')

        and: 'a second passthru run on the saved twin finds everything done, and leaves the same state'
        cli('apply', Repo.file(RECIPE).path, '--host', "twin:${saved}", '--save-twin', again.path) == 0
        out.contains('Summary: 0 changed, 9 ok, 0 failed')
        again.text == saved.text
    }

    def "the built-in demo host's state is saved as a twin too"() {
        given:
        File saved = tmp.resolve('demo.yaml').toFile()

        expect:
        cli('apply', Repo.file(RECIPE).path, '--host', 'demo-kvm', '--save-twin', saved.path) == 0
        saved.text.startsWith(TwinFile.HEADER + 'twin: 1\nflavour: kvm\nlabel: demo-kvm-debian-12\n')
        saved.text != TwinFile.resource('demo-kvm')
    }

    def "#what is a usage error: one line, exit 64"() {
        given:
        File twin = rack7()
        twin.text = twin.text.replace('twin: 1', 'twin: 7')
        List<String> resolved = args.collect { String a -> a.replace('BROKEN', twin.path).replace('RECIPE', Repo.file(RECIPE).path) }

        expect:
        cli(resolved as String[]) == 64
        err.readLines().findAll { it.trim() } == [message.replace('BROKEN', twin.path)]

        where:
        what                       | args                                                                   || message
        'a broken twin file'       | ['plan', 'RECIPE', '--host', 'twin:BROKEN']                            || 'error: BROKEN:2: twin: 7: this passthru reads twin: 1'
        'a missing twin file'      | ['facts', '--host', 'twin:/nonexistent/t.yaml']                        || 'error: /nonexistent/t.yaml: no such twin file'
        'twin: without a file'     | ['facts', '--host', 'twin:']                                           || "error: twin:: give the twin file's path (twin:FILE)"
        '--save-twin on real host' | ['apply', 'RECIPE', '--host', 'root@192.0.2.1', '--save-twin', '/tmp/x.yaml'] || 'error: --save-twin /tmp/x.yaml: only a simulated host has a state to save (--host demo, demo-kvm, demo-hgx or twin:FILE)'
    }

    def "an inventory host with ansible_host=twin:FILE is that twin"() {
        given:
        File twin = rack7()
        File inv = tmp.resolve('rack.ini').toFile()
        inv.text = "[rack]\nr1 ansible_host=twin:${twin}\nr2 ansible_host=demo-kvm\n"

        expect:
        cli('plan', Repo.file(RECIPE).path, '--inventory', inv.path) == 0
        File logs = tmp.resolve('home/runs/fleet').toFile()
        List<File> hostLogs = logs.listFiles().collectMany { (it.listFiles() ?: []) as List<File> }
        hostLogs.find { it.name.startsWith('r1') }.text.contains('rack7')
        hostLogs.find { it.name.startsWith('r2') }.text.contains('demo-kvm-debian-12')
    }

    def "a relative twin:FILE in #format inventory is in the inventory's directory, not the working directory"() {
        given: 'the inventory and its twin in racks/, passthru run from elsewhere (this JVM\'s directory)'
        File racks = tmp.resolve('racks').toFile()
        new File(racks, 'twins').mkdirs()
        rack7().renameTo(new File(racks, 'twins/rack7.yaml'))
        File inv = new File(racks, name)
        inv.text = text
        assert !new File(System.getProperty('user.dir'), 'twins/rack7.yaml').exists()

        expect:
        cli('plan', Repo.file(RECIPE).path, '--inventory', inv.path) == 0
        out.contains("r1    twin:${new File(racks, 'twins/rack7.yaml').path}  would-change")
        out.contains('1 host: 1 would-change')
        File logs = tmp.resolve('home/runs/fleet').toFile()
        List<File> hostLogs = logs.listFiles().collectMany { (it.listFiles() ?: []) as List<File> }
        hostLogs.find { it.name.startsWith('r1') }.text.contains('host    rack7')

        where:
        format  | name        | text
        'an INI' | 'rack.ini'  | '[rack]\nr1 ansible_host=twin:twins/rack7.yaml\n'
        'a YAML' | 'rack.yaml' | 'rack:\n  hosts:\n    r1:\n      ansible_host: twin:twins/rack7.yaml\n'
    }
}
