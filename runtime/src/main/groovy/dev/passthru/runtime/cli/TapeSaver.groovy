package dev.passthru.runtime.cli

import dev.passthru.runtime.replay.TapeConvention
import dev.passthru.runtime.tape.RecordingTransport
import dev.passthru.runtime.tape.Tape
import dev.passthru.runtime.tape.TapeWriter
import groovy.transform.CompileStatic

import java.nio.file.Files
import java.nio.file.StandardCopyOption

/**
 * Writes the tape of an apply --record. A recording of a real host cannot be made again, so it is never lost:
 * written beside its target and renamed into place; if that fails, kept in the journal directory, and the
 * console says where.
 */
@CompileStatic
class TapeSaver {
    private final Main main
    private final HostOptions host
    private final File recipeFile
    private final File target
    private final File journalDir

    TapeSaver(Main main, HostOptions host, File recipeFile, File target, File journalDir) {
        this.main = main
        this.host = host
        this.recipeFile = recipeFile
        this.target = target
        this.journalDir = journalDir
    }

    /** Saves what {@code rec} recorded; {@code flavour} is the run's (null when it never got that far). */
    void save(RecordingTransport rec, String flavour) {
        String source = host.demo
                ? "recorded from the built-in demo host ${Hosts.label(host)} " +
                        '(a simulator; its output formats are documented in its classes)'
                : "recorded by passthru apply ${recipeFile.name} on a live host on ${java.time.LocalDate.now()}"
        Tape tape = rec.tape(host.demo ? Hosts.label(host) : 'live-host', flavour ?: 'unknown',
                TapeConvention.recipeName(recipeFile), source)
        String text = TapeWriter.write(tape)
        try {
            write(target, text)
            main.out.println("tape written: ${target} (${tape.interactions.size()} entries)")
        } catch (IOException e) {
            File kept = new File(journalDir, "tape-${System.currentTimeMillis()}-${target.name}")
            write(kept, text)
            main.err.println("error: --record ${target}: could not write it (${e.message}); " +
                    "the tape is kept in ${kept}")
        }
    }

    private static void write(File f, String text) {
        File dir = f.absoluteFile.parentFile
        dir.mkdirs()
        File tmp = new File(dir, ".${f.name}.tmp")
        tmp.setText(text, 'UTF-8')
        Files.move(tmp.toPath(), f.absoluteFile.toPath(),
                StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING)
    }
}
