package dev.passthru.runtime.tape

import groovy.transform.CompileStatic
import groovy.transform.EqualsAndHashCode

/**
 * A recorded host session: a label for the host, its flavour, the recipe it was made for (optional header
 * {@code recipe: NAME}; null on tapes written before it existed), where the recording came from, and the entries.
 */
@CompileStatic
@EqualsAndHashCode
final class Tape {
    static final int VERSION = 1

    final String host
    final String flavour
    /** The recipe's name (its file name without .groovy) the tape was recorded for, or null when not said. */
    final String recipe
    final String source
    final List<Interaction> interactions

    Tape(String host, String flavour, String source, List<Interaction> interactions) {
        this(host, flavour, null, source, interactions)
    }

    /** A tape that names the recipe it was recorded for ({@code recipe} may be null). */
    Tape(String host, String flavour, String recipe, String source, List<Interaction> interactions) {
        this.host = host
        this.flavour = flavour
        this.recipe = recipe
        this.source = source
        this.interactions = List.copyOf(interactions)
    }

    /** The commands in recorded order, without events. */
    List<String> commands() { interactions.findAll { !it.event }*.command }
}
