package dev.passthru.spec.kvm

import java.nio.file.Files

/**
 * The real libvirt tools, for specs: virt-xml-validate (libvirt's RelaxNG schemas, through xmllint) and
 * virsh with the test:///default driver (libvirt's own XML parser and domain checks, in memory).
 * .ci/run installs both (libvirt-clients, libxml2-utils); a spec fails, not skips, when they are missing.
 */
final class Libvirt {
    static final class Result {
        int exit
        String out
        String toString() { "exit ${exit}: ${out}" }
    }

    static Result validate(String xml) { run(['virt-xml-validate', file(xml), 'domain']) }

    /** Defines the domain into a fresh test:///default connection and prints it back as libvirt holds it. */
    static Result defineAndDump(String xml, String name) {
        run(['virsh', '-q', '-c', 'test:///default', "define ${file(xml)}; dumpxml --inactive --security-info ${name}".toString()])
    }

    private static String file(String xml) {
        File f = Files.createTempFile('passthru-domain', '.xml').toFile()
        f.deleteOnExit()
        f.setText(xml, 'UTF-8')
        f.path
    }

    private static Result run(List<String> argv) {
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start()
        String out = p.inputStream.getText('UTF-8')
        new Result(exit: p.waitFor(), out: out)
    }
}
