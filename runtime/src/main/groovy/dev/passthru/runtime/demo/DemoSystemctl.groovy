package dev.passthru.runtime.demo

import dev.passthru.runtime.shell.ShellWords
import dev.passthru.runtime.transport.CommandResult
import groovy.transform.CompileStatic

import java.util.regex.Matcher

/**
 * systemctl (systemd 252, Debian 12) on the KVM demo host, for oneshot units under /etc/systemd/system: daemon-reload,
 * enable and disable (the .wants link of the unit's WantedBy=), is-enabled, and restart, which runs the unit's
 * ExecStart= lines in order as systemd does (each one the host models: setpci, or sh -c 'echo N > nr_hugepages') and
 * fails the job when one fails. Enabled units run again at every boot.
 */
@CompileStatic
final class DemoSystemctl {
    static final String DIR = '/etc/systemd/system'
    private final DemoKvmState state

    DemoSystemctl(DemoKvmState state) { this.state = state }

    CommandResult run(String command, List<String> argv) {
        if (argv == ['systemctl', 'daemon-reload']) return ok(command, '', '')
        if (argv.size() != 3) throw new TwinCannotAnswerException(command)
        String unit = argv[2]
        String text = state.files["${DIR}/${unit}".toString()]
        switch (argv[1]) {
            case 'is-enabled':
                if (text == null) {
                    return new CommandResult(command, 1, '', "Failed to get unit file state for ${unit}: No such " +
                            'file or directory\n')
                }
                boolean on = state.prep.enabledUnits.contains(unit)
                return new CommandResult(command, on ? 0 : 1, on ? 'enabled\n' : 'disabled\n', '')
            case 'enable':
                if (text == null) return new CommandResult(command, 1, '', "Failed to enable unit: Unit file ${unit} " +
                        'does not exist.\n')
                if (!state.prep.enabledUnits.add(unit)) return ok(command, '', '')
                return ok(command, '', "Created symlink ${DIR}/${wantedBy(text)}.wants/${unit} → ${DIR}/${unit}.\n")
            case 'disable':
                if (!state.prep.enabledUnits.remove(unit)) return ok(command, '', '')
                return ok(command, '', "Removed \"${DIR}/${wantedBy(text)}.wants/${unit}\".\n")
            case 'restart':
                if (text == null) {
                    return new CommandResult(command, 5, '', "Failed to restart ${unit}: Unit ${unit} not found.\n")
                }
                return start(unit, text) ? ok(command, '', '') : new CommandResult(command, 1, '',
                        "Job for ${unit} failed because the control process exited with error code.\n" +
                        "See \"systemctl status ${unit}\" and \"journalctl -xeu ${unit}\" for details.\n")
            default: throw new TwinCannotAnswerException(command)
        }
    }

    /** Starts every enabled unit, as a boot does. */
    void startEnabled() {
        state.prep.enabledUnits.each { String unit ->
            String text = state.files["${DIR}/${unit}".toString()]
            if (text != null) start(unit, text)
        }
    }

    /** Runs the ExecStart= lines in order; false at the first that fails (systemd stops a oneshot there). */
    private boolean start(String unit, String text) {
        List<String> execs = text.readLines().findAll { it.startsWith('ExecStart=') }
                .collect { it.substring('ExecStart='.length()) }
        execs.every { String line -> exec(line) }
    }

    private boolean exec(String line) {
        List<String> argv = ShellWords.split(line)
        if (argv[0] == '/usr/bin/setpci') {
            return new DemoSetpci(state).run(line, ['setpci'] + argv.drop(1)).exit == 0
        }
        Matcher m = argv.size() == 3 && argv[0] == '/bin/sh' && argv[1] == '-c' ? argv[2] =~ /^echo (\d+) > (\S+)$/
                : null
        if (m != null && m.matches()) {
            DemoHugepageWrite w = new DemoHugepageWrite(state)
            if (!w.has(m.group(2))) return false
            w.write(m.group(2), m.group(1) as long)
            return true
        }
        throw new TwinCannotAnswerException(line)
    }

    private static String wantedBy(String text) {
        String line = text?.readLines()?.find { it.startsWith('WantedBy=') }
        line == null ? 'multi-user.target' : line.substring('WantedBy='.length()).trim()
    }

    private static CommandResult ok(String command, String out, String err) { new CommandResult(command, 0, out, err) }
}
