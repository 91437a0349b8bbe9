package dev.passthru.runtime.detect

import dev.passthru.dsl.Recipe
import dev.passthru.dsl.SourceLocation
import dev.passthru.dsl.Step
import dev.passthru.runtime.engine.Finding
import dev.passthru.runtime.engine.Flavour
import dev.passthru.runtime.engine.Preflight
import dev.passthru.runtime.engine.Rebooter
import dev.passthru.runtime.facts.CommonFacts
import dev.passthru.runtime.facts.Facts
import dev.passthru.runtime.kvm.KvmFlavour
import dev.passthru.runtime.operation.ActionContext
import dev.passthru.runtime.operation.Change
import dev.passthru.runtime.transport.Transport
import dev.passthru.runtime.xcpng.XcpngFlavour
import groovy.transform.CompileStatic

/**
 * The flavour of a host, decided at preflight (so a host that cannot be read fails there, with the
 * rest of preflight): the command line's --flavour, else the recipe's {@code flavour}, else detected
 * from /etc/os-release and the tools present (read through the run's facts, like everything else).
 * Until then it knows nothing; afterwards it is the flavour.
 */
@CompileStatic
class DetectedFlavour implements Flavour {
    static final String OS_RELEASE = CommonFacts.OS_RELEASE.command()
    /** The path of each tool found (see {@link CommonFacts#TOOLS}). */
    static final String PROBE = CommonFacts.TOOLS.command()

    private final Facts facts
    private final String override
    private final Rebooter.Pause pause
    private final Chosen listener
    private Flavour chosen
    /** How the flavour was chosen, for the report. */
    String reason

    /** Hears which flavour was chosen and why. */
    static interface Chosen { void chosen(String flavour, String reason) }

    DetectedFlavour(Transport transport, String override, Rebooter.Pause pause, Chosen listener = null) {
        this(new Facts(transport), override, pause, listener)
    }

    /** Reads the host through {@code facts} (the run's: its cache is shared with the recipe's facts and the steps). */
    DetectedFlavour(Facts facts, String override, Rebooter.Pause pause, Chosen listener = null) {
        this.facts = facts
        this.override = override
        this.pause = pause
        this.listener = listener
    }

    String name() { chosen?.name() ?: override }

    Preflight preflight(Recipe recipe) {
        String undecided = choose(recipe.flavour)
        if (undecided) {
            return new Preflight(recipe, [new Finding(null, undecided, new SourceLocation(recipe.source, 0))])
        }
        chosen.preflight(recipe)
    }

    /** Decides the flavour (--flavour, else {@code recipeFlavour}, else detected); a message when it cannot. */
    String choose(String recipeFlavour) {
        String wanted = override ?: recipeFlavour
        if (wanted == XcpngFlavour.NAME) {
            chosen = new XcpngFlavour(facts, pause)
            reason = override ? 'from --flavour' : 'named in the recipe'
        } else {
            Map<String, String> release = facts.read(CommonFacts.OS_RELEASE)
            Set<String> tools = facts.read(CommonFacts.TOOLS)
            String detected = HostKind.decide(release, tools)
            String kind = wanted ?: detected
            if (kind == null) {
                return ("cannot tell which kind of host this is (${HostKind.describe(release, tools)}): " +
                        "it has neither XCP-ng's xe and xl nor libvirt's virsh; " +
                        'give --flavour xcpng or --flavour kvm if it is one').toString()
            }
            chosen = kind == KvmFlavour.NAME ? new KvmFlavour(facts, tools, pause) : new XcpngFlavour(facts, pause)
            reason = wanted ? ("${override ? 'from --flavour' : 'named in the recipe'}" +
                    "${detected && detected != wanted ? "; the host looks like ${detected}" : ''}").toString()
                    : "detected: ${HostKind.describe(release, tools)}".toString()
        }
        listener?.chosen(chosen.name(), reason)
        null
    }

    Map<String, Object> facts() {
        Map<String, Object> f = new LinkedHashMap<String, Object>()
        f.flavour = flavour().name()
        f.chosen = reason
        f.putAll(flavour().facts())
        f
    }

    Change plan(Step step) { flavour().plan(step) }

    ActionContext actions() { flavour().actions() }

    private Flavour flavour() {
        if (chosen == null) throw new IllegalStateException('the flavour is decided at preflight, which has not run')
        chosen
    }
}
