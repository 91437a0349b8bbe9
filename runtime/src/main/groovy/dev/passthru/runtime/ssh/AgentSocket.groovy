package dev.passthru.runtime.ssh

import groovy.transform.CompileStatic

import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.Paths

/** What is wrong with an SSH_AUTH_SOCK path before connecting to it: missing, or not a socket. */
@CompileStatic
final class AgentSocket {
    /** The file type bits of st_mode, and the socket type (sys/stat.h S_IFMT, S_IFSOCK). */
    private static final int S_IFMT = 0170000
    private static final int S_IFSOCK = 0140000

    private AgentSocket() {}

    /** Why {@code path} cannot be an ssh-agent socket, or null when it is a socket. */
    static String problem(String path) {
        Path p = Paths.get(path)
        if (!Files.exists(p)) return 'no such file'
        if (Files.isDirectory(p)) return 'a directory, not a socket'
        try {
            int mode = (int) Files.getAttribute(p, 'unix:mode')
            if ((mode & S_IFMT) != S_IFSOCK) return 'not a socket'
        } catch (UnsupportedOperationException | IllegalArgumentException | IOException ignored) {
            // no unix attributes here: connecting will tell
        }
        null
    }

    /** The innermost message of a failure to reach the agent, without exception class names. */
    static String cause(Throwable e) {
        Throwable c = e
        while (c.cause != null && c.cause != c) c = c.cause
        // jsch-agent-proxy keeps only the socket exception's toString(): drop its class name
        (c.message ?: c.class.simpleName).replaceFirst(/^([a-z0-9_]+\.)+[A-Za-z0-9_]*(Exception|Error): /, '')
    }
}
