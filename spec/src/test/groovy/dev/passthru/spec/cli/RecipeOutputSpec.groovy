package dev.passthru.spec.cli

import groovy.json.JsonSlurper
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Path

/** A recipe's own print and println never mix into machine-readable output: with --json they go to stderr. */
class RecipeOutputSpec extends Specification {
    @TempDir
    Path tmp

    static final String PRINTING = """\
println 'at the top'
recipe('printing') {
    print 'in the recipe'
    println()
    vm('router') {
        printf('%s has %d CPUs%n', facts.host, facts.cpus.count)
        println([vm: 'router'])
        out.println 'through out'
        start()
    }
}
"""
    static final List<String> PRINTED = ['at the top', 'in the recipe', 'demo-xcp-ng-8.3 has 16 CPUs', '[vm:router]',
                                         'through out']

    def "check --json: stdout is the JSON report alone, the recipe's lines are on stderr"() {
        given:
        File f = tmp.resolve('printing.groovy').toFile()
        f.text = PRINTING
        InProcessCli cli = new InProcessCli(tmp.resolve('home'))

        when:
        int code = cli.run('check', f.path, '--json')
        Map report = (Map) new JsonSlurper().parseText(cli.out)

        then:
        code == 0
        report.steps == ["start VM 'router'"]
        cli.err.readLines() == PRINTED
    }

    def "check without --json: the recipe's lines come first on stdout, the command's own stream"() {
        given:
        File f = tmp.resolve('printing.groovy').toFile()
        f.text = PRINTING
        InProcessCli cli = new InProcessCli(tmp.resolve('home'))

        when:
        int code = cli.run('check', f.path)

        then:
        code == 0
        cli.out.readLines().take(5) == PRINTED
        cli.out.contains('passthru check: printing on demo-xcp-ng-8.3')
        cli.err.isEmpty()
    }

    def "plan: the recipe's lines go to the command's stdout (not the JVM's), before the plan"() {
        given:
        File f = tmp.resolve('printing.groovy').toFile()
        f.text = PRINTING
        InProcessCli cli = new InProcessCli(tmp.resolve('home'))

        when:
        int code = cli.run('plan', f.path)

        then:
        code == 0
        cli.out.readLines().take(5) == PRINTED
        cli.out.contains('Nothing was changed (this was a dry run).')
        cli.err.isEmpty()
    }
}
