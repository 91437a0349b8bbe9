package dev.passthru.runtime.cli

import groovy.transform.CompileStatic
import picocli.CommandLine.Option

/** Options for running on many hosts from an inventory (plan, apply, check, facts). */
@CompileStatic
class FleetOptions implements Validated {
    @Option(names = '--inventory', paramLabel = 'FILE', description = 'Run on the hosts of this inventory: Ansible ' +
            'INI or YAML, or passthru Groovy (.groovy). Recipes read host variables as vars.NAME.')
    File inventory

    @Option(names = '--limit', paramLabel = 'PATTERN', description = 'Only these groups or hosts (comma-separated; ' +
            'default all).')
    String limit

    @Option(names = '--forks', paramLabel = 'N', description = 'Hosts at a time (default ${DEFAULT-VALUE}).')
    int forks = 10

    @Option(names = '--fail-fast', description = 'After a host fails, start no other host (running ones finish). ' +
            'Default: the others go on.')
    boolean failFast

    @Option(names = '--shard', paramLabel = 'I/N', description = 'Run only shard I of N (hosts sorted by name, every ' +
            'N-th): for CI jobs that split an inventory; merge their reports with passthru report.')
    String shard

    @Option(names = '--report-json', paramLabel = 'FILE', description = 'Write the fleet report as JSON (schema ' +
            'passthru.fleet-report/1).')
    File reportJson

    @Option(names = '--junit', paramLabel = 'FILE', description = 'Write the fleet report as JUnit XML (a testsuite ' +
            'per host, a testcase per step).')
    File junit

    @Option(names = '--log-dir', paramLabel = 'DIR', description = 'Where each host\'s full output goes (default: ' +
            'beside the journals, fleet/RUN/HOST.log).')
    File logDir

    /** Refuses a --forks below 1 before any host is touched. */
    void validate() {
        OptionChecks.positive(forks, '--forks')
    }
}
