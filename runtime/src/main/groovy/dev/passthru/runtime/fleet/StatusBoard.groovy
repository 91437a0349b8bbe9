package dev.passthru.runtime.fleet

import groovy.transform.CompileStatic

/**
 * Live status of a fleet while it runs. On a terminal the board is redrawn in place and stays within it:
 * every line is cut to the width, only lines that changed are rewritten, and when the hosts outnumber the
 * rows it shows a compact view (a counter line and the running hosts, each keeping its row) instead of one
 * line per host. In a log (CI) a host's line is printed when it starts and when it finishes, never
 * interleaved mid-line. Failure text belongs in the final summary, not here.
 */
@CompileStatic
class StatusBoard {
    private static final String ESC = '\u001b['

    private final PrintStream out
    private final boolean live
    private final List<String> names
    private final TerminalSize size
    private final int nameWidth
    private final boolean compact
    /** Compact view: the rows for running hosts (a host keeps its row until it finishes), and hosts beyond them. */
    private final int capacity
    private final List<String> slots = []
    private final LinkedHashSet<String> overflow = []
    private final Map<String, String> text = [:]
    private final Map<String, String> outcome = [:]
    private int running = 0
    /** What the terminal shows now, one entry per row of the board. */
    private List<String> shown = null

    StatusBoard(PrintStream out, boolean live, List<String> names, TerminalSize size = TerminalSize.DEFAULT) {
        this.out = out
        this.live = live
        this.names = List.copyOf(names)
        this.size = size
        this.nameWidth = Math.min(24, (names*.length().max() ?: 4) as int)
        this.compact = names.size() > size.rows - 1
        this.capacity = Math.max(1, size.rows - 3)
        names.each { text[it] = 'waiting' }
    }

    /** True when the hosts outnumber the terminal's rows and the board shows the running ones only. */
    boolean isCompact() { compact }

    synchronized void started(String host) {
        running++
        if (compact) {
            int free = slots.indexOf(null)
            if (free >= 0) slots[free] = host
            else if (slots.size() < capacity) slots << host
            else overflow << host
        }
        update(host, 'connecting ...', true)
    }

    synchronized void step(String host, String status) { update(host, status, false) }

    /** {@code status} (ok, failed, ...) counts in the compact view's counter; {@code summary} is the host's line. */
    synchronized void finished(String host, String status, String summary) {
        running--
        outcome[host] = status
        if (compact) {
            int at = slots.indexOf(host)
            if (at >= 0) {
                slots[at] = overflow ? overflow.first() : null
                if (overflow) overflow.remove(slots[at])
            } else {
                overflow.remove(host)
            }
        }
        update(host, summary, true)
    }

    /** Takes the board off the terminal (the final table follows). */
    synchronized void close() {
        if (live && shown) {
            out.print("${ESC}${shown.size()}A\r${ESC}J")
            out.flush()
        }
        shown = null
    }

    private void update(String host, String status, boolean milestone) {
        text[host] = status
        if (live) draw()
        else if (milestone) {
            out.println("${host.padRight(nameWidth)}  ${status}")
            out.flush()
        }
    }

    private void draw() {
        List<String> next = compact ? compactView() : names.collect { line(it) }
        StringBuilder b = new StringBuilder()
        if (shown == null) {
            next.each { b << it << '\n' }
            shown = new ArrayList<String>(next)
        } else {
            int h = shown.size()
            for (int i = 0; i < h; i++) {
                String now = i < next.size() ? next[i] : ''
                if (now == shown[i]) continue
                int up = h - i
                b << "${ESC}${up}A\r${ESC}2K" << now << "${ESC}${up}B\r"
                shown[i] = now
            }
            for (int i = h; i < next.size(); i++) {
                b << next[i] << '\n'
                shown << next[i]
            }
        }
        if (b.length()) {
            out.print(b)
            out.flush()
        }
    }

    private List<String> compactView() {
        Map<String, Integer> by = outcome.values().countBy { it }.sort { -it.value } as Map<String, Integer>
        int done = outcome.size()
        String counts = by ? " (${by.collect { k, v -> "${v} ${k}" }.join(', ')})" : ''
        int waiting = names.size() - done - running
        String counter = "${names.size()} hosts: ${done} done${counts}, ${running} running, ${waiting} waiting"
        List<String> view = [cut(counter)]
        slots.each { String h -> view << (h ? line(h) : '') }
        if (overflow) view << cut("  ... and ${overflow.size()} more running")
        view
    }

    private String line(String host) { cut("${host.padRight(nameWidth)}  ${text[host]}") }

    /** At most width - 1 characters, so the cursor never wraps to the next row. */
    private String cut(String s) {
        int max = size.columns - 1
        s.length() <= max ? s : s.substring(0, max - 3) + '...'
    }
}
