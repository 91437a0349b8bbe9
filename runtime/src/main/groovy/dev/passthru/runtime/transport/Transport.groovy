package dev.passthru.runtime.transport

import groovy.transform.CompileStatic

/**
 * Runs commands on one host: over SSH, from a tape, on the demo host, or recording while it runs.
 * One connection is kept and reused for every command until {@link #reconnect} or {@link #close}.
 */
@CompileStatic
interface Transport extends Closeable {
    /** Runs one command line (already quoted) and returns its result; a non-zero exit is not an exception. */
    CommandResult run(String command) throws TransportException

    /**
     * Runs one command line with {@code stdin} as its standard input (file contents and XML travel this
     * way, never as arguments: no quoting, no length limit, not visible in the host's process list).
     */
    CommandResult run(String command, String stdin) throws TransportException

    /**
     * Drops the connection and opens a new one (after a reboot); throws HostUnreachableException while the host is
     * down.
     */
    void reconnect() throws TransportException

    /** How messages name this host, e.g. {@code root@10.0.0.5:22}; never holds a credential. */
    String label()
}
