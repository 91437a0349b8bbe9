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

    /** A run id that sorts by time: {@code 20261122-193012-123-nic-passthrough}. */
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

    static String newRunId(String recipeName) {
        LocalDateTime.now().format(DateTimeFormatter.ofPattern('yyyyMMdd-HHmmss-SSS')) + '-' + recipeName.replaceAll(/[^A-Za-z0-9._-]/, '_')
    }

    /** Every journal in {@code dir}, newest first, as read from disk. */
    static List<Map> all(File dir) {
        File[] files = dir.listFiles({ File d, String n -> n.endsWith('.json') && !n.startsWith('.') } as FilenameFilter)
        (files ?: new File[0]).sort { File f -> f.name }.reverse().collect { File f ->
            Map m = (Map) new JsonSlurper().parse(f, 'UTF-8')
            m.file = f.path
            m
        }
    }

    /**
     * The run {@code --resume} continues: the newest run of this recipe file. Refused, with the reason,
     * when there is none, when it finished, when it ran on another host, or when the recipe changed since.
     */
    static Map toResume(File dir, File recipe, String recipeSha256, String host) {
        String path = recipe.canonicalPath
        Map last = all(dir).find { Map m -> m.recipe == path }
        if (last == null) throw new IllegalStateException("no earlier run of ${recipe} is journaled in ${dir}: nothing to resume")
        if (last.host != host) {
            throw new IllegalStateException("the last run of ${recipe} (${last.run}) was on host ${last.host}, not ${host}; --resume continues a run on the same host only")
        }
        if (last.recipeSha256 != recipeSha256) {
            throw new IllegalStateException("${recipe} changed since run ${last.run}; resuming would mix two versions of the recipe (apply without --resume: every step checks first)")
        }
        if (last.outcome == 'ok') throw new IllegalStateException("run ${last.run} of ${recipe} on ${host} finished ok: nothing to resume")
        last
    }

    /** Step indexes the run verified (ok or changed), up to its first step that was not. */
    static List<Integer> verifiedPrefix(Map run) {
        List<Integer> out = []
        for (Object o : (List) run.steps) {
            Map s = (Map) o
            if (!(s.status in ['OK', 'CHANGED'])) break
            out << (Integer) s.index
        }
        out
    }
}
