package dev.passthru.runtime.cli

import dev.passthru.runtime.tape.Redactor
import dev.passthru.runtime.transport.CommandResult
import dev.passthru.runtime.transport.Transport
import dev.passthru.runtime.transport.TransportException
import groovy.transform.CompileStatic

/**
 * Passes commands through and shows each as it runs ({@code -v}): the command, then its exit code and
 * time on the same line; at level 2 ({@code -vv}) also its output, stdout lines after {@code |} and
 * stderr lines after {@code !}. Everything shown is redacted as tapes are; standard input is only
 * summarised (it can carry file contents), never shown. It goes to its own stream (stderr), so a
 * command's --json output stays clean.
 */
@CompileStatic
class VerboseTransport implements Transport {
    private static final String INDENT = '    '
    private final Transport inner
    private final PrintStream to
    private final int level
    private final Redactor redactor

    VerboseTransport(Transport inner, PrintStream to, int level, Redactor redactor) {
        this.inner = inner
        this.to = to
        this.level = level
        this.redactor = redactor
    }

    @Override
    CommandResult run(String command) throws TransportException { run(command, null) }

    @Override
    CommandResult run(String command, String stdin) throws TransportException {
        to.print("${INDENT}\$ ${redactor.apply(command)}${stdin == null ? '' : " < ${stdinSummary(stdin)}"}")
        to.flush()
        long t0 = System.nanoTime()
        CommandResult r
        try {
            r = inner.run(command, stdin)
        } catch (TransportException e) {
            to.println(" -> no exit status: ${redactor.apply(e.message)} (${seconds(t0)})")
            throw e
        }
        to.println(" -> exit ${r.exit} (${seconds(t0)})")
        if (level >= 2) {
            lines(r.stdout, '|')
            lines(r.stderr, '!')
        }
        r
    }

    /** What standard input a command got, without its content: {@code (stdin: 3 lines, 120 bytes)}. */
    static String stdinSummary(String stdin) {
        int bytes = stdin.getBytes('UTF-8').length
        int count = stdin.readLines().size()
        "(stdin: ${count} line${count == 1 ? '' : 's'}, ${bytes} byte${bytes == 1 ? '' : 's'})"
    }

    private void lines(String text, String mark) {
        if (!text) return
        redactor.apply(text).readLines().each { String l ->
            to.println("${INDENT}  ${mark} ${l}".toString().stripTrailing())
        }
    }

    @Override
    void reconnect() throws TransportException {
        long t0 = System.nanoTime()
        try {
            inner.reconnect()
            to.println("${INDENT}(reconnected to ${inner.label()}, ${seconds(t0)})")
        } catch (TransportException e) {
            if (level >= 2) to.println("${INDENT}(reconnect to ${inner.label()} failed: ${redactor.apply(e.message)})")
            throw e
        }
    }

    @Override
    String label() { inner.label() }

    @Override
    void close() { inner.close() }

    private static String seconds(long t0) { String.format(Locale.ROOT, '%.2fs', (System.nanoTime() - t0) / 1.0e9d) }
}
