package dev.passthru.runtime.detect

import dev.passthru.dsl.Recipe
import dev.passthru.dsl.SourceLocation
import dev.passthru.runtime.engine.Finding
import dev.passthru.runtime.engine.Flavour
import dev.passthru.runtime.engine.Preflight
import groovy.transform.CompileStatic

/** What detection decided: a flavour and why, or why none (then {@link #flavour} is null). */
@CompileStatic
final class Detection {
    /** The flavour, or null when undecided. */
    final Flavour flavour
    /** How it was chosen (for reports), or why none could be. */
    final String reason
    final boolean decided

    private Detection(Flavour flavour, String reason) {
        this.flavour = flavour
        this.reason = reason
        this.decided = flavour != null
    }

    static Detection of(Flavour flavour, String reason) { new Detection(flavour, reason) }

    static Detection undecided(String why) { new Detection(null, why) }

    /** The flavour's name, or null when undecided. */
    String name() { flavour?.name() }

    /** The flavour's preflight of {@code recipe}; undecided, one finding saying why. */
    Preflight preflight(Recipe recipe) {
        decided ? flavour.preflight(recipe)
                : new Preflight(recipe, [new Finding(null, reason, new SourceLocation(recipe.source, 0))])
    }

    /** What {@code passthru facts} prints: the flavour, how it was chosen, then the flavour's facts. */
    Map<String, Object> facts() {
        if (!decided) throw new IllegalStateException(reason)
        Map<String, Object> f = new LinkedHashMap<String, Object>()
        f.flavour = flavour.name()
        f.chosen = reason
        f.putAll(flavour.facts())
        f
    }
}
