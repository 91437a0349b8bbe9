package dev.passthru.runtime.tape

import groovy.transform.CompileStatic
import dev.passthru.runtime.text.Document
import dev.passthru.runtime.text.DocumentException

/** Reads a tape file; a malformed one is refused with the entry that is wrong. */
@CompileStatic
final class TapeReader {

    static Tape read(File file) {
        if (!file.isFile()) throw new TapeFormatException("${file}: no such tape file")
        parse(file.getText('UTF-8'), file.path)
    }

    static Tape parse(String yaml, String name) {
        Object doc
        try {
            doc = Document.yaml(yaml, name).root
        } catch (DocumentException e) {
            throw new TapeFormatException(e.message)
        }
        if (!(doc instanceof Map)) {
            throw new TapeFormatException("${name}: expected a mapping with tape, host, flavour, (recipe,) source, " +
                    'interactions')
        }
        Map m = (Map) doc
        if (m.tape != Tape.VERSION) {
            throw new TapeFormatException("${name}: tape format version ${m.tape} is not supported (this passthru " +
                    "reads version ${Tape.VERSION})")
        }
        List raw = (m.interactions ?: []) as List
        List<Interaction> list = []
        raw.eachWithIndex { Object o, int idx ->
            if (!(o instanceof Map)) throw new TapeFormatException("${name}: interaction ${idx + 1} is not a mapping")
            Map e = (Map) o
            if (e.event != null) {
                if (e.event != Interaction.REBOOT) {
                    throw new TapeFormatException("${name}: interaction ${idx + 1}: unknown event '${e.event}'")
                }
                list << Interaction.reboot()
            } else if (e.command == null) {
                throw new TapeFormatException("${name}: interaction ${idx + 1} has neither command nor event")
            } else if (e.error != null) {
                list << Interaction.failed(str(e.command), e.stdin == null ? null : str(e.stdin), str(e.error))
            } else {
                if (!(e.exit instanceof Integer)) {
                    throw new TapeFormatException("${name}: interaction ${idx + 1} (`${e.command}`) has no integer " +
                            "exit")
                }
                list << Interaction.command(str(e.command), (Integer) e.exit, str(e.stdout), str(e.stderr),
                        e.stdin == null ? null : str(e.stdin))
            }
        }
        new Tape(str(m.host), str(m.flavour), m.recipe == null ? null : str(m.recipe), str(m.source), list)
    }

    private static String str(Object o) { o == null ? '' : o.toString() }
}
