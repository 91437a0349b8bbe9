package dev.passthru.runtime.ssh

import com.jcraft.jsch.agentproxy.AgentProxyException
import com.jcraft.jsch.agentproxy.Connector
import com.jcraft.jsch.agentproxy.Identity
import groovy.transform.CompileStatic
import net.schmizz.sshj.common.Buffer
import net.schmizz.sshj.common.Message
import net.schmizz.sshj.common.SSHPacket
import net.schmizz.sshj.transport.TransportException
import net.schmizz.sshj.userauth.UserAuthException
import net.schmizz.sshj.userauth.method.AbstractAuthMethod

/**
 * sshj "publickey" authentication with a key held by ssh-agent, reached through jsch-agent-proxy.
 * The agent signs; the private key never enters this process. RSA keys are signed as rsa-sha2-256
 * (agent flag SSH_AGENT_RSA_SHA2_256), since OpenSSH 8.8+ refuses SHA-1 "ssh-rsa" signatures;
 * jsch-agent-proxy's own AgentProxy.sign always sends flags 0, so the sign request is built here.
 */
@CompileStatic
class AgentAuthMethod extends AbstractAuthMethod {
    private static final byte SIGN_REQUEST = 13
    private static final int SIGN_RESPONSE = 14
    private static final int RSA_SHA2_256 = 2

    private final Connector connector
    private final Identity identity
    private final String keyType

    AgentAuthMethod(Connector connector, Identity identity) {
        super('publickey')
        this.connector = connector
        this.identity = identity
        this.keyType = new String(new Buffer.PlainBuffer(identity.blob).readStringAsBytes(), 'US-ASCII')
    }

    /** The key's comment in the agent (usually a file name), for messages. */
    String comment() { new String(identity.comment, 'UTF-8') }

    private String algorithm() { keyType == 'ssh-rsa' ? 'rsa-sha2-256' : keyType }

    private SSHPacket request(boolean signed) {
        (SSHPacket) super.buildReq().putBoolean(signed).putString(algorithm()).putString(identity.blob)
    }

    @Override
    protected SSHPacket buildReq() throws UserAuthException { request(false) }

    @Override
    void handle(Message cmd, SSHPacket buf) throws UserAuthException, TransportException {
        if (cmd != Message.USERAUTH_60) {
            super.handle(cmd, buf)
            return
        }
        SSHPacket req = request(true)
        byte[] toSign = new Buffer.PlainBuffer()
                .putString(params.transport.sessionID)
                .putBuffer(req)
                .compactData
        req.putString(sign(toSign))
        params.transport.write(req)
    }

    private byte[] sign(byte[] data) throws UserAuthException {
        byte[] blob = identity.blob
        com.jcraft.jsch.agentproxy.Buffer b = new com.jcraft.jsch.agentproxy.Buffer(blob.length + data.length + 4096)
        b.reset()
        b.putInt(1 + 4 + blob.length + 4 + data.length + 4)
        b.putByte(SIGN_REQUEST)
        b.putString(blob)
        b.putString(data)
        b.putInt(keyType == 'ssh-rsa' ? RSA_SHA2_256 : 0)
        try {
            connector.query(b)
        } catch (AgentProxyException e) {
            throw new UserAuthException("ssh-agent did not answer the sign request: ${e.message}")
        }
        int reply = b.getByte()
        if (reply != SIGN_RESPONSE) {
            throw new UserAuthException("ssh-agent refused to sign with key '${comment()}' (reply ${reply})")
        }
        b.getString()
    }
}
