package dev.passthru.runtime.demo

import dev.passthru.dsl.PciAddress
import dev.passthru.runtime.shell.ShellWords
import dev.passthru.runtime.transport.CommandResult
import dev.passthru.runtime.transport.ConnectionLostException
import dev.passthru.runtime.transport.Transport
import groovy.transform.CompileStatic

import java.util.regex.Matcher

/**
 * What the built-in demo hosts share: a simulated host in this process that keeps its state for the life
 * of one passthru command. It reads each command as sh would split it (no shell expansion is simulated),
 * answers like the real tools, and reboots like a real host: {@code reboot} drops the connection, and the
 * next reconnect boots the host with a new boot id. A tool the host does not have answers like bash (exit 127,
 * "command not found"); a command it does not model is a {@link TwinCannotAnswerException}, never invented output.
 */
@CompileStatic
abstract class DemoHost implements Transport {
    /** Programs some hosts have and others lack: a host without one answers "command not found". */
    static final Set<String> HOST_TOOLS = ['xe', 'xl', 'virsh', 'update-grub', 'grubby', 'proxmox-boot-tool',
                                          'update-initramfs', 'dracut'] as Set

    private boolean goingDown = false
    /** The host lock's directory (HostLock.DIR, written here: the demo names no product class). */
    private static final String LOCK = '/var/lib/passthru/lock'
    /** /var/lib/passthru on the host (persistent: kept across reboots), where the host lock lives. */
    protected final Map<String, String> passthruFiles = new LinkedHashMap<>()

    /** /var/lib/passthru as it is now (a directory maps to null), for specs. */
    Map<String, String> passthruFilesView() { Collections.unmodifiableMap(passthruFiles) }
    /** Every command received, in order (specs check that plan sends no write). */
    final List<String> received = []

    /** Answers one command; {@code argv} is the command split into words. */
    protected abstract CommandResult answer(String command, List<String> argv, String stdin)

    /** Boots the host after a reboot: configured changes take effect, the boot id changes. */
    protected abstract void boot()

    @Override
    CommandResult run(String command) { run(command, null) }

    @Override
    CommandResult run(String command, String stdin) {
        received << command
        if (goingDown) throw new ConnectionLostException("connection to ${label()} closed (host is rebooting)")
        CommandResult probe = commandV(command)
        if (probe != null) return probe
        CommandResult special = answerLine(command)
        if (special != null) return special
        List<String> argv
        try {
            argv = ShellWords.split(command)
        } catch (IllegalArgumentException e) {
            // shell syntax (globs, pipes, expansions) it does not run as a whole line: not modelled
            return usage(command)
        }
        if (!argv) return ok(command, '')
        CommandResult lock = lockFiles(command, argv, stdin)
        if (lock != null) return lock
        if (argv == ['reboot']) {
            goingDown = true
            if (rebootAnswers()) return ok(command, '')
            throw new ConnectionLostException("connection to ${label()} closed by remote host")
        }
        answer(command, argv, stdin)
    }

    /**
     * mkdir, install, cat and rm of the host lock (/var/lib/passthru/lock), as coreutils answer; null for other
     * commands (the host's other files under /var/lib/passthru, such as the ATS record, are the demo's files).
     */
    private CommandResult lockFiles(String command, List<String> argv, String stdin) {
        String path = argv.last()
        if (argv == ['mkdir', '-p', '/var/lib/passthru']) return ok(command, '')
        if (!path.startsWith(LOCK)) return null
        if (argv.size() == 2 && argv[0] == 'mkdir') {
            if (passthruFiles.containsKey(path)) {
                return fail(command, 1, "mkdir: cannot create directory '${path}': File exists\n")
            }
            passthruFiles.put(path, (String) null)
            return ok(command, '')
        }
        String dir = path.substring(0, path.lastIndexOf('/'))
        if (argv.size() == 5 && argv[0] == 'install' && argv[3] == '/dev/stdin') {
            if (!passthruFiles.containsKey(dir)) {
                return fail(command, 1, "install: cannot create regular file '${path}': No such file or directory\n")
            }
            passthruFiles[path] = stdin ?: ''
            return ok(command, '')
        }
        if (argv.size() == 2 && argv[0] == 'cat') {
            String text = passthruFiles[path]
            return text == null ? fail(command, 1, "cat: ${path}: No such file or directory\n") : ok(command, text)
        }
        if (argv.size() == 3 && argv[0] == 'rm' && argv[1] == '-r') {
            if (!passthruFiles.containsKey(path)) {
                return fail(command, 1, "rm: cannot remove '${path}': No such file or directory\n")
            }
            passthruFiles.keySet().removeAll(passthruFiles.keySet().findAll { it == path || it.startsWith(path + '/') })
            return ok(command, '')
        }
        null
    }

    /**
     * {@code for t in A B ...; do command -v $t; done} as bash runs it: the path of each tool found, one a line
     * (POSIX command -v), and the loop's status is the last command's (0 found, 1 not); null for other lines.
     */
    private CommandResult commandV(String command) {
        Matcher m = command =~ '^for t in ([\\w -]+); do command -v \\$t; done$'
        if (!m.matches()) return null
        List<String> names = m.group(1).trim().split(/ +/) as List<String>
        String out = names.findAll { tools().containsKey(it) }.collect { "${tools()[it]}\n" }.join('')
        new CommandResult(command, tools().containsKey(names.last()) ? 0 : commandVMissing(), out, '')
    }

    /**
     * Whether {@code reboot} answers (exit 0) before the connection drops, as when the SSH server sends the status
     * before the host goes down; otherwise the connection drops under the command.
     */
    protected boolean rebootAnswers() { false }

    /** The status of {@code command -v} for a name the shell cannot find (bash: 1; busybox ash: 127). */
    protected int commandVMissing() { 1 }

    /** The tools this host has, by name, with the path `command -v` prints. */
    protected abstract Map<String, String> tools()

    /** A whole command line with shell syntax the host answers as one (a fixed pipeline); null for none. */
    protected CommandResult answerLine(String command) { null }

    /** Boots the host if it was going down; otherwise a new connection to the same boot. */
    @Override
    void reconnect() {
        if (goingDown) {
            boot()
            goingDown = false
        }
    }

    @Override
    void close() {}

    /** Each SR-IOV virtual function with its physfn link, as the sysfs loop prints them ("VF ../PF", readlink). */
    protected static String physfnLinks(Map<PciAddress, PciAddress> physfn) {
        physfn.collect { PciAddress vf, PciAddress pf -> "${DemoLspci.slot(vf)} ../${DemoLspci.slot(pf)}\n" }.join('')
    }

    protected static CommandResult ok(String command, String out) { new CommandResult(command, 0, out, '') }

    protected static CommandResult fail(String command, int exit, String err) {
        new CommandResult(command, exit, '', err)
    }

    /** A use of a program the simulator does not model: it fails the command instead of inventing output. */
    protected static CommandResult usage(String command) {
        throw new TwinCannotAnswerException(command)
    }

    protected static CommandResult notFound(String command, String program) {
        new CommandResult(command, 127, '', "bash: ${program}: command not found\n")
    }
}
