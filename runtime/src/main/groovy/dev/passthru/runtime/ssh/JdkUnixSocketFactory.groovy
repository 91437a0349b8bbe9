package dev.passthru.runtime.ssh

import com.jcraft.jsch.agentproxy.USocketFactory
import groovy.transform.CompileStatic

import java.net.UnixDomainSocketAddress
import java.nio.ByteBuffer
import java.nio.channels.SocketChannel

/** Unix-domain sockets for jsch-agent-proxy from the JDK itself (Java 16+), so no native library (JNA) is needed. */
@CompileStatic
class JdkUnixSocketFactory implements USocketFactory {
    @Override
    USocketFactory.Socket open(String path) throws IOException {
        SocketChannel ch = SocketChannel.open(UnixDomainSocketAddress.of(path))
        new ChannelSocket(ch)
    }

    private static class ChannelSocket extends USocketFactory.Socket {
        private final SocketChannel ch

        ChannelSocket(SocketChannel ch) { this.ch = ch }

        @Override
        int readFull(byte[] buf, int s, int len) throws IOException {
            ByteBuffer bb = ByteBuffer.wrap(buf, s, len)
            int total = 0
            while (total < len) {
                int n = ch.read(bb)
                if (n < 0) return total == 0 ? -1 : total
                total += n
            }
            total
        }

        @Override
        void write(byte[] buf, int s, int len) throws IOException {
            ByteBuffer bb = ByteBuffer.wrap(buf, s, len)
            while (bb.hasRemaining()) ch.write(bb)
        }

        @Override
        void close() throws IOException { ch.close() }
    }
}
