package dev.passthru.runtime.cli

import dev.passthru.runtime.journal.JournalEntry
import dev.passthru.runtime.journal.Journals
import groovy.transform.CompileStatic
import picocli.CommandLine.Command
import picocli.CommandLine.Option
import picocli.CommandLine.ParentCommand

import java.time.Duration
import java.time.Instant
import java.util.concurrent.Callable

/** journals: the run journals on this machine, newest first; --prune removes finished ones older than some days. */
@CompileStatic
@Command(name = 'journals', mixinStandardHelpOptions = true,
        description = 'List the run journals (~/.passthru/runs), newest first; ' +
                '--prune DAYS removes finished runs older than DAYS days.')
class JournalsCommand implements Callable<Integer>, Validated {
    @ParentCommand
    Main main

    @Option(names = '--journal-dir', paramLabel = 'DIR',
            description = 'The journal directory (default ~/.passthru/runs, or $PASSTHRU_HOME/runs).')
    File journalDir

    @Option(names = '--prune', paramLabel = 'DAYS',
            description = 'Remove journals of finished runs that started more than DAYS days ago ' +
                    '(runs still marked running are kept: they may hold a host lock).')
    Integer prune

    void validate() {
        if (prune != null && prune < 0) throw new UsageError("--prune ${prune}: give a number of days, 0 or more")
    }

    Integer call() {
        File dir = journalDir ?: Journals.defaultDir(main.env)
        List<JournalEntry> entries = Journals.entries(dir)
        if (prune != null) return pruneOlder(dir, entries, Instant.now().minus(Duration.ofDays(prune)))
        if (!entries) {
            main.out.println("no journals in ${dir}")
            return 0
        }
        String fmt = '%-40s  %-20s  %-24s  %-16s  %s%n'
        main.out.printf(fmt, 'run', 'started', 'host', 'outcome', 'recipe')
        entries.each { JournalEntry e ->
            main.out.printf(fmt, e.run, e.started?.take(19) ?: '-', e.host, e.outcome + e.stepsText(), e.recipe)
        }
        main.out.println("\n${entries.size()} journal${entries.size() == 1 ? '' : 's'} in ${dir}")
        0
    }

    private int pruneOlder(File dir, List<JournalEntry> entries, Instant before) {
        List<JournalEntry> old = entries.findAll { JournalEntry e ->
            e.finished && e.startedAt != null && e.startedAt.isBefore(before)
        }
        old.each { JournalEntry e -> if (!e.file.delete()) throw new UsageError("--prune: cannot remove ${e.file}") }
        int kept = entries.size() - old.size()
        main.out.println("removed ${old.size()} journal${old.size() == 1 ? '' : 's'} older than ${prune} " +
                "day${prune == 1 ? '' : 's'} from ${dir}; ${kept} kept")
        0
    }
}
