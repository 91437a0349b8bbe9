package dev.passthru.runtime.cli

import dev.passthru.dsl.Recipe
import dev.passthru.runtime.journal.Journal
import dev.passthru.runtime.journal.Journals
import dev.passthru.runtime.journal.ResumePoint
import dev.passthru.runtime.tape.Redactor
import dev.passthru.runtime.transport.Transport
import dev.passthru.runtime.facts.FactCache
import groovy.transform.CompileStatic

/** The runs of one apply on one host: the recipe (--repeat times), then each --then recipe, each with its journal. */
@CompileStatic
class ApplySession {
    private final Main main
    private final Runner runner
    private final HostOptions host
    private final Transport transport
    private final File journalDir
    private final Redactor redactor
    /** What loading the first recipe read; its first run goes on from there. */
    private FactCache loaded

    ApplySession(Main main, Runner runner, HostOptions host, Transport transport, File journalDir, Redactor redactor,
            FactCache loaded) {
        this.loaded = loaded
        this.main = main
        this.runner = runner
        this.host = host
        this.transport = transport
        this.journalDir = journalDir
        this.redactor = redactor
    }

    /** Runs them in order, stopping at the first that does not end ok; returns its exit code. */
    int run(Recipe recipe, String recipeText, int repeat, ResumePoint from, List<Recipe> next, List<File> nextFiles) {
        int exit = 0
        Map<Integer, String> verified = [:]
        from?.verified()?.each { Integer i -> verified[i] = from.run.run as String }
        for (int i = 0; i < repeat && exit == 0; i++) {
            if (i > 0) main.out.println('\n--- applying again (a second run must change nothing) ---\n')
            exit = once(recipe, recipeText, i == 0 ? (String) from?.run?.run : null,
                    i == 0 ? verified : [:] as Map<Integer, String>)
        }
        for (int k = 0; k < next.size() && exit == 0; k++) {
            main.out.println("\n--- then ${nextFiles[k]} ---\n")
            exit = once(next[k], nextFiles[k].getText('UTF-8'), null, [:] as Map<Integer, String>)
        }
        exit
    }

    private int once(Recipe recipe, String text, String resumedFrom, Map<Integer, String> verified) {
        Journal journal = Journal.start(journalDir, Journals.newRunId(recipe.name), transport.label(), recipe, text,
                resumedFrom, redactor)
        RunOptions options = host.runOptions()
        options.journal = journal
        options.verifiedIn = verified
        if (loaded != null) {
            options.facts = loaded
            loaded = null
        }
        runner.run(recipe, transport, options).exitCode()
    }
}
