package dev.passthru.spec.cli

import dev.passthru.runtime.interrupt.Interruption

/** Output that asks the run to stop (as Ctrl-C does) the moment a given text has been printed: the spec's trigger. */
class Tripwire extends OutputStream {
    private final OutputStream into
    private final String text
    private final Interruption stop
    private final String signal
    private final StringBuilder seen = new StringBuilder()

    Tripwire(OutputStream into, String text, Interruption stop, String signal) {
        this.into = into
        this.text = text
        this.stop = stop
        this.signal = signal
    }

    @Override
    void write(int b) {
        into.write(b)
        seen.append((char) b)
        if (!stop.requested && seen.indexOf(text) >= 0) stop.request(signal)
    }
}
