package dev.passthru.runtime.ssh

import groovy.transform.CompileStatic

/**
 * Sockets with TCP_NODELAY, as OpenSSH's client sets for interactive sessions: one small command and its
 * small reply then cost one round trip, not one plus a delayed ACK (about 40 ms on Linux).
 */
@CompileStatic
class NoDelaySocketFactory extends javax.net.SocketFactory {
    private static Socket tuned(Socket s) { s.tcpNoDelay = true; s }

    Socket createSocket() { tuned(new Socket()) }

    Socket createSocket(String host, int port) { tuned(new Socket(host, port)) }

    Socket createSocket(String host, int port, InetAddress local, int localPort) {
        tuned(new Socket(host, port, local, localPort))
    }

    Socket createSocket(InetAddress host, int port) { tuned(new Socket(host, port)) }

    Socket createSocket(InetAddress host, int port, InetAddress local, int localPort) {
        tuned(new Socket(host, port, local, localPort))
    }
}
