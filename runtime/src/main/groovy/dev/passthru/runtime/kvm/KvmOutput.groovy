package dev.passthru.runtime.kvm

import dev.passthru.runtime.numa.CpuRow

import dev.passthru.runtime.engine.OutputFormatException
import groovy.transform.CompileStatic


/**
 * Pure parsers for what a KVM host prints. Each takes the text a command wrote and returns values;
 * output they cannot read raises OutputFormatException quoting the line, never a guess.
 * Formats: os-release(5); lscpu(1) -p; /proc/cmdline; kmod modinfo(8);
 * virsh(1) as libvirt 9 prints it (checked against `virsh -c test:///default`).
 */
@CompileStatic
final class KvmOutput {
    private KvmOutput() {}


    /**
     * {@code grep -H '' FILES}: each line as {@code PATH:LINE}; the files' texts by path, in the order grep read them
     * (a path has no ':' in the files this is used for; a file's last line gets its newline back).
     */
    static Map<String, String> filesByLine(String text) {
        Map<String, String> files = new LinkedHashMap<>()
        text.readLines().each { String l ->
            int colon = l.indexOf(':')
            if (colon <= 0 || !l.startsWith('/')) throw new OutputFormatException("grep -H: cannot read '${l}'")
            String path = l.substring(0, colon)
            files[path] = (files[path] ?: '') + l.substring(colon + 1) + '\n'
        }
        files
    }

    /** os-release(5): KEY=value lines, values optionally in double or single quotes. */
    static Map<String, String> osRelease(String text) {
        Map<String, String> m = new LinkedHashMap<>()
        text.readLines().each { String l ->
            String line = l.trim()
            if (!line || line.startsWith('#') || !line.contains('=')) return
            int eq = line.indexOf('=')
            String v = line.substring(eq + 1)
            if (v.length() >= 2 && ((v.startsWith('"') && v.endsWith('"')) || (v.startsWith("'") && v.endsWith("'")))) {
                v = v.substring(1, v.length() - 1).replaceAll(/\\(["\\$`])/, '$1')
            }
            m[line.substring(0, eq)] = v
        }
        m
    }

    /** {@code command -v a b c}: one path per command found; the names found. */
    static Set<String> commandsFound(String text) {
        text.readLines()*.trim().findAll { it }.collect { String p -> p.substring(p.lastIndexOf('/') + 1) }.toSet()
    }

    /** {@code lscpu -p=CPU,CORE,SOCKET,NODE}: one row per logical CPU; an empty NODE (no NUMA) is node 0. */
    static List<CpuRow> lscpu(String text) {
        List<CpuRow> rows = []
        text.readLines()*.trim().findAll { it && !it.startsWith('#') }.each { String l ->
            List<String> f = l.split(',', -1) as List<String>
            if (f.size() != 4 || !(f[0] ==~ /\d+/) || !(f[1] ==~ /\d+/) || !(f[2] ==~ /\d+/) || !(f[3] ==~ /\d*/)) {
                throw new OutputFormatException("lscpu -p=CPU,CORE,SOCKET,NODE: cannot read '${l}'")
            }
            rows << new CpuRow(f[0] as int, f[1] as int, f[2] as int, f[3] ? f[3] as int : 0)
        }
        if (rows.isEmpty()) throw new OutputFormatException('lscpu -p=CPU,CORE,SOCKET,NODE listed no CPU')
        rows
    }

    /** The {@code vendor_id} line of /proc/cpuinfo: {@code intel}, {@code amd}, or null for another vendor. */
    static String cpuVendor(String text) {
        String v = text.readLines().find { it.startsWith('vendor_id') }?.split(':', 2)?.last()?.trim()
        v == 'GenuineIntel' ? 'intel' : v in ['AuthenticAMD', 'HygonGenuine'] ? 'amd' : null
    }

    /** A kernel command line (/proc/cmdline, or a boot loader's) as tokens; double-quoted values keep their spaces. */
    static List<String> cmdline(String text) {
        List<String> tokens = []
        StringBuilder cur = new StringBuilder()
        boolean quoted = false
        text.trim().each { String ch ->
            if (ch == '"') quoted = !quoted
            if (!quoted && Character.isWhitespace(ch as char)) {
                if (cur.length()) { tokens << cur.toString(); cur.setLength(0) }
            } else cur << ch
        }
        if (cur.length()) tokens << cur.toString()
        tokens
    }

    /** {@code grubby --info=DEFAULT}: the value of its {@code args="..."} line. */
    static List<String> grubbyArgs(String text) {
        String line = text.readLines().find { it.startsWith('args=') }
        if (line == null) throw new OutputFormatException("grubby --info=DEFAULT printed no args= line")
        String v = line.substring('args='.length())
        if (v.startsWith('"') && v.endsWith('"') && v.length() >= 2) v = v.substring(1, v.length() - 1)
        cmdline(v)
    }

    /** {@code modinfo -F filename vfio-pci}: true when vfio-pci is built into the kernel (kmod prints "(builtin)"). */
    static boolean builtin(String text) { text.trim() == '(builtin)' }

    /** {@code virsh domstate}: the state, e.g. {@code running} or {@code shut off}. */
    static String domstate(String text) {
        String s = text.readLines()*.trim().find { it }
        if (s == null) throw new OutputFormatException('virsh domstate printed nothing')
        s
    }

    /** {@code virsh list --all --name}: one name per line, then a blank line. */
    static List<String> domainNames(String text) { text.readLines().findAll { !it.trim().isEmpty() } }
}
