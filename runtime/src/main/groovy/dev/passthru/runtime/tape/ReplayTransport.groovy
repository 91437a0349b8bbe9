package dev.passthru.runtime.tape

import dev.passthru.runtime.transport.CommandResult
import dev.passthru.runtime.transport.CommandTimeoutException
import dev.passthru.runtime.transport.ConnectionLostException
import dev.passthru.runtime.transport.Transport
import dev.passthru.runtime.transport.TransportException
import dev.passthru.runtime.facts.ReadCommands
import dev.passthru.runtime.shell.CommandKind
import groovy.transform.CompileStatic

/**
 * Answers commands from a tape instead of a host (read-sequential, as in Betamax): the tape is split
 * into boots at each reboot event; within the current boot, each repeated command gets its recorded
 * answers in order, and the last answer again once they run out (a read of unchanged state). A read is
 * answered from the state after the last write this run issued (its first unused answer recorded after
 * that write), so a run that skips a step still reads what the host showed at its point of the session.
 * {@link #reconnect} moves to the next boot (and fails when the tape has none). A command the tape does
 * not hold fails, naming the closest recorded commands. Everything issued is kept, in order, for specs to compare
 * with the tape.
 */
@CompileStatic
class ReplayTransport implements Transport {
    final Tape tape
    private final String name
    private final List<List<Interaction>> boots = [[]]
    private final Set<Interaction> used = Collections.newSetFromMap(new IdentityHashMap<Interaction, Boolean>())
    private int boot = 0
    /** Position, in the current boot, of the last write answered (reads are answered from after it). */
    private int lastWrite = -1
    /** Every command issued, in order, with boot boundaries as {@code event: reboot}. */
    final List<String> issued = []

    ReplayTransport(Tape tape, String name) {
        this.tape = tape
        this.name = name
        tape.interactions.each { Interaction i ->
            if (i.event) boots << new ArrayList<Interaction>() else boots.last() << i
        }
    }

    @Override
    String label() { "${tape.host} (tape ${name})" }

    @Override
    CommandResult run(String command) throws TransportException { run(command, null) }

    @Override
    CommandResult run(String command, String stdin) throws TransportException {
        issued << command
        List<Interaction> here = boots[boot].findAll { Interaction i -> i.command == command }
        if (here.isEmpty()) throw new TapeMissException(missMessage(command))
        here = here.findAll { Interaction i -> i.stdin == stdin }
        if (here.isEmpty()) {
            throw new TapeMissException("tape ${name} holds `${command}`" +
                    "${boots.size() > 1 ? " in boot ${boot + 1}" : ''}, but with other standard input than this run " +
                    "gives it (${stdin == null ? 'none' : "${stdin.readLines().size()} lines"})")
        }
        Interaction next = answer(here, ReadCommands.of(command, stdin) == CommandKind.WRITE)
        used << next
        if (next.error == Interaction.TIMED_OUT) {
            throw new CommandTimeoutException("`${command}` timed out (as recorded)")
        }
        if (next.error != null) {
            throw new ConnectionLostException("${next.error} (while running `${command}`, as recorded)")
        }
        next.toResult()
    }

    /**
     * Moves to the tape's next boot. A tape with no further boot never reconnected here (a recording notes every
     * reconnect), so this fails at once rather than answering with the same boot until the reboot timeout.
     */
    @Override
    void reconnect() throws TapeMissException {
        if (boot + 1 >= boots.size()) {
            throw new TapeMissException("tape ${name} has no boot after boot ${boot + 1} of ${boots.size()}: " +
                    'the recorded session did not reconnect here')
        }
        boot++
        lastWrite = -1
        issued << 'event: reboot'
    }

    /**
     * The recorded answer for this run's command among {@code here} (same command and input): a write takes the first
     * unused one and moves the session's point to it; a read takes the first unused one after that point, else the
     * last one after it (unchanged state read again), else the first unused or last one anywhere.
     */
    private Interaction answer(List<Interaction> here, boolean write) {
        List<Interaction> all = boots[boot]
        List<Interaction> after = write ? here : here.findAll { Interaction i -> indexIn(all, i) > lastWrite }
        Interaction next = after.find { Interaction i -> !used.contains(i) } ?: (after ? after.last() : null) ?:
                here.find { Interaction i -> !used.contains(i) } ?: here.last()
        if (write) lastWrite = Math.max(lastWrite, indexIn(all, next))
        next
    }

    private static int indexIn(List<Interaction> all, Interaction i) {
        for (int k = 0; k < all.size(); k++) if (all[k].is(i)) return k
        -1
    }

    /** Entries of the tape not answered yet (a spec expects none after a full run). */
    List<Interaction> unused() {
        boots.flatten().findAll { Object i -> !used.contains((Interaction) i) } as List<Interaction>
    }

    /** The tape's commands with the same boot markers as {@link #issued}, to compare against it. */
    List<String> expected() {
        tape.interactions.collect { Interaction i -> i.event ? 'event: reboot' : i.command }
    }

    private String missMessage(String command) {
        List<String> all = tape.commands().unique()
        List<String> closest = all.sort(false) { String c -> Levenshtein.distance(c, command) }.take(3)
        String where = boots.size() > 1 ? " in boot ${boot + 1} of ${boots.size()}" : ''
        "tape ${name} holds no answer for `${command}`${where}; closest recorded: " +
                (closest ? closest.collect { "`${it}`" }.join(', ') : '(the tape is empty)')
    }

    @Override
    void close() {}
}
