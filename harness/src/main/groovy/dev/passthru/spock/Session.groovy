package dev.passthru.spock

import dev.passthru.dsl.Recipe as RecipeScript
import dev.passthru.runtime.cli.RunOptions
import dev.passthru.runtime.cli.Runner
import dev.passthru.runtime.engine.RunResult
import dev.passthru.runtime.facts.FactCache
import dev.passthru.runtime.facts.Facts
import dev.passthru.dsl.FlavourName
import dev.passthru.runtime.replay.ReplayVerdict
import dev.passthru.runtime.tape.Redactor
import dev.passthru.runtime.tape.RecordingTransport
import dev.passthru.runtime.tape.ReplayTransport
import dev.passthru.runtime.tape.Tape as TapeFile
import dev.passthru.runtime.tape.TapeReader
import dev.passthru.runtime.tape.TapeWriter
import dev.passthru.runtime.transport.Transport
import groovy.transform.CompileStatic

/**
 * One feature's host session: its tape replayed (never a connection) or its live host recorded. Every apply and every
 * host read of the feature goes through it, in order; {@link #finish} judges the tape strictly or writes the
 * recording.
 */
@CompileStatic
final class Session implements Closeable {
    private static final String MISS = 'ran a command the tape lacks'
    final FeatureSetup setup
    private final PrintStream out
    private final ReplayTransport replay
    private final RecordingTransport recording
    private final LiveHost liveHost
    private final Transport raw
    /** What every apply and read goes through. */
    final SessionLog log
    private final List<HostRun> runs = []
    private String flavour
    /** What the latest apply read, still honest (writes and reboots through the session made it forget). */
    private FactCache cache = new FactCache()
    /** The live recording has been written (once per session). */
    private boolean written

    private Session(FeatureSetup setup, PrintStream out, ReplayTransport replay, RecordingTransport recording,
            LiveHost live, Transport raw) {
        this.setup = setup
        this.out = out
        this.replay = replay
        this.recording = recording
        this.liveHost = live
        this.raw = raw
        Redactor redactor = new Redactor(setup.settings.secrets())
        this.log = replay ? new SessionLog(replay, redactor) : new SessionLog(recording, null)
    }

    /** The session {@code setup} asks for: its tape read, or its live host connected (and recorded). */
    static Session open(FeatureSetup setup, PrintStream out) {
        if (!setup.live) {
            if (!setup.tape.file) {
                throw new AssertionError("tape ${setup.tapeName} does not exist (${setup.tape.absolutePath}); " +
                        "record it with: ${setup.rerecord()}")
            }
            ReplayTransport t = new ReplayTransport(TapeReader.read(setup.tape), setup.tapeName)
            return new Session(setup, out, t, null, null, null)
        }
        LiveHost host = new LiveHost(setup.settings)
        Transport raw = host.open()
        RecordingTransport rec = new RecordingTransport(raw, new Redactor(setup.settings.secrets()))
        new Session(setup, out, null, rec, host, raw)
    }

    boolean isLive() { replay == null }

    /** The live transport itself, outside the recording (plans that must not reach the tape); null on a tape. */
    Transport getUnrecorded() { raw }

    /** Applies the recipe once more on this session. */
    HostRun apply() {
        cache = new FactCache()
        RecipeScript recipe = Runner.load(setup.recipe, log, null, [:], out, cache)
        Runner runner = new Runner(out, out, isLive(), null)
        runner.replay = !isLive()
        RunOptions options = isLive() ? liveHost.runOptions() : new RunOptions(hostNote: "replaying ${setup.tapeName}")
        options.facts = cache
        if (isLive()) {
            runner.lockVia = raw
            runner.rebootPollMillis = liveHost.rebootPollMillis()
        }
        int from = log.issued.size()
        RunResult result = runner.run(recipe, log, options)
        flavour = runner.lastFlavour ?: flavour
        HostRun run = new HostRun(result, this, log.issued.subList(from, log.issued.size()))
        runs << run
        run
    }

    /** The session's facts as the latest apply left them: host readers read through them, after the run. */
    Facts facts() { new Facts(log, cache) }

    /** The flavour the latest apply ran with (null when it never got that far). */
    FlavourName flavour() { flavour ? FlavourName.of(flavour) : null }

    /**
     * The verdict's lines on one run (misses with their step, line and re-record command; failed steps; preflight
     * errors), judged as ReplayVerdict judges a replay. Tape entries no run reached are judged once, for the whole
     * session, when the feature ends ({@link #finish}): a later applyAgain may still reach them.
     */
    List<String> problems(RunResult result) {
        ReplayTransport judged = replay ?: new ReplayTransport(new TapeFile(log.label(), '', '', []), 'live')
        ReplayVerdict.of(result, judged, setup.rerecord(), true).problems
    }

    /**
     * Ends the feature's session: on a tape, the lines that fail it (misses, with their step and re-record command;
     * entries never reached, unless allowed), empty when it passed; live, the tape written (whatever the feature did).
     */
    List<String> finish() {
        if (isLive()) {
            if (!written) write()
            written = true
            return []
        }
        List<String> lines = []
        runs.each { HostRun r ->
            ReplayVerdict v = ReplayVerdict.of(r.result, replay, setup.rerecord(), true)
            v.problems.each { String p ->
                if (p in v.misses) {
                    lines << p
                } else if (log.misses.any { String m -> p.contains(m) }) {
                    lines << "${p}; re-record with: ${setup.rerecord()}".toString()
                }
            }
        }
        log.misses.findAll { String m -> !lines.any { String l -> l.contains(m) } }.each { String m ->
            lines << "the session ${MISS}: ${m}; re-record with: ${setup.rerecord()}".toString()
        }
        if (!setup.allowUnused && runs && !runs[0].result.failed) {
            lines.addAll(ReplayVerdict.of(runs[0].result, replay, setup.rerecord(), false).noLongerRun)
        }
        lines
    }

    /** Writes the recording over the tape file (beside it first, then moved into place); nothing when empty. */
    private void write() {
        String source = liveHost.demo ?
                "recorded from the built-in demo host ${liveHost.tapeHost()} by passthru-spock " +
                "(${setup.specName})" : "recorded by passthru-spock (${setup.specName}) on a live host on " +
                java.time.LocalDate.now()
        TapeFile tape = recording.tape(liveHost.tapeHost(), flavour ?: 'unknown', source)
        if (tape.interactions.isEmpty()) return  // never reached the host: an empty tape would replay nothing
        setup.tape.absoluteFile.parentFile.mkdirs()
        File tmp = new File(setup.tape.absoluteFile.parentFile, ".${setup.tape.name}.tmp")
        tmp.setText(TapeWriter.write(tape), 'UTF-8')
        java.nio.file.Files.move(tmp.toPath(), setup.tape.absoluteFile.toPath(),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE)
        out.println("tape written: ${setup.tape} (${tape.interactions.size()} entries)")
    }

    @Override
    void close() { log.close() }
}
