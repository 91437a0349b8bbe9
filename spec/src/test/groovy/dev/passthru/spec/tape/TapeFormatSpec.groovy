package dev.passthru.spec.tape

import dev.passthru.runtime.tape.Interaction
import dev.passthru.runtime.tape.Tape
import dev.passthru.runtime.tape.TapeFormatException
import dev.passthru.runtime.tape.TapeReader
import dev.passthru.runtime.tape.TapeWriter
import dev.passthru.spec.Repo
import spock.lang.Specification

class TapeFormatSpec extends Specification {

    static Tape tapeWith(String text) {
        new Tape('lab', 'xcpng', 'made by a spec', [Interaction.command('echo', 0, text, text), Interaction.reboot(), Interaction.failed('reboot', 'connection lost')])
    }

    def "output #text.inspect() survives write, read and write byte for byte"() {
        given:
        Tape t = tapeWith(text)

        when:
        String yaml = TapeWriter.write(t)
        Tape back = TapeReader.parse(yaml, 't.yaml')

        then:
        back == t
        back.interactions[0].stdout == text
        TapeWriter.write(back) == yaml

        where:
        text << ['', '\n', 'one line\n', 'no newline', 'two\n\n', 'three\n\n\n', 'a\nb\n', 'a\n\nb\n', ' leading space\n',
                 'trailing space \nnext\n', 'xen_changeset          : \n', '   \n', 'tab\tin\tit\n', 'cr\r\nlf\n', 'ünïcödé ✓\n',
                 '"quoted" and \'single\'\n', '# not a comment\n', '- not a list\n', 'key: value\n', '|\n', 'bell\u0007\n',
                 '\\backslash\\\n', 'x\n  indented\n', '...\n---\n']
    }

    def "every shipped tape reads back to exactly its own text"() {
        expect:
        tapes.size() >= 6
        tapes.every { File f -> TapeWriter.write(TapeReader.read(f)) == f.getText('UTF-8') }

        where:
        tapes = Repo.file('recipes/xcp-ng/tapes').listFiles().findAll { it.name.endsWith('.yaml') }
    }

    def "a malformed tape is refused naming what is wrong: #why"() {
        when:
        TapeReader.parse(yaml, 'bad.yaml')

        then:
        TapeFormatException e = thrown()
        e.message.startsWith('bad.yaml: ')
        e.message.contains(why)

        where:
        yaml                                                                   || why
        'tape: 2\ninteractions: []\n'                                          || 'version 2 is not supported'
        'tape: 1\ninteractions:\n  - command: "x"\n    stdout: ""\n'           || 'has no integer exit'
        'tape: 1\ninteractions:\n  - stdout: ""\n'                             || 'neither command nor event'
        'tape: 1\ninteractions:\n  - event: "power-cut"\n'                     || "unknown event 'power-cut'"
        '- just a list\n'                                                      || 'expected a mapping'
    }

    def "a tape names the recipe it was made for in a recipe: header after flavour:, and reads it back"() {
        given:
        Tape t = new Tape('lab', 'kvm', 'vfio-gpu', 'made by a spec', [Interaction.command('uname -r', 0, '6.1\n', '')])

        when:
        String yaml = TapeWriter.write(t)

        then:
        yaml.readLines()[0..3] == ['tape: 1', 'host: "lab"', 'flavour: "kvm"', 'recipe: "vfio-gpu"']
        TapeReader.parse(yaml, 't.yaml').recipe == 'vfio-gpu'
        TapeReader.parse(yaml, 't.yaml') == t
    }

    def "a tape written before the recipe: header reads with no recipe and is written back without one"() {
        given:
        String old = 'tape: 1\nhost: "lab"\nflavour: "xcpng"\nsource: "old"\ninteractions: []\n'

        when:
        Tape t = TapeReader.parse(old, 'old.yaml')

        then:
        t.recipe == null
        TapeWriter.write(t) == old
    }

    def "every shipped tape names the recipe beside it that it was recorded for: #tape.name"() {
        expect:
        TapeReader.read(tape).recipe + '.groovy' in tape.parentFile.parentFile.list()
        tape.name.startsWith(TapeReader.read(tape).recipe + '.')

        where:
        tape << ['recipes/xcp-ng/tapes', 'recipes/kvm/tapes'].collectMany { String d ->
            Repo.file(d).listFiles().findAll { it.name.endsWith('.yaml') }.sort { it.name }
        }
    }
}
