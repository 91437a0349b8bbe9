package dev.passthru.spec.cli

import spock.lang.Specification
import spock.lang.TempDir
import spock.lang.Timeout

import java.nio.file.Path

/**
 * CPU ranges are checked as ranges: a pinning of CPUs the host does not have is one line at once, whatever
 * the range's size (before, 0..2000000000 was listed number by number: minutes, gigabytes, megabytes of output).
 */
@Timeout(30)
class CpuRangeSpec extends Specification {
    @TempDir
    Path tmp

    def "#pin on #host: exit #exit, one line"() {
        given:
        File f = tmp.resolve('r.groovy').toFile()
        f.text = "recipe('x') {\n  ${pin}\n}\n"
        InProcessCli cli = new InProcessCli(tmp.resolve('home'))

        when:
        int code = cli.run('plan', f.path, '--host', host)

        then:
        code == exit
        cli.err.readLines().findAll { it.startsWith('error: ') } == ["error: ${f.path}:2: ${message}".toString()]
        (cli.out + cli.err).length() < 4000

        where:
        host       | pin                                                   || exit | message
        'demo'     | "vm('router') { pinVcpus 0..2000000000 }"              || 2    | "host demo-xcp-ng-8.3, step 'pin VM 'router' vCPUs to host CPUs 0-2000000000': CPUs 16-2000000000 do not exist; the host has 0-15"
        'demo-kvm' | "vm('win10') { pinVcpus 0..2000000000 }"               || 2    | "host demo-kvm-debian-12, step 'pin VM 'win10' vCPUs to host CPUs 0-2000000000': CPUs 16-2000000000 do not exist; the host has 0-15"
        'demo'     | "vm('router') { pinVcpus 14..17 }"                     || 2    | "host demo-xcp-ng-8.3, step 'pin VM 'router' vCPUs to host CPUs 14-17': CPUs 16-17 do not exist; the host has 0-15"
        'demo'     | "vm('router') { pinVcpus 2, 16 }"                      || 2    | "host demo-xcp-ng-8.3, step 'pin VM 'router' vCPUs to host CPUs 2,16': CPU 16 does not exist; the host has 0-15"
        'demo-kvm' | "vm('win10') { pinVcpus 2, 3, emulator: 0..2000000000 }" || 2  | "host demo-kvm-debian-12, step 'pin VM 'win10' vCPUs to host CPUs 2-3, emulator to 0-2000000000': CPUs 16-2000000000 do not exist; the host has 0-15"
        'demo'     | "vm('router') { pinVcpus 0..5000000000 }"              || 2    | "host demo-xcp-ng-8.3, step 'pin VM 'router' vCPUs to host CPUs 0-5000000000': CPUs 16-5000000000 do not exist; the host has 0-15"
        'demo'     | "vm('router') { pinVcpus(-5..2000000000) }"            || 64   | 'pinVcpus: CPU -5 is negative'
        'demo-kvm' | "vm('win10') { pinVcpus 2000000000..5 }"               || 64   | 'pinVcpus: 2000000000..5 counts down; write 5..2000000000'
    }
}
