package dev.passthru.runtime.hostprep

import dev.passthru.runtime.engine.OutputFormatException
import groovy.transform.CompileStatic

/**
 * A systemd oneshot unit passthru installs so a setting the kernel forgets at every boot (huge pages per node, ACS
 * control) is made again: one {@code ExecStart=} per {@link UnitLine}, each after a {@code # passthru: KEY} comment
 * that names it (and {@code was=VALUE}, what to give back on undo). Pure: text in, text out.
 */
@CompileStatic
final class BootUnit {
    static final String DIR = '/etc/systemd/system'
    private static final String MARK = '# passthru: '

    /** The unit's file name, e.g. {@code passthru-hugepages.service}. */
    final String name
    final String description
    /** The commands, in key order. */
    final List<UnitLine> lines

    BootUnit(String name, String description, Collection<UnitLine> lines) {
        this.name = name
        this.description = description
        this.lines = List.copyOf(lines.sort(false) { UnitLine l -> l.key })
    }

    String path() { "${DIR}/${name}".toString() }

    /** The line with {@code key}, or null. */
    UnitLine line(String key) { lines.find { it.key == key } }

    /** This unit with {@code line} instead of the one with its key. */
    BootUnit with(UnitLine line) { new BootUnit(name, description, lines.findAll { it.key != line.key } + [line]) }

    /** This unit without the line with {@code key}. */
    BootUnit without(String key) { new BootUnit(name, description, lines.findAll { it.key != key }) }

    /**
     * The unit file: early in the boot (before sysinit.target and libvirtd, once local file systems are mounted),
     * oneshot, enabled from sysinit.target.
     */
    String text() {
        StringBuilder b = new StringBuilder()
        b << "# Written by passthru: ${description}, at every boot. passthru changes and removes it; do not edit.\n"
        b << '[Unit]\n'
        b << "Description=passthru: ${description}\n"
        b << 'DefaultDependencies=no\n'
        b << 'After=local-fs.target\n'
        b << 'Before=sysinit.target libvirtd.service\n'
        b << '\n[Service]\n'
        b << 'Type=oneshot\n'
        b << 'RemainAfterExit=yes\n'
        lines.each { UnitLine l ->
            b << MARK << l.key << (l.was == null ? '' : " was=${l.was}") << '\n'
            b << 'ExecStart=' << l.exec << '\n'
        }
        b << '\n[Install]\n'
        b << 'WantedBy=sysinit.target\n'
        b.toString()
    }

    /** The unit {@code text} holds (null text: none); lines without passthru's mark are not passthru's. */
    static BootUnit parse(String name, String description, String text) {
        if (text == null) return null
        List<UnitLine> lines = []
        List<String> rows = text.readLines()
        rows.eachWithIndex { String row, int i ->
            if (!row.startsWith(MARK)) return
            String[] words = row.substring(MARK.length()).trim().split(' ')
            String next = i + 1 < rows.size() ? rows[i + 1] : ''
            if (!next.startsWith('ExecStart=')) {
                throw new OutputFormatException("${DIR}/${name}: '${row}' is not followed by ExecStart= (edited by " +
                        'hand? remove the file and run again)')
            }
            String was = words.length > 1 && words[1].startsWith('was=') ? words[1].substring(4) : null
            lines << new UnitLine(words[0], next.substring('ExecStart='.length()), was)
        }
        new BootUnit(name, description, lines)
    }
}
