package dev.passthru.spec.engine

import dev.passthru.runtime.detect.Detection
import dev.passthru.dsl.FlavourName
import dev.passthru.runtime.detect.FlavourDetection
import dev.passthru.runtime.engine.Engine
import dev.passthru.runtime.engine.Listener
import dev.passthru.runtime.engine.Rebooter
import dev.passthru.runtime.facts.Facts
import dev.passthru.runtime.transport.Transport

/**
 * The one way specs build an engine on a host, wired as the CLI's Runner wires it: the run's facts over the host, the
 * flavour detected from them (or forced), and a rebooter on the facts' transport (so a reboot empties the cache).
 */
final class Engines {
    static final Rebooter.Pause NO_WAIT = { long ms -> } as Rebooter.Pause

    private Engines() {}

    /** An engine on {@code host}: {@code flavour} null detects it; reboots time out after {@code rebootTimeoutMs}. */
    static Engine on(Transport host, String flavour = null, Rebooter.Pause pause = NO_WAIT,
            long rebootTimeoutMs = 1000L, long pollMs = 10L) {
        Facts facts = new Facts(host)
        FlavourDetection f = new FlavourDetection(facts, FlavourName.of(flavour), pause)
        new Engine(f, host.label(), new Listener() {},
                new Rebooter(facts.transport(), rebootTimeoutMs, pollMs, { 0L }, pause))
    }
}
