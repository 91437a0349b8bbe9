package dev.passthru.spec.cli

import dev.passthru.runtime.cli.Main
import dev.passthru.runtime.ssh.KeyFileKind
import dev.passthru.runtime.ssh.KeyFiles
import dev.passthru.spec.Repo
import spock.lang.Shared
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Path

/**
 * -i must name a private key this run can use: checked before anything connects (exit 64), with the demo host
 * too; a public key, an inventory, an encrypted key without its passphrase each get their own message.
 * The keys are made by the real ssh-keygen.
 */
class IdentityFilesSpec extends Specification {
    static final String RECIPE = Repo.file('recipes/xcp-ng/nic-passthrough.groovy').path
    @Shared @TempDir Path keys
    @TempDir Path tmp
    String out, err

    def setupSpec() {
        keygen('ed25519', 'ed25519', '')
        keygen('ed25519-enc', 'ed25519', 'passw0rd')
        keygen('rsa-pem', 'rsa', '', '-m', 'PEM', '-b', '2048')
        keygen('rsa-pem-enc', 'rsa', 'passw0rd', '-m', 'PEM', '-b', '2048')
        keygen('ecdsa-pkcs8', 'ecdsa', '', '-m', 'PKCS8')
        keygen('ecdsa-pkcs8-enc', 'ecdsa', 'passw0rd', '-m', 'PKCS8')
        keys.resolve('inv.ini').toFile().text = Repo.file('recipes/fleet/demo-rack.ini').text
        keys.resolve('inv.yml').toFile().text = 'all:\n  hosts:\n    xcp01:\n      ansible_host: 10.0.0.11\n'
        keys.resolve('inv.groovy').toFile().text = "group('xcp') {\n    host 'xcp01', ansible_host: '10.0.0.11'\n}\n"
        keys.resolve('notes.txt').toFile().text = 'remember to rotate the keys\n'
        keys.resolve('a-dir').toFile().mkdirs()
    }

    void keygen(String name, String type, String passphrase, String... more) {
        List<String> cmd = ['ssh-keygen', '-q', '-t', type, '-N', passphrase, '-C', name, '-f', keys.resolve(name).toString()] + (more as List)
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start()
        String said = p.inputStream.text
        assert p.waitFor() == 0: said
    }

    int cli(String... args) {
        ByteArrayOutputStream o = new ByteArrayOutputStream(), e = new ByteArrayOutputStream()
        int code = Main.run(args, new PrintStream(o, true, 'UTF-8'), new PrintStream(e, true, 'UTF-8'),
                [PW: 'passw0rd', PASSTHRU_HOME: tmp.resolve('home').toString()], false)
        out = o.toString('UTF-8'); err = e.toString('UTF-8')
        code
    }

    String key(String name) { keys.resolve(name).toString() }

    def "-i #name: #expected"() {
        when: 'a real host that nothing answers for: the check must come before any connection'
        int code = cli(['plan', RECIPE, '--host', 'root@127.0.0.1:1', '--connect-timeout', '1', '-i', key(name)] + extra as String[])

        then:
        code == 64
        err.trim() == "error: -i ${key(name)}: ${expected.replace('KEYS/', keys.toString() + '/')}"
        out.isEmpty()

        where:
        name              | extra                      || expected
        'ed25519.pub'     | []                         || 'that is a public key; give the private key (KEYS/ed25519)'
        'inv.ini'         | []                         || 'not a private key; it looks like an inventory: use --inventory KEYS/inv.ini'
        'inv.yml'         | []                         || 'not a private key; it looks like an inventory: use --inventory KEYS/inv.yml'
        'inv.groovy'      | []                         || 'not a private key; it looks like an inventory: use --inventory KEYS/inv.groovy'
        'ed25519-enc'     | []                         || 'the key is encrypted; give its passphrase with --password-env VAR'
        'rsa-pem-enc'     | []                         || 'the key is encrypted; give its passphrase with --password-env VAR'
        'ecdsa-pkcs8-enc' | []                         || 'the key is encrypted; give its passphrase with --password-env VAR'
        'notes.txt'       | []                         || 'not a private key (no OpenSSH, PEM or PuTTY private key in it)'
        'missing'         | []                         || 'no such file'
        'a-dir'           | ['--password-env', 'PW']   || 'is a directory, not a private key'
    }

    def "-i #name is a usable key: the run goes on to connect (and, with nothing listening, fails there with exit 2)"() {
        when:
        int code = cli(['plan', RECIPE, '--host', 'root@127.0.0.1:1', '--connect-timeout', '1', '-i', key(name)] + extra as String[])

        then:
        code == 2
        (out + err).contains('cannot connect to root@127.0.0.1:1')

        where:
        name              | extra
        'ed25519'         | []
        'rsa-pem'         | []
        'ecdsa-pkcs8'     | []
        'ed25519-enc'     | ['--password-env', 'PW']
        'rsa-pem-enc'     | ['--password-env', 'PW']
    }

    def "an inventory given with -i on the demo host is refused, naming --inventory (it used to run on the demo host, exit 0)"() {
        when:
        int code = cli('apply', RECIPE, '-i', Repo.file('recipes/fleet/demo-rack.ini').path)

        then:
        code == 64
        err.trim() == "error: -i ${Repo.file('recipes/fleet/demo-rack.ini').path}: not a private key; it looks like an inventory: " +
                "use --inventory ${Repo.file('recipes/fleet/demo-rack.ini').path}"
        out.isEmpty()
    }

    def "a private key with the demo host is refused: the demo host takes no key, so the operator meant a real host"() {
        when:
        int code = cli(verb, RECIPE, '-i', key('ed25519'))

        then:
        code == 64
        err.trim() == "error: -i ${key('ed25519')}: the built-in demo host takes no key (it is in this process); give --host USER@HOST to use the key on a real host"
        out.isEmpty()

        where:
        verb << ['plan', 'apply', 'check']
    }

    def "what a file is, from its text: #what"() {
        expect:
        KeyFiles.kind(text) == kind

        where:
        what                                 | text                                                                                  || kind
        'OpenSSH key, cipher none'           | openSsh('none')                                                                       || KeyFileKind.PRIVATE_KEY
        'OpenSSH key, cipher aes256-ctr'     | openSsh('aes256-ctr')                                                                 || KeyFileKind.ENCRYPTED_PRIVATE_KEY
        'OpenSSH armour around other bytes'  | '-----BEGIN OPENSSH PRIVATE KEY-----\naGVsbG8=\n-----END OPENSSH PRIVATE KEY-----\n' || KeyFileKind.OTHER
        'PEM RSA key'                        | '-----BEGIN RSA PRIVATE KEY-----\nMIIE\n-----END RSA PRIVATE KEY-----\n'            || KeyFileKind.PRIVATE_KEY
        'PEM RSA key, Proc-Type ENCRYPTED'   | '-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,00\n\nMIIE\n' || KeyFileKind.ENCRYPTED_PRIVATE_KEY
        'PEM EC key'                         | '-----BEGIN EC PRIVATE KEY-----\nMHcC\n-----END EC PRIVATE KEY-----\n'              || KeyFileKind.PRIVATE_KEY
        'PKCS#8 key'                         | '-----BEGIN PRIVATE KEY-----\nMIGH\n-----END PRIVATE KEY-----\n'                    || KeyFileKind.PRIVATE_KEY
        'PKCS#8 encrypted key'               | '-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIF\n'                                      || KeyFileKind.ENCRYPTED_PRIVATE_KEY
        'PuTTY key, no encryption'           | 'PuTTY-User-Key-File-3: ssh-ed25519\nEncryption: none\nComment: x\n'                 || KeyFileKind.PRIVATE_KEY
        'PuTTY key, aes256-cbc'              | 'PuTTY-User-Key-File-3: ssh-ed25519\nEncryption: aes256-cbc\nComment: x\n'           || KeyFileKind.ENCRYPTED_PRIVATE_KEY
        'ed25519 public key line'            | 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIK0 me@host\n'                                  || KeyFileKind.PUBLIC_KEY
        'ECDSA public key line'              | 'ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTY= me\n'                          || KeyFileKind.PUBLIC_KEY
        'RFC 4716 public key'                | '---- BEGIN SSH2 PUBLIC KEY ----\nAAAAB3Nza\n---- END SSH2 PUBLIC KEY ----\n'        || KeyFileKind.PUBLIC_KEY
        'INI inventory'                      | '[rack1]\nrack1-01 nic=0000:04:01.0\n'                                               || KeyFileKind.INVENTORY
        'INI host line with ansible_host='   | 'xcp01 ansible_host=10.0.0.1\n'                                                      || KeyFileKind.INVENTORY
        'YAML inventory'                     | 'all:\n  hosts:\n    a: {}\n'                                                       || KeyFileKind.INVENTORY
        'Groovy inventory'                   | "host 'xcp01', ansible_host: '10.0.0.11'\n"                                          || KeyFileKind.INVENTORY
        'empty file'                         | ''                                                                                    || KeyFileKind.OTHER
        'text'                               | 'hello\n'                                                                             || KeyFileKind.OTHER
    }

    /** The OpenSSH key format's start (PROTOCOL.key): magic, then the cipher name as an SSH string, armoured. */
    static String openSsh(String cipher) {
        ByteArrayOutputStream b = new ByteArrayOutputStream()
        b.write('openssh-key-v1\u0000'.getBytes('US-ASCII'))
        new DataOutputStream(b).with { writeInt(cipher.length()); write(cipher.getBytes('US-ASCII')); writeInt(4); write('none'.bytes) }
        "-----BEGIN OPENSSH PRIVATE KEY-----\n${b.toByteArray().encodeBase64()}\n-----END OPENSSH PRIVATE KEY-----\n"
    }
}
