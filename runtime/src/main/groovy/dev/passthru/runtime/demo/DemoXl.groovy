package dev.passthru.runtime.demo

import dev.passthru.runtime.transport.CommandResult
import groovy.transform.CompileStatic

/**
 * The demo XCP-ng host's runtime NUMA xl commands: vcpu-list, vcpu-pin DOM all CPUS, list --numa / -n / -c,
 * cpupool-list [-c], cpupool-numa-split, cpupool-migrate. Formats and messages are those recorded from Xen 4.17's xl in
 * the Xen lab (spec/src/test/resources/real/xen-lab-dom0, README there), printed from xl_vcpu.c, xl_list.c and
 * xl_cpupool.c's printf formats. The demo's VMs have 2 vCPUs each and Domain-0 one per host CPU; soft affinity is
 * all (xenopsd sets none); a domain's node affinity is Xen's automatic one: the nodes of its vCPUs' hard affinity.
 */
@CompileStatic
class DemoXl {
    static final String VCPU_HEADER = 'Name                                ID  VCPU   CPU State   Time(s) ' +
            'Affinity (Hard / Soft)\n'
    static final String LIST_HEADER = 'Name                                        ID   Mem VCPUs\tState\tTime(s)'
    static final String POOL_HEADER = 'Name               CPUs   Sched     Active   Domain count\n'
    static final String POOL_CPU_HEADER = 'Name               CPU list\n'
    static final int VM_VCPUS = 2
    private final DemoState state
    private final DemoXlState xl

    DemoXl(DemoState state) {
        this.state = state
        this.xl = state.xl
    }

    /** The answer to an xl runtime NUMA command, or null when {@code argv} is not one. */
    CommandResult run(String command, List<String> argv) {
        List<String> a = argv.drop(1)
        domains()
        if (a == ['vcpu-list']) return ok(command, vcpuList(null))
        if (a.size() == 2 && a[0] == 'vcpu-list') return vcpuListOf(command, a[1])
        if (a.size() == 4 && a[0] == 'vcpu-pin' && a[2] == 'all') return pin(command, a[1], a[3])
        if (a == ['list', '--numa'] || a == ['list', '-n']) return ok(command, list(' NODE Affinity', true))
        if (a == ['list', '-c']) return ok(command, list('         Cpupool', false))
        if (a == ['cpupool-list']) return ok(command, poolList())
        if (a == ['cpupool-list', '-c']) return ok(command, poolCpuList())
        if (a == ['cpupool-numa-split']) return split(command)
        if (a.size() == 3 && a[0] == 'cpupool-migrate') return migrate(command, a[1], a[2])
        null
    }

    /** The domain id of a running VM (its domain built on first sight), -1 for a halted one. */
    int domid(DemoState.Vm vm) {
        domains()
        xl.domids[vm.uuid] ?: -1
    }

    /** Builds a domain for each running VM that has none yet, its vCPUs pinned from VCPUs-params:mask. */
    private void domains() {
        state.vms.values().findAll { DemoState.Vm v -> v.powerState == 'running' && !xl.domids.containsKey(v.uuid) }
                .each { DemoState.Vm v ->
                    xl.domids[v.uuid] = xl.nextDomid++
                    String mask = v.vcpusParams['mask']
                    SortedSet<Integer> pinned = mask ? new TreeSet<Integer>(mask.split(',').collect { String c ->
                        c.trim() as Integer }) : null
                    xl.hard[v.uuid] = (1..VM_VCPUS).collect { pinned as SortedSet<Integer> }
                }
    }

    private SortedSet<Integer> allCpus() { new TreeSet<Integer>(state.cpus*.cpu) }

    private Map<String, SortedSet<Integer>> pools() { xl.pools ?: ['Pool-0': allCpus()] }

    private String poolOf(String uuid) { xl.poolOf[uuid] ?: pools().keySet().first() }

    private List<DemoState.Vm> running() {
        state.vms.values().findAll { DemoState.Vm v -> xl.domids.containsKey(v.uuid) }
                .sort { DemoState.Vm v -> xl.domids[v.uuid] }
    }

    /** The running VM or dom0 xl finds by id or name (the first of that name, as libxl_name_to_domid); null: none. */
    private String uuidOf(String domain) {
        if (domain == '0' || domain == 'Domain-0') return ''
        DemoState.Vm v = running().find { DemoState.Vm r -> "${xl.domids[r.uuid]}" == domain || r.name == domain }
        v?.uuid
    }

    private String dom0Cpu(int vcpu) { xl.dom0Online != null && vcpu >= xl.dom0Online ? '-' : "${vcpu}" }

    /** xl_vcpu.c print_vcpuinfo: "%-32s %5u %5u", "%5u" (or "    -"), "   %c%c%c", " %9.1f", "  HARD / SOFT". */
    private String vcpuList(String only) {
        StringBuilder out = new StringBuilder(VCPU_HEADER)
        if (only == null || only == '') {
            state.cpus.size().times { int i ->
                String cpu = dom0Cpu(i)
                out << row('Domain-0', 0, i, cpu, cpu == '-' ? '--p' : (i == 0 ? 'r--' : '-b-'), 'all')
            }
        }
        running().findAll { DemoState.Vm v -> only == null || v.uuid == only }.each { DemoState.Vm v ->
            int id = xl.domids[v.uuid]
            xl.hard[v.uuid].eachWithIndex { SortedSet<Integer> h, int i ->
                SortedSet<Integer> can = h == null ? pools()[poolOf(v.uuid)] : h
                out << row(v.name, id, i, "${can.toList()[i % can.size()]}", '-b-', text(h))
            }
        }
        out.toString()
    }

    private static String row(String name, int id, int vcpu, String cpu, String st, String hard) {
        double time = 10.0d + id * 3 + vcpu * 1.5d
        String.format('%-32s %5d %5d%5s   %s %9.1f  %s / all%n', name, id, vcpu, cpu, st, time, hard)
                .replace(System.lineSeparator(), '\n')
    }

    private CommandResult vcpuListOf(String command, String domain) {
        String uuid = uuidOf(domain)
        if (uuid == null) return new CommandResult(command, 1, VCPU_HEADER, invalid(domain))
        ok(command, vcpuList(uuid))
    }

    private static String invalid(String domain) { "${domain} is an invalid domain identifier (rc=-6)\n" }

    /** xl vcpu-pin DOM all CPUS: a CPU list outside the domain's pool fails per vCPU in libxl but xl exits 0. */
    private CommandResult pin(String command, String domain, String cpus) {
        String uuid = uuidOf(domain)
        if (uuid == null) return DemoHost.fail(command, 1, invalid(domain))
        if (uuid == '') return DemoHost.usage(command)
        SortedSet<Integer> wanted
        if (cpus == 'all') wanted = null
        else if (cpus ==~ /\d+(-\d+)?(,\d+(-\d+)?)*/) wanted = cpuSet(cpus)
        else if (cpus.startsWith('node') || cpus.contains('^')) return DemoHost.usage(command)
        else return DemoHost.fail(command, 1, "Invalid pcpu range: ${cpus}.\n")
        SortedSet<Integer> pool = pools()[poolOf(uuid)]
        if (wanted != null && (!(wanted - allCpus()).isEmpty() || (pool - (pool - wanted)).isEmpty())) {
            int id = xl.domids[uuid]
            String err = (0..<xl.hard[uuid].size()).collect { int i ->
                'libxl: error: libxl_sched.c:62:libxl__set_vcpuaffinity: Domain ' +
                        "${id}:Setting vcpu affinity: Invalid argument\n" +
                        'libxl: warning: libxl_sched.c:124:libxl_set_vcpuaffinity_all: Domain ' +
                        "${id}:Failed to set affinity for ${i}\n"
            }.join('') + 'Could not set affinity.\n'
            return new CommandResult(command, 0, '', err)
        }
        xl.hard[uuid] = xl.hard[uuid].collect { wanted }
        ok(command, '')
    }

    private static SortedSet<Integer> cpuSet(String text) {
        SortedSet<Integer> out = new TreeSet<Integer>()
        text.split(',').each { String p ->
            String[] ends = p.split('-')
            out.addAll((ends[0] as int)..(ends[ends.length - 1] as int))
        }
        out
    }

    /** xl's print_bitmap: runs of CPUs as "a-b", single ones as "a", joined by commas. */
    private static String ranges(SortedSet<Integer> cpus) {
        List<List<Integer>> runs = []
        cpus.each { int c -> runs && runs[-1][1] == c - 1 ? (runs[-1][1] = c) : runs.add([c, c]) }
        runs.collect { List<Integer> r -> r[0] == r[1] ? "${r[0]}" : "${r[0]}-${r[1]}" }.join(',')
    }

    /** An affinity as xl prints it: "all" when it holds every host CPU, else ranges ("2-3", "0,2"). */
    private String text(SortedSet<Integer> cpus) { cpus == null || cpus == allCpus() ? 'all' : ranges(cpus) }

    /** xl_list.c list_domains: "%-40s %5d %5lu %5d     %c%c%c%c%c%c  %8.1f", then " NODES" or "%16s" (the pool). */
    private String list(String column, boolean numa) {
        StringBuilder out = new StringBuilder(LIST_HEADER + column + '\n')
        int dom0Vcpus = xl.dom0Online ?: state.cpus.size()
        String dom0Mem = (state.dom0Commandline() + ' ' + state.xenCmdline).find(/dom0_mem=(\d+)M/) { String all,
                String m -> m } ?: '4096'
        out << listRow('Domain-0', 0, dom0Mem as int, dom0Vcpus, 'r-----', numa ? 'all' : poolOf(''), numa)
        running().each { DemoState.Vm v ->
            int id = xl.domids[v.uuid]
            out << listRow(v.name, id, (int) (v.memory >> 20), VM_VCPUS, '-b----',
                    numa ? nodes(xl.hard[v.uuid]) : poolOf(v.uuid), numa)
        }
        out.toString()
    }

    private static String listRow(String name, int id, int mem, int vcpus, String st, String last, boolean numa) {
        String.format(numa ? '%-40s %5d %5d %5d     %s  %8.1f %s%n' : '%-40s %5d %5d %5d     %s  %8.1f%16s%n',
                name, id, mem, vcpus, st, 100.0d + id * 7, last).replace(System.lineSeparator(), '\n')
    }

    /** Xen's automatic node affinity: the nodes holding any CPU of any vCPU's hard affinity ("all" for every node). */
    private String nodes(List<SortedSet<Integer>> hard) {
        Set<Integer> all = state.cpus*.node as Set<Integer>
        Set<Integer> used = state.cpus.findAll { DemoCpu c ->
            hard.any { SortedSet<Integer> h -> h == null || h.contains(c.cpu) }
        }*.node as Set<Integer>
        used == all ? 'all' : ranges(new TreeSet<Integer>(used))
    }

    private int domainsIn(String pool) {
        (poolOf('') == pool ? 1 : 0) + running().count { DemoState.Vm v -> poolOf(v.uuid) == pool } as int
    }

    /** xl_cpupool.c main_cpupoollist: "%-19s", "%3d %9s       y       %4d". */
    private String poolList() {
        POOL_HEADER + pools().collect { String name, SortedSet<Integer> cpus ->
            String.format('%-19s%3d %9s       y       %4d%n', name, cpus.size(), 'credit', domainsIn(name))
                    .replace(System.lineSeparator(), '\n')
        }.join('')
    }

    /** xl cpupool-list -c: "%-19s" and each CPU, comma-separated. */
    private String poolCpuList() {
        POOL_CPU_HEADER + pools().collect { String name, SortedSet<Integer> cpus ->
            String.format('%-19s%s%n', name, cpus.join(',')).replace(System.lineSeparator(), '\n')
        }.join('')
    }

    /**
     * xl cpupool-numa-split: Pool-0 becomes Pool-node0 (with every domain), one new pool per further node; dom0 keeps
     * as many vCPUs online as its pool has CPUs; a vCPU whose hard affinity leaves its pool is reset to all.
     */
    private CommandResult split(String command) {
        if (xl.pools) return DemoHost.fail(command, 1, 'splitting not possible, already cpupools in use\n')
        (state.cpus*.node as Set<Integer>).sort().each { int n ->
            xl.pools["Pool-node${n}".toString()] = new TreeSet<Integer>(state.cpus.findAll { DemoCpu c -> c.node == n }
                    *.cpu)
        }
        SortedSet<Integer> first = xl.pools.values().first()
        if (state.cpus.size() > first.size()) xl.dom0Online = (int) first.size()
        xl.hard.keySet().each { String uuid ->
            xl.hard[uuid] = xl.hard[uuid].collect { SortedSet<Integer> h ->
                h != null && (first - (first - h)).isEmpty() ? null : h
            }
        }
        ok(command, '')
    }

    /** xl cpupool-migrate DOM POOL: the domain's vCPU affinities are reset to all. */
    private CommandResult migrate(String command, String domain, String pool) {
        String uuid = uuidOf(domain)
        if (uuid == null) return DemoHost.fail(command, 1, "unknown domain '${domain}'\n")
        if (uuid == '') return DemoHost.usage(command)
        if (!pools().containsKey(pool)) return DemoHost.fail(command, 1, "unknown cpupool '${pool}'\n")
        if (poolOf(uuid) == pool) return ok(command, '')
        xl.poolOf[uuid] = pool
        xl.hard[uuid] = xl.hard[uuid].collect { null as SortedSet<Integer> }
        ok(command, '')
    }

    private static CommandResult ok(String command, String out) { new CommandResult(command, 0, out, '') }
}
