package dev.passthru.spock

import dev.passthru.dsl.FlavourName
import dev.passthru.runtime.detect.Detection
import dev.passthru.runtime.detect.FlavourDetection
import dev.passthru.runtime.engine.Rebooter
import dev.passthru.runtime.facts.CommonFacts
import dev.passthru.runtime.facts.Facts
import dev.passthru.runtime.kvm.KvmHost
import dev.passthru.runtime.xcpng.XcpngHost
import groovy.transform.CompileStatic

/**
 * The runtime's typed reader of one host over a session's facts: XCP-ng's or KVM's, as {@link FlavourDetection}
 * decides over the same facts.
 */
@CompileStatic
final class HostReader {
    final Facts facts
    /** The XCP-ng reader, or null on KVM. */
    final XcpngHost xcpng
    /** The KVM reader, or null on XCP-ng. */
    final KvmHost kvm

    private HostReader(Facts facts, XcpngHost xcpng, KvmHost kvm) {
        this.facts = facts
        this.xcpng = xcpng
        this.kvm = kvm
    }

    /** Reads through {@code facts}; {@code flavour} is the one the run chose (null: detected). */
    static HostReader of(Facts facts, FlavourName flavour) {
        Detection d = new FlavourDetection(facts, null, { long ms -> } as Rebooter.Pause).detect(flavour)
        if (!d.decided) throw new AssertionError("cannot read the host: ${d.reason}")
        FlavourName kind = FlavourName.of(d.name())
        kind == FlavourName.KVM ? new HostReader(facts, null, new KvmHost(facts, facts.read(CommonFacts.TOOLS)))
                : new HostReader(facts, new XcpngHost(facts), null)
    }
}
