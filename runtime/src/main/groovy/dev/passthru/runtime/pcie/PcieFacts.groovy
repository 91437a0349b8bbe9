package dev.passthru.runtime.pcie

import dev.passthru.runtime.facts.Fact
import dev.passthru.runtime.facts.Facts
import groovy.transform.CompileStatic

/** The host's PCIe tree as the run's facts read it (read once per run, and only when a step asks for it). */
@CompileStatic
final class PcieFacts {
    private PcieFacts() {}

    /** The tree; reading it is not built yet (issue 17, part 1). */
    static PcieTree tree(Facts facts) {
        throw new UnsupportedOperationException('reading the PCIe tree is not built yet')
    }
}
