package dev.passthru.runtime.ssh

import groovy.transform.CompileStatic
import groovy.transform.EqualsAndHashCode

/** Where to connect: {@code [user@]host[:port]}, with IPv6 as {@code [::1]:2222}. */
@CompileStatic
@EqualsAndHashCode
final class SshTarget {
    final String user
    final String host
    final int port

    SshTarget(String user, String host, int port) {
        if (!host) throw new IllegalArgumentException('host is empty')
        if (!(host ==~ /[A-Za-z0-9._-]+/) && !(host.contains(':') && host ==~ /[0-9A-Fa-f:.]+(%[A-Za-z0-9._-]+)?/)) {
            throw new IllegalArgumentException("'${host}' is not a host name or address (letters, digits, '.', '-', " +
                    "'_'; IPv6 as [::1])")
        }
        if (user != null && !(user ==~ /[^\s:\/]+/)) throw new IllegalArgumentException("'${user}' is not a user name")
        if (port < 1 || port > 65535) throw new IllegalArgumentException("port ${port} is out of range 1..65535")
        this.user = user
        this.host = host
        this.port = port
    }

    /** Parses {@code [user@]host[:port]}; the user defaults to {@code defaultUser}, the port to 22. */
    static SshTarget parse(String text, String defaultUser) {
        if (!text?.trim()) throw new IllegalArgumentException('--host is empty')
        String rest = text.trim()
        String user = defaultUser
        int at = rest.lastIndexOf('@')
        if (at >= 0) {
            user = rest.substring(0, at)
            rest = rest.substring(at + 1)
            if (!user) throw new IllegalArgumentException("empty user in '${text}'")
            if (!rest) throw new IllegalArgumentException("no host after the '@' in '${text}'")
        }
        String host = rest
        int port = 22
        if (rest.startsWith('[')) {
            int close = rest.indexOf(']')
            if (close < 0) throw new IllegalArgumentException("unclosed '[' in '${text}'")
            host = rest.substring(1, close)
            String tail = rest.substring(close + 1)
            if (tail) {
                if (!tail.startsWith(':')) throw new IllegalArgumentException("expected ':port' after ']' in '${text}'")
                port = parsePort(tail.substring(1), text)
            }
        } else if (rest.count(':') == 1) {
            host = rest.substring(0, rest.indexOf(':'))
            if (!host) throw new IllegalArgumentException("no host before the ':' in '${text}'")
            port = parsePort(rest.substring(rest.indexOf(':') + 1), text)
        }
        new SshTarget(user, host, port)
    }

    private static int parsePort(String p, String text) {
        if (!(p ==~ /\d{1,5}/)) throw new IllegalArgumentException("bad port '${p}' in '${text}'")
        Integer.parseInt(p)
    }

    @Override
    String toString() { "${user}@${host.contains(':') ? '[' + host + ']' : host}:${port}" }
}
