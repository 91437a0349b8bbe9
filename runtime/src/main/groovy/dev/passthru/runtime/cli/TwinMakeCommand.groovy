package dev.passthru.runtime.cli

import dev.passthru.dsl.FlavourName
import dev.passthru.runtime.detect.Detection
import dev.passthru.runtime.detect.FlavourDetection
import dev.passthru.runtime.engine.Rebooter
import dev.passthru.runtime.engine.StepFailedException
import dev.passthru.runtime.facts.Facts
import dev.passthru.runtime.tape.Tape
import dev.passthru.runtime.tape.TapeFormatException
import dev.passthru.runtime.tape.TapeReader
import dev.passthru.runtime.transport.Transport
import dev.passthru.runtime.transport.TransportException
import dev.passthru.runtime.twinmake.KvmTwinMaker
import dev.passthru.runtime.twinmake.RecordedHost
import dev.passthru.runtime.twin.TwinException
import dev.passthru.runtime.twinmake.TwinMade
import dev.passthru.runtime.twinmake.TwinReads
import dev.passthru.runtime.twinmake.XcpngTwinMaker
import groovy.transform.CompileStatic
import picocli.CommandLine.Command
import picocli.CommandLine.Model.CommandSpec
import picocli.CommandLine.Mixin
import picocli.CommandLine.Option
import picocli.CommandLine.ParentCommand
import picocli.CommandLine.Spec

import java.util.concurrent.Callable

/**
 * Makes a twin file from a real host (read-only commands, the facts `passthru facts` reads and the files and
 * configuration a simulator needs) or from a recording (the host as the tape found it); says what it could not derive.
 */
@CompileStatic
@Command(name = 'make', mixinStandardHelpOptions = true, description = 'Make a twin file from a host (--host, read ' +
        'only) or from a tape (--tape: the host as the recording found it). What cannot be derived is listed in the ' +
        'file and on stderr.')
class TwinMakeCommand implements Callable<Integer> {
    @ParentCommand
    TwinCommand twin

    @Spec
    CommandSpec spec

    @Mixin
    HostOptions host = new HostOptions()

    @Option(names = '--tape', paramLabel = 'TAPE', description = 'Make the twin from this recording instead of a host.')
    File tape

    @Option(names = ['-o', '--output'], required = true, paramLabel = 'FILE', description = 'The twin file to write.')
    File output

    @Option(names = '--label', paramLabel = 'NAME', description = 'The twin\'s name in passthru\'s output (default: ' +
            'the host\'s or the tape\'s).')
    String label

    @Option(names = '--flavour', paramLabel = 'xcpng|kvm', description = 'The kind of host, instead of detecting it.')
    String flavour

    Integer call() {
        Main main = twin.main
        FlavourName wanted = Hosts.flavour(flavour)
        boolean hostGiven = spec.commandLine().parseResult.hasMatchedOption('--host')
        if ((tape != null) == hostGiven) throw new UsageError('twin make: give --host or --tape (one of them)')
        Transport source
        String from
        if (tape != null) {
            Tape t = readTape()
            source = new RecordedHost(t, tape.path)
            // the header is one comment line: a tape's source may have several, its first says what was recorded
            from = "tape ${tape.path} (${t.source?.readLines()?.find() ?: 'no source line'})"
            if (wanted == null && t.flavour) wanted = Hosts.flavour(t.flavour)
        } else {
            source = Hosts.open(host, main.env, main.err)
            from = "host ${source.label()} (read-only commands)"
        }
        try {
            Detection d = new FlavourDetection(new Facts(source), wanted, { long ms -> } as Rebooter.Pause).detect(null)
            if (!d.decided) { main.err.println("error: ${source.label()}: ${d.reason}"); return 2 }
            TwinReads reads = new TwinReads(source)
            String name = label ?: (tape != null ? tape.name.replaceAll(/\.ya?ml$/, '') : source.label())
            TwinMade made = d.flavour.name() == FlavourName.KVM.word ? KvmTwinMaker.make(reads, name, from)
                    : XcpngTwinMaker.make(reads, name, from)
            Writable.file(output, '-o')
            output.setText(made.text(), 'UTF-8')
            main.err.println("wrote ${output.path}: twin of ${source.label()} (${d.flavour.name()})")
            made.notDerived.each { String n -> main.err.println("not derived: ${n}") }
            0
        } catch (TransportException | StepFailedException e) {
            // a source that cannot be reached, or output passthru's readers refuse (named with its line)
            main.err.println("error: ${source.label()}: ${e.message}")
            2
        } catch (TwinException e) {
            main.err.println("error: ${e.message}")
            2
        } finally {
            source.close()
        }
    }

    private Tape readTape() {
        if (!tape.isFile()) throw new UsageError("--tape ${tape}: no such file")
        try {
            TapeReader.read(tape)
        } catch (TapeFormatException e) {
            throw new UsageError(e.message)
        }
    }
}
