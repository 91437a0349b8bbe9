package dev.passthru.spec.kvm

import java.nio.file.Files

/**
 * Many domains judged by the real libvirtd ({@link RealLibvirtd}) in few virsh processes: each defined under a unique
 * name of its own (no uuid: libvirt makes one; {@code type='kvm'} defined as {@code 'qemu'}, so a machine without
 * /dev/kvm judges the rest of the domain), optionally given a host device with attach-device --config, read back
 * with dumpxml --inactive, and undefined again.
 */
final class LibvirtdBatch {
    static final String PREFIX = 'passthru-corpus-'

    /** What libvirtd made of one domain: defined or the error it gave, and the domain as it reads it back. */
    static final class Outcome {
        String error
        String attachError
        String xml
        boolean isDefined() { error == null }
    }

    private LibvirtdBatch() {}

    /**
     * Defines each domain (key: a name unique in the batch, made of letters, digits and dashes), attaches
     * {@code hostdev} to each defined one when given, reads each back and undefines all of them.
     */
    static Map<String, Outcome> judge(Map<String, String> domains, String hostdev = null) {
        String uri = RealLibvirtd.uri()
        File dir = Files.createTempDirectory('passthru-libvirtd').toFile()
        String run = "${Long.toString(System.nanoTime(), 36)}-"
        Map<String, String> names = domains.keySet().collectEntries { String k -> [k, PREFIX + run + k] }
        Map<String, Outcome> out = [:]
        try {
            StringBuilder defines = new StringBuilder()
            domains.each { String k, String xml ->
                File f = new File(dir, "${k}.xml")
                f.setText(renamed(xml, names[k]), 'UTF-8')
                defines << "define ${f.path}\n"
                out[k] = new Outcome()
            }
            errors(virsh(uri, defines.toString()).err, 'Failed to define domain from ').each { String path, String e ->
                out[new File(path).name - '.xml'].error = e
            }
            List<String> defined = out.findAll { it.value.defined }*.key
            if (hostdev != null) {
                StringBuilder attach = new StringBuilder()
                defined.each { String k ->
                    File dev = new File(dir, "${k}.hostdev.xml")   // one file each: virsh's error names the file
                    dev.setText(hostdev, 'UTF-8')
                    attach << "attach-device ${names[k]} ${dev.path} --config\n"
                }
                String failed = virsh(uri, attach.toString()).err
                errors(failed, 'Failed to attach device from ').each { String path, String e ->
                    out[new File(path).name - '.hostdev.xml'].attachError = e
                }
            }
            String dumps = virsh(uri, defined.collect { "dumpxml --inactive --security-info ${names[it]}\n" }
                    .join('')).out
            List<String> xmls = (dumps =~ /(?ms)^<domain\b.*?^<\/domain>$/)
                    .collect { "${it}\n".toString() }
            if (xmls.size() != defined.size()) {
                throw new IllegalStateException(
                        "dumpxml gave ${xmls.size()} domains for ${defined.size()} defined:\n${dumps}")
            }
            defined.eachWithIndex { String k, int i -> out[k].xml = xmls[i] }
        } finally {
            virsh(uri, names.values().collect { "undefine --nvram ${it}\n" }.join(''))
            dir.deleteDir()
        }
        out
    }

    /** Undefines the domains a batch of an earlier, interrupted run left behind (names starting with the prefix). */
    static void cleanUp() {
        String uri = RealLibvirtd.uri()
        List<String> left = virsh(uri, 'list --all --name\n').out.readLines()*.trim().findAll { it.startsWith(PREFIX) }
        if (left) virsh(uri, left.collect { "undefine --nvram ${it}\n" }.join(''))
    }

    /** The domain with this name, no uuid, and type qemu instead of kvm. */
    static String renamed(String xml, String name) {
        xml.replaceFirst(/<name>[^<]*<\/name>/, "<name>${name}</name>")
                .replaceFirst(/(?s)\s*<uuid>[^<]*<\/uuid>/, '')
                .replaceFirst(/<domain([^>]*) type=(['"])kvm\2/, '<domain$1 type=$2qemu$2')
    }

    /** path -> error text, from virsh's stderr lines "error: PREFIX path" followed by "error: why". */
    private static Map<String, String> errors(String stderr, String prefix) {
        Map<String, String> out = new LinkedHashMap<>()
        String current = null
        stderr.readLines().each { String line ->
            if (line.startsWith("error: ${prefix}")) {
                current = line.substring("error: ${prefix}".length()).trim()
                out[current] = ''
            } else if (current != null && line.trim()) {
                out[current] = (out[current] ? out[current] + '\n' : '') + (line - ~/^error: /)
            }
        }
        out
    }

    private static final class Streams {
        String out
        String err
    }

    private static Streams virsh(String uri, String commands) {
        File script = Files.createTempFile('passthru-virsh', '.txt').toFile()
        try {
            script.setText(commands, 'UTF-8')
            Process p = new ProcessBuilder(['virsh', '-q', '-c', uri]).redirectInput(script).start()
            StringBuilder err = new StringBuilder()
            Thread t = Thread.start { err << p.errorStream.getText('UTF-8') }
            String out = p.inputStream.getText('UTF-8')
            p.waitFor()
            t.join()
            new Streams(out: out, err: err.toString())
        } finally {
            script.delete()
        }
    }
}
