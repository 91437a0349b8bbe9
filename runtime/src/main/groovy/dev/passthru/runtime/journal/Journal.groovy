package dev.passthru.runtime.journal

import dev.passthru.dsl.Recipe
import dev.passthru.dsl.Step
import dev.passthru.runtime.engine.Listener
import dev.passthru.runtime.engine.RunResult
import dev.passthru.runtime.engine.StepResult
import dev.passthru.runtime.tape.Redactor
import groovy.json.JsonOutput
import groovy.transform.CompileStatic

import java.nio.file.Files
import java.nio.file.StandardCopyOption
import java.security.MessageDigest
import java.time.Instant

/**
 * The record of one apply: host, recipe and its hash, and for every step its status and the commands
 * it ran (with exit codes, never output). Rewritten whole and atomically after every change, so a
 * crash or a kill at any point leaves a readable record of what was done up to then.
 */
@CompileStatic
class Journal implements Listener {
    static final int VERSION = 1

    final File file
    private final Map<String, Object> data = new LinkedHashMap<>()
    private final List<Map<String, Object>> steps = []
    private final Redactor redactor
    private Map<String, Object> current

    private Journal(File file, Redactor redactor) {
        this.file = file
        this.redactor = redactor
    }

    /** Starts the journal of a new run, in {@code dir}, and writes it. */
    /** The run id this journal is named after. */
    String getRunId() { data.run as String }

    static Journal start(File dir, String runId, String host, Recipe recipe, String recipeText, String resumedFrom,
            Redactor redactor) {
        Journal j = new Journal(new File(dir, "${runId}.json"), redactor)
        j.data.journal = VERSION
        j.data.run = runId
        j.data.host = host
        j.data.recipe = new File(recipe.source).canonicalPath
        j.data.recipeName = recipe.name
        j.data.recipeSha256 = sha256(recipeText)
        j.data.resumedFrom = resumedFrom
        j.data.started = Instant.now().toString()
        j.data.outcome = 'running'
        j.data.steps = j.steps
        j.write()
        j
    }

    static String sha256(String text) {
        MessageDigest.getInstance('SHA-256').digest(text.getBytes('UTF-8')).encodeHex().toString()
    }

    @Override
    void stepStarted(int index, int total, Step step) {
        current = new LinkedHashMap<String, Object>()
        current.index = index
        current.step = redactor.apply(step.describe())
        current.line = step.location.line
        current.status = 'started'
        current.commands = []
        steps << current
        write()
    }

    /** A command the current step ran, with its exit code or what broke it. */
    void command(String command, Integer exit, String error) {
        if (current == null) return // preflight reads are not steps
        Map<String, Object> c = [command: redactor.apply(command)] as Map<String, Object>
        if (exit != null) c.exit = exit
        if (error != null) c.error = redactor.apply(error)
        (current.commands as List) << c
        write()
    }

    @Override
    void stepFinished(StepResult r, int total) {
        Map<String, Object> s = steps.find { it.index == r.index }
        if (s == null) {
            s = [index: r.index, step: redactor.apply(r.step.describe()), line: r.step.location.line,
                    commands: []] as Map<String, Object>
            steps << s
        }
        s.status = r.status.name()
        if (r.message) s.message = redactor.apply(r.message)
        if (r.diff) s.diff = r.diff.collect { redactor.apply(it) }
        s.millis = r.millis
        current = null
        write()
    }

    /** Ends the journal with the run's outcome. */
    void finish(RunResult r) {
        data.finished = Instant.now().toString()
        data.outcome = r.interrupted ? 'interrupted' : r.problems ? 'preflight-failed' : r.failed ? 'failed' : 'ok'
        if (r.interrupted) data.interruptedBy = "SIG${r.interrupted}".toString()
        if (r.problems) data.problems = r.problems.collect { redactor.apply(it.toString()) }
        if (r.rebootStillNeeded) data.rebootStillNeeded = r.rebootStillNeeded
        if (r.vmRestartsNeeded) data.vmRestartsNeeded = r.vmRestartsNeeded
        write()
    }

    private void write() {
        file.parentFile.mkdirs()
        File tmp = new File(file.parentFile, ".${file.name}.tmp")
        tmp.setText(JsonOutput.prettyPrint(JsonOutput.toJson(data)) + '\n', 'UTF-8')
        Files.move(tmp.toPath(), file.toPath(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING)
    }
}
