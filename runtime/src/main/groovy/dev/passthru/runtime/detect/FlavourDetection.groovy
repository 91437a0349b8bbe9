package dev.passthru.runtime.detect

import dev.passthru.dsl.Recipe
import dev.passthru.runtime.engine.Flavour
import dev.passthru.runtime.engine.FlavourSource
import dev.passthru.runtime.engine.Rebooter
import dev.passthru.runtime.engine.UndecidedFlavourException
import dev.passthru.runtime.facts.CommonFacts
import dev.passthru.runtime.facts.Facts
import dev.passthru.runtime.kvm.KvmFlavour
import dev.passthru.runtime.xcpng.XcpngFlavour
import dev.passthru.dsl.FlavourName
import groovy.transform.CompileStatic

/**
 * Decides a host's flavour: the command line's --flavour, else the recipe's {@code flavour}, else detected from
 * /etc/os-release and the tools present, read through the run's facts (so the flavour's own reads share them).
 * The engine asks at preflight, so a host that cannot be read fails there, with the rest of preflight.
 */
@CompileStatic
final class FlavourDetection implements FlavourSource {
    /** The path of each tool found (see {@link CommonFacts#TOOLS}). */
    static final String PROBE = CommonFacts.TOOLS.command()

    private final Facts facts
    private final FlavourName override
    private final Rebooter.Pause pause
    private final Chosen listener

    /** Hears which flavour was chosen and why. */
    static interface Chosen { void chosen(String flavour, String reason) }

    FlavourDetection(Facts facts, FlavourName override, Rebooter.Pause pause, Chosen listener = null) {
        this.facts = facts
        this.override = override
        this.pause = pause
        this.listener = listener
    }

    /** The flavour for a recipe that names {@code recipeFlavour} (null: none), or why none can be chosen. */
    Detection detect(FlavourName recipeFlavour) {
        FlavourName wanted = override ?: recipeFlavour
        if (wanted == FlavourName.XCPNG) {
            return Detection.of(new XcpngFlavour(facts, pause), override ? 'from --flavour' : 'named in the recipe')
        }
        Map<String, String> release = facts.read(CommonFacts.OS_RELEASE)
        Set<String> tools = facts.read(CommonFacts.TOOLS)
        FlavourName detected = HostKind.decide(release, tools)
        FlavourName kind = wanted ?: detected
        if (kind == null) {
            return Detection.undecided('cannot tell which kind of host this is ' +
                    "(${HostKind.describe(release, tools)}): " +
                    "it has neither Xen's xl nor libvirt's virsh; " +
                    'give --flavour xcpng or --flavour kvm if it is one')
        }
        Flavour chosen = kind == FlavourName.KVM ? new KvmFlavour(facts, tools, pause) : new XcpngFlavour(facts, pause)
        Detection.of(chosen, wanted ? ("${override ? 'from --flavour' : 'named in the recipe'}" +
                "${detected && detected != wanted ? "; the host looks like ${detected}" : ''}").toString()
                : "detected: ${HostKind.describe(release, tools)}${plainXen(kind, tools)}".toString())
    }

    /** What detection adds for a Xen host without XAPI, whose VM steps the XCP-ng flavour refuses. */
    private static String plainXen(FlavourName kind, Set<String> tools) {
        kind == FlavourName.XCPNG && HostKind.xenWithoutXapi(tools) ? '; a Xen host without XAPI (no xe): ' +
                'xl-level steps only' : ''
    }

    Flavour flavourFor(Recipe recipe) {
        Detection d = detect(recipe.flavour)
        if (!d.decided) throw new UndecidedFlavourException(d.reason)
        listener?.chosen(d.name(), d.reason)
        d.flavour
    }
}
