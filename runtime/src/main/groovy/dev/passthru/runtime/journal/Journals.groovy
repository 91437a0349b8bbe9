package dev.passthru.runtime.journal

import groovy.json.JsonSlurper
import groovy.transform.CompileStatic

import java.time.LocalDateTime
import java.time.format.DateTimeFormatter

/** The journal directory: names new runs and finds the run to resume. */
@CompileStatic
final class Journals {
    private Journals() {}

    /** ~/.passthru/runs, or $PASSTHRU_HOME/runs. */
    static File defaultDir(Map<String, String> env) {
        new File(env.PASSTHRU_HOME ?: new File(System.getProperty('user.home'), '.passthru').path, 'runs')
    }

    /** True when this machine's journal of run {@code runId} says the run has ended (whatever its outcome). */
    static boolean finished(File dir, String runId) {
        File f = new File(dir, "${runId}.json")
        if (!f.isFile() || runId.contains('/')) return false
        try {
            ((Map) new JsonSlurper().parse(f, 'UTF-8')).finished != null
        } catch (Exception e) {
            false
        }
    }

    /** A run id that sorts by time: {@code 20261122-193012-123-nic-passthrough}. */
    static String newRunId(String recipeName) {
        LocalDateTime.now().format(DateTimeFormatter.ofPattern('yyyyMMdd-HHmmss-SSS')) + '-' +
                recipeName.replaceAll(/[^A-Za-z0-9._-]/, '_')
    }

    /** Every journal in {@code dir}, newest first, for listing; a file that is not a journal is listed unreadable. */
    static List<JournalEntry> entries(File dir) {
        files(dir).collect { File f -> new JournalEntry(f, read(f) ?: [outcome: 'unreadable']) }
    }

    /** Every journal in {@code dir}, newest first, as read from disk (a torn or foreign file is left out). */
    static List<Map> all(File dir) {
        List<Map> out = []
        files(dir).each { File f ->
            Map m = read(f)
            if (m != null) {
                m.file = f.path
                out << m
            }
        }
        out
    }

    /** The journal files in {@code dir} ({@code *.json}, not hidden), newest first (run ids sort by time). */
    private static List<File> files(File dir) {
        File[] found = dir.listFiles(
                { File d, String n -> n.endsWith('.json') && !n.startsWith('.') } as FilenameFilter)
        (found ?: new File[0]).toList().sort { File f -> f.name }.reverse()
    }

    /** A journal file's content; null when it is not JSON or not a JSON object. */
    private static Map read(File f) {
        try {
            Object data = new JsonSlurper().parse(f, 'UTF-8')
            data instanceof Map ? (Map) data : null
        } catch (groovy.json.JsonException ignored) {
            null
        }
    }

    /**
     * The run {@code --resume} continues: the newest run of this recipe file on this host. Nothing to resume
     * when this host has no run of it or its newest finished ok; refused (IllegalStateException) when the
     * recipe changed since that run.
     */
    static ResumePoint toResume(File dir, File recipe, String recipeSha256, String host) {
        String path = recipe.canonicalPath
        List<Map> runs = dir.isDirectory() ? all(dir).findAll { Map m -> m.recipe == path } : []
        Map last = runs.find { Map m -> m.host == host }
        if (last == null) {
            Map elsewhere = runs ? runs.first() : null
            return ResumePoint.none("no earlier run of ${recipe} on ${host} is journaled in ${dir}" +
                    (elsewhere ? " (its newest run, ${elsewhere.run}, was on ${elsewhere.host})" : ''))
        }
        if (last.outcome == 'ok') return ResumePoint.none("run ${last.run} of ${recipe} on ${host} finished ok")
        if (last.recipeSha256 != recipeSha256) {
            throw new IllegalStateException("${recipe} changed since run ${last.run}; " +
                    'resuming would mix two versions of the recipe (apply without --resume: every step checks first)')
        }
        ResumePoint.of(last)
    }
}
