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
import dev.passthru.runtime.cli.UsageError
import dev.passthru.runtime.demo.DemoHost
import dev.passthru.runtime.twin.TwinFile
import groovy.transform.CompileStatic

import java.nio.file.Files
import java.nio.file.StandardCopyOption

/**
 * One feature's host session: its tape replayed (never a connection), its live host recorded, or its twin (a fresh
 * simulated host, nothing recorded). Every apply and every host read of the feature goes through it, in order;
 * {@link #finish} judges the tape strictly, writes the recording, or saves the twin where asked.
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
        this.log = replay ? new SessionLog(replay, redactor) : new SessionLog(recording ?: raw, null)
    }

    /**
     * The session {@code setup} asks for: its twin loaded afresh, its tape read, or its live host connected (and
     * recorded). A missing or broken twin file is an AssertionError naming the file and line.
     */
    static Session open(FeatureSetup setup, PrintStream out) {
        if (setup.twin) {
            LiveHost twin = LiveHost.simulated(setup.twin.host())
            try {
                return new Session(setup, out, null, null, twin, twin.open())
            } catch (UsageError e) {
                throw new AssertionError(e.message)
            }
        }
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

    /** The session runs on a live host and records it. */
    boolean isLive() { recording != null }

    /** The live transport itself, outside the recording (plans that must not reach the tape); null on a tape. */
    Transport getUnrecorded() { raw }

    /** Applies the recipe once more on this session. */
    HostRun apply() {
        cache = new FactCache()
        RecipeScript recipe = Runner.load(setup.recipe, log, null, [:], out, cache)
        Runner runner = new Runner(out, out, isLive(), null)
        runner.replay = replay != null
        RunOptions options = liveHost ? liveHost.runOptions() : new RunOptions(hostNote: "replaying ${setup.tapeName}")
        options.facts = cache
        if (liveHost) runner.rebootPollMillis = liveHost.rebootPollMillis()
        if (isLive()) runner.lockVia = raw
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
     * entries never reached, unless allowed), empty when it passed; live, the tape written (whatever the feature did);
     * on a twin, its state saved where the feature asks.
     */
    List<String> finish() {
        if (setup.twin) {
            if (setup.twin.saveTo) saveTwin(setup.twin.saveTo)
            return []
        }
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
        replace(setup.tape, TapeWriter.write(tape))
        out.println("tape written: ${setup.tape} (${tape.interactions.size()} entries)")
    }

    /** Writes the twin's state as a twin file. */
    private void saveTwin(File to) {
        replace(to, TwinFile.write((DemoHost) raw))
        out.println("twin written: ${to}")
    }

    /** Writes {@code text} over {@code to}: beside it first, then moved into place (its directory made if need be). */
    private static void replace(File to, String text) {
        File dir = to.absoluteFile.parentFile
        dir.mkdirs()
        File tmp = new File(dir, ".${to.name}.tmp")
        tmp.setText(text, 'UTF-8')
        Files.move(tmp.toPath(), to.absoluteFile.toPath(), StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE)
    }

    @Override
    void close() { log.close() }
}
