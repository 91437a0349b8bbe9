package dev.passthru.runtime.fleet

import groovy.transform.CompileStatic

/**
 * One live status line per host while a fleet runs. On a terminal the lines are redrawn in place; in a
 * log (CI) a host's line is printed when it starts and when it finishes, never interleaved mid-line.
 */
@CompileStatic
class StatusBoard {
    private final PrintStream out
    private final boolean live
    private final List<String> names
    private final Map<String, String> lines = new LinkedHashMap<>()
    private final int width
    private boolean drawn = false

    StatusBoard(PrintStream out, boolean live, List<String> names) {
        this.out = out
        this.live = live
        this.names = names
        this.width = Math.min(24, (names*.length().max() ?: 4) as int)
        names.each { lines[it] = 'waiting' }
    }

    synchronized void started(String host) { set(host, 'connecting ...', true) }

    synchronized void step(String host, String text) { set(host, text, false) }

    synchronized void finished(String host, String text) { set(host, text, true) }

    private void set(String host, String text, boolean milestone) {
        lines[host] = text
        if (live) {
            if (drawn) out.print("\u001b[${names.size()}A")
            names.each { String n -> out.print("\r\u001b[2K${n.padRight(width)}  ${lines[n]}\n") }
            drawn = true
        } else if (milestone) {
            out.println("${host.padRight(width)}  ${text}")
        }
        out.flush()
    }
}
