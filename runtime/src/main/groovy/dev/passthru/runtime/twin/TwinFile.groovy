package dev.passthru.runtime.twin

import dev.passthru.runtime.demo.DemoHost
import dev.passthru.runtime.demo.DemoKvmHost
import dev.passthru.runtime.demo.DemoKvmState
import dev.passthru.runtime.demo.DemoState
import dev.passthru.runtime.demo.DemoXcpngHost
import dev.passthru.runtime.text.Document
import dev.passthru.runtime.text.DocumentException
import groovy.transform.CompileStatic

/**
 * A twin file (docs/twins.md): a simulated host's state written down as YAML, read into a demo simulator
 * (KVM or XCP-ng) and written back from one, deterministically (write, read, write gives the same text).
 */
@CompileStatic
final class TwinFile {
    /** How a host option names a twin file: {@code twin:FILE}. */
    static final String PREFIX = 'twin:'
    static final int VERSION = 1
    static final String HEADER = '# passthru twin file: a simulated host (see docs/twins.md)\n'

    private TwinFile() {}

    /** Whether a host option names a twin file. */
    static boolean names(String host) { host != null && host.startsWith(PREFIX) }

    /** The simulated host a twin file describes; a missing or broken file is a {@link TwinException}. */
    static DemoHost load(File file) {
        if (!file.isFile()) throw new TwinException("${file}: no such twin file")
        read(file.getText('UTF-8'), file.path)
    }

    /** The simulated host of a twin file's text. */
    static DemoHost read(String text, String source) {
        Checked f = fields(text, source)
        f.kvm ? new DemoKvmHost(KvmTwin.read(f.fields)) : new DemoXcpngHost(XcpngTwin.read(f.fields))
    }

    /** The KVM state of a twin file's text (an XCP-ng twin is an error). */
    static DemoKvmState kvm(String text, String source) {
        Checked f = fields(text, source)
        if (!f.kvm) throw f.fields.fail(['flavour'], 'expected a KVM twin (flavour: kvm)')
        KvmTwin.read(f.fields)
    }

    /** The XCP-ng state of a twin file's text (a KVM twin is an error). */
    static DemoState xcpng(String text, String source) {
        Checked f = fields(text, source)
        if (f.kvm) throw f.fields.fail(['flavour'], 'expected an XCP-ng twin (flavour: xcp-ng)')
        XcpngTwin.read(f.fields)
    }

    /** The twin file of a simulated host as it is now. */
    static String write(DemoHost host) {
        Map<String, Object> m = host instanceof DemoKvmHost
                ? KvmTwin.toMap(((DemoKvmHost) host).state, host.label())
                : XcpngTwin.toMap(((DemoXcpngHost) host).state, host.label())
        HEADER + TwinYaml.write(m)
    }

    /** A twin shipped in the runtime jar ({@code demo}, {@code demo-kvm}, ...), as text. */
    static String resource(String name) {
        InputStream in = TwinFile.getResourceAsStream("/dev/passthru/runtime/twin/${name}.yaml")
        if (in == null) throw new IllegalArgumentException("no shipped twin '${name}'")
        in.withCloseable { it.getText('UTF-8') }
    }

    private static Checked fields(String text, String source) {
        Document doc
        try {
            doc = Document.yaml(text, source)
        } catch (DocumentException e) {
            throw new TwinException(e.message)
        }
        TwinFields f = new TwinFields(doc)
        if (!(doc.root instanceof Map)) throw f.fail([], 'not a twin file (expected keys such as twin: 1)')
        Object version = f.get(['twin'])
        if (version != VERSION) throw f.fail(['twin'], "twin: ${version}: this passthru reads twin: ${VERSION}")
        String flavour = f.string(['flavour'])
        if (!(flavour in ['kvm', 'xcp-ng'])) throw f.fail(['flavour'], "flavour '${flavour}': kvm or xcp-ng")
        new Checked(f, flavour == 'kvm')
    }

    /** A parsed twin file whose version and flavour are checked. */
    private static final class Checked {
        final TwinFields fields
        final boolean kvm
        Checked(TwinFields fields, boolean kvm) { this.fields = fields; this.kvm = kvm }
    }
}
