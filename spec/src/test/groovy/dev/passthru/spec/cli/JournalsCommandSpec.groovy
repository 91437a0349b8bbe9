package dev.passthru.spec.cli

import dev.passthru.spec.Repo
import groovy.json.JsonOutput
import groovy.json.JsonSlurper
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Path
import java.time.Instant
import java.time.temporal.ChronoUnit

/** passthru journals: what ran where and how it ended, newest first; --prune removes old finished runs. */
class JournalsCommandSpec extends Specification {
    @TempDir
    Path tmp

    File runs() { tmp.resolve('home/runs').toFile() }

    /** A journal as apply writes it, started {@code daysAgo} days ago. */
    File journal(String run, int daysAgo, boolean finished) {
        runs().mkdirs()
        Instant started = Instant.now().minus(daysAgo, ChronoUnit.DAYS)
        Map j = [journal: 1, run: run, host: 'demo-xcp-ng-8.3', recipe: '/r/nic.groovy', started: started.toString(),
                 outcome: finished ? 'ok' : 'running', steps: [[index: 1, status: 'OK'], [index: 2, status: 'CHANGED']]]
        if (finished) j.finished = started.plusSeconds(5).toString()
        File f = new File(runs(), run + '.json')
        f.text = JsonOutput.toJson(j)
        f
    }

    def "journals lists the runs newest first with host, outcome and recipe"() {
        given:
        CliRun.of(tmp, ['apply', Repo.file('recipes/xcp-ng/nic-passthrough.groovy').path])
        String applied = new JsonSlurper().parse(runs().listFiles()[0]).run
        journal('20200101-000000-000-nic', 2000, true)

        when:
        CliRun r = CliRun.of(tmp, ['journals'])
        List<String> lines = r.out.readLines()

        then:
        r.code == 0
        lines[0] ==~ /run\s+started\s+host\s+outcome\s+recipe/
        lines[1].startsWith(applied)
        lines[1] ==~ /.*demo-xcp-ng-8.3\s+ok \(6 steps\)\s+.*recipes\/xcp-ng\/nic-passthrough.groovy/
        lines[2] ==~ /20200101-000000-000-nic\s+20\d\d-\d\d-\d\dT\d\d:\d\d:\d\d\s+/ +
                /demo-xcp-ng-8.3\s+ok \(2 steps\)\s+\/r\/nic.groovy/
        lines.last() == "2 journals in ${runs()}"
    }

    def "journals --prune DAYS removes finished runs older than DAYS days and keeps running ones"() {
        given:
        File old = journal('20200101-000000-000-old', 40, true)
        File running = journal('20200102-000000-000-running', 40, false)
        File recent = journal('20200103-000000-000-recent', 2, true)

        when:
        CliRun r = CliRun.of(tmp, ['journals', '--prune', '30'])

        then:
        r.code == 0
        r.out == "removed 1 journal older than 30 days from ${runs()}; 2 kept\n"
        !old.exists()
        running.exists()
        recent.exists()
    }

    def "journals with no journal directory says so"() {
        when:
        CliRun r = CliRun.of(tmp, ['journals'])

        then:
        r.code == 0
        r.out == "no journals in ${runs()}\n"
    }

    def "a file in the journal directory that is not a journal is listed as unreadable, not a stack trace"() {
        given:
        runs().mkdirs()
        new File(runs(), 'broken.json').text = '{"run": '

        when:
        CliRun r = CliRun.of(tmp, ['journals'])

        then:
        r.code == 0
        r.out.readLines()[1] ==~ /broken\s+-\s+\?\s+unreadable \(0 steps\)\s+\?/
    }
}
