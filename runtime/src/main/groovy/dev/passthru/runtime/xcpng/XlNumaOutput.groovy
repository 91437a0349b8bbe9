package dev.passthru.runtime.xcpng

import dev.passthru.dsl.CpuSet
import dev.passthru.runtime.engine.OutputFormatException
import groovy.transform.CompileStatic

import java.util.regex.Matcher

/**
 * Readers of xl's runtime NUMA outputs (Xen 4.17 xl_vcpu.c, xl_list.c, xl_cpupool.c): {@code xl vcpu-list},
 * {@code xl list --numa}, {@code xl cpupool-list} and {@code -c}. Pure: text in, values out. Domain names may hold
 * spaces (an XCP-ng VM's name-label), so rows are read from their right end.
 */
@CompileStatic
final class XlNumaOutput {
    private XlNumaOutput() {}

    /** {@code xl vcpu-list [DOMAIN]}: one row per vCPU ("%-32s %5u %5u %5u|    -   %c%c%c  %9.1f  HARD / SOFT"). */
    static List<XlVcpu> vcpuList(String stdout) {
        rows(stdout, 'Name ', 'xl vcpu-list').collect { String l ->
            Matcher m = l =~ /^(.+?)\s+(\d+)\s+(\d+)\s+(\d+|-)\s+(\S{3})\s+(\d+\.\d)\s+(\S+) \/ (\S+)$/
            if (!m.matches()) throw unreadable('xl vcpu-list', l, 'Name ID VCPU CPU State Time(s) Hard / Soft')
            Integer cpu = m.group(4) == '-' ? null : m.group(4) as Integer
            new XlVcpu(m.group(1), m.group(2) as int, m.group(3) as int, cpu, m.group(5),
                    cpus(m.group(7), 'xl vcpu-list'), cpus(m.group(8), 'xl vcpu-list'))
        }
    }

    /** {@code xl list --numa} (or {@code -n}): one row per domain, its NODE Affinity last. */
    static List<XlDomainNuma> listNuma(String stdout) {
        rows(stdout, 'Name ', 'xl list --numa').collect { String l ->
            Matcher m = l =~ /^(.+?)\s+(\d+)\s+(\d+)\s+(\d+)\s+(\S{6})\s+(\d+\.\d)\s+(\S+)$/
            if (!m.matches()) throw unreadable('xl list --numa', l, 'Name ID Mem VCPUs State Time(s) NODE Affinity')
            new XlDomainNuma(m.group(1), m.group(2) as int, m.group(3) as int, m.group(4) as int, m.group(5),
                    cpus(m.group(7), 'xl list --numa'))
        }
    }

    /** {@code xl list -c}: each domain's cpupool (its last column, "%16s"), by domain id. */
    static Map<Integer, String> poolOf(String stdout) {
        Map<Integer, String> out = [:]
        rows(stdout, 'Name ', 'xl list -c').each { String l ->
            Matcher m = l =~ /^(.+?)\s+(\d+)\s+(\d+)\s+(\d+)\s+(\S{6})\s+(\d+\.\d)\s+(\S+)$/
            if (!m.matches()) throw unreadable('xl list -c', l, 'Name ID Mem VCPUs State Time(s) Cpupool')
            out[m.group(2) as Integer] = m.group(7)
        }
        out
    }

    /**
     * The cpupools of {@code xl cpupool-list} ("Name CPUs Sched Active Domain count") with their CPUs from
     * {@code xl cpupool-list -c} ("Name CPU list"), in the order xl lists them.
     */
    static List<XlCpupool> cpupools(String list, String cpuList) {
        Map<String, CpuSet> cpusOf = [:]
        rows(cpuList, 'Name ', 'xl cpupool-list -c').each { String l ->
            Matcher m = l =~ /^(\S+)\s+(\S+)$/
            if (!m.matches()) throw unreadable('xl cpupool-list -c', l, 'Name CPU list')
            cpusOf[m.group(1)] = cpus(m.group(2), 'xl cpupool-list -c')
        }
        rows(list, 'Name ', 'xl cpupool-list').collect { String l ->
            Matcher m = l =~ /^(\S+)\s+(\d+)\s+(\S+)\s+([yn])\s+(\d+)$/
            if (!m.matches()) throw unreadable('xl cpupool-list', l, 'Name CPUs Sched Active Domain count')
            if (!cpusOf.containsKey(m.group(1))) {
                throw new OutputFormatException("xl cpupool-list -c does not list cpupool '${m.group(1)}'")
            }
            new XlCpupool(m.group(1), m.group(3), m.group(5) as int, cpusOf[m.group(1)])
        }
    }

    /** A CPU or node list as xl prints it ({@code 0-1}, {@code 0,2}, {@code 3}); null for {@code all}. */
    static CpuSet cpus(String text, String command) {
        if (text == 'all') return null
        if (!(text ==~ /\d+(-\d+)?(,\d+(-\d+)?)*/)) {
            throw new OutputFormatException("${command}: cannot read the CPU list '${text}'")
        }
        CpuSet out = CpuSet.EMPTY
        text.split(',').each { String part ->
            List<String> ends = part.split('-') as List<String>
            out = out.plus(CpuSet.range(ends[0] as long, ends[-1] as long))
        }
        out
    }

    /** The lines after the header line (which starts with {@code header}); none when xl printed no header. */
    private static List<String> rows(String stdout, String header, String command) {
        List<String> lines = stdout.readLines().findAll { String l -> l.trim() }
        if (lines.isEmpty()) return []
        if (!lines[0].startsWith(header)) {
            throw new OutputFormatException("${command}: expected a header line starting '${header.trim()}', " +
                    "got '${lines[0]}'")
        }
        lines.drop(1)
    }

    private static OutputFormatException unreadable(String command, String line, String columns) {
        new OutputFormatException("${command}: cannot read '${line}' (expected ${columns})")
    }
}
