package dev.passthru.runtime.xcpng

import groovy.transform.CompileStatic

import static dev.passthru.runtime.shell.ShellQuote.command

/** The xl commands of runtime NUMA (vCPU pinning, cpupools), built with the one quoting function. */
@CompileStatic
final class XlNumaCommands {
    private XlNumaCommands() {}

    /** Every domain's vCPUs with their affinities. */
    static String vcpuList() { command('xl', 'vcpu-list') }

    /** Every domain with its memory's NUMA node affinity. */
    static String listNuma() { command('xl', 'list', '--numa') }

    /** Every domain with its cpupool. */
    static String listCpupool() { command('xl', 'list', '-c') }

    /** The cpupools: scheduler, CPU and domain counts. */
    static String cpupoolList() { command('xl', 'cpupool-list') }

    /** The cpupools' CPU lists. */
    static String cpupoolCpus() { command('xl', 'cpupool-list', '-c') }

    /** One cpupool per NUMA node. */
    static String numaSplit() { command('xl', 'cpupool-numa-split') }

    /** Moves a domain (its id) into a cpupool. */
    static String cpupoolMigrate(int domid, String pool) {
        command('xl', 'cpupool-migrate', "${domid}".toString(), pool)
    }

    /** Sets the hard affinity of all of a domain's vCPUs (live; lost when the domain goes). */
    static String vcpuPin(int domid, String cpus) { command('xl', 'vcpu-pin', "${domid}".toString(), 'all', cpus) }
}
