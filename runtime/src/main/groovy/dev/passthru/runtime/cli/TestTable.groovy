package dev.passthru.runtime.cli

import dev.passthru.runtime.replay.PairResult
import groovy.transform.CompileStatic

/** What `passthru test` prints: a table of recipe x tape, then each failure's lines, each skip's reason, a total. */
@CompileStatic
final class TestTable {
    private static final List<String> HEADER = ['RECIPE', 'TAPE', 'RESULT', 'STEPS', 'COMMANDS', 'TIME']
    private final List<PairResult> results

    TestTable(List<PairResult> results) { this.results = results }

    /** Prints the table and the details to {@code out}. */
    void print(PrintStream out) {
        List<List<String>> rows = [HEADER] + results.collect { PairResult p ->
            [p.recipe.path, p.tape.name, p.outcome + (p.idempotenceChecked && !p.failed ? ' (idempotent)' : ''),
             p.skipped ? '-' : "${p.steps}".toString(), p.skipped ? '-' : "${p.commands}".toString(),
             p.skipped ? '-' : String.format(Locale.ROOT, '%.2fs', p.millis / 1000.0d)]
        }
        List<Integer> widths = (0..<HEADER.size()).collect { int c -> rows.collect { it[c].length() }.max() }
        rows.each { List<String> row ->
            out.println(row.withIndex().collect { String v, int c ->
                c == row.size() - 1 ? v : v.padRight(widths[c])
            }.join('  ').stripTrailing())
        }
        results.findAll { PairResult p -> p.failed || p.skipped }.each { PairResult p ->
            out.println()
            out.println("${p.failed ? 'FAIL' : 'skipped'}: ${p.recipe.path} with ${p.tape.path}")
            p.lines.each { String l -> out.println("  ${l}") }
        }
        int failed = results.count { PairResult p -> p.failed } as int
        int skipped = results.count { PairResult p -> p.skipped } as int
        out.println()
        out.println("${results.size() - failed - skipped} passed, ${failed} failed" +
                (skipped ? ", ${skipped} skipped" : '') + " (${results.size()} recipe x tape pairs)")
    }
}
