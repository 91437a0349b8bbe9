package dev.passthru.runtime.tape

import groovy.transform.CompileStatic
import groovy.transform.EqualsAndHashCode

/** A recorded host session: a label for the host, its flavour, where the recording came from, and the entries. */
@CompileStatic
@EqualsAndHashCode
final class Tape {
    static final int VERSION = 1

    final String host
    final String flavour
    final String source
    final List<Interaction> interactions

    Tape(String host, String flavour, String source, List<Interaction> interactions) {
        this.host = host
        this.flavour = flavour
        this.source = source
        this.interactions = List.copyOf(interactions)
    }

    /** The commands in recorded order, without events. */
    List<String> commands() { interactions.findAll { !it.event }*.command }
}
