package dev.passthru.spec.cli

import dev.passthru.runtime.cli.Main
import dev.passthru.runtime.engine.RemoteCommandException
import dev.passthru.runtime.transport.CommandResult
import groovy.json.JsonSlurper
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Path

/**
 * A failing command's whole stderr reaches the user: xe prints its error's description, then one
 * {@code param: value} line per parameter, and the cause is in those. On the demo XCP-ng host, 'big-db' needs
 * more memory than the host has free, so its start fails as XAPI's HOST_NOT_ENOUGH_FREE_MEMORY does.
 */
class CommandErrorSpec extends Specification {
    static final String START = 'xe vm-start uuid=fbb6d9f7-a05d-4ec0-8fa6-6c7d8e9fa0b1'
    static final List<String> XE_ERROR = ['Not enough host memory is available to perform this operation',
                                          'needed: 206158430208', 'available: 124287713280']
    @TempDir
    Path tmp
    String out, err

    int cli(String... args) {
        ByteArrayOutputStream o = new ByteArrayOutputStream(), e = new ByteArrayOutputStream()
        int code = Main.run(args, new PrintStream(o, true, 'UTF-8'), new PrintStream(e, true, 'UTF-8'),
                [PASSTHRU_HOME: tmp.resolve('home').toString()], false)
        out = o.toString('UTF-8'); err = e.toString('UTF-8')
        code
    }

    File file(String name, String text) { File f = tmp.resolve(name).toFile(); f.text = text; f }

    def "the step's error quotes every line of xe's error, indented under it, and the journal holds them all"() {
        given:
        File recipe = file('db.groovy', "recipe('db') {\n  vm('big-db') { start() }\n}\n")

        when:
        int code = cli('apply', recipe.path)
        File journal = tmp.resolve('home/runs').toFile().listFiles().find { it.name.endsWith('.json') }
        Map step = ((Map) new JsonSlurper().parse(journal)).steps[0]

        then:
        code == 2
        out.contains(("    ${recipe.path}:2: host demo-xcp-ng-8.3, step 'start VM 'big-db'': `${START}` failed with exit 1:\n" +
                XE_ERROR.collect { "        ${it}\n" }.join('')).toString())
        step.status == 'FAILED'
        step.message == "`${START}` failed with exit 1:\n${XE_ERROR.join('\n')}"
    }

    def "a fleet's JSON report holds the whole error too, and its summary quotes it indented under the host"() {
        given:
        File recipe = file('db.groovy', "recipe('db') {\n  vm('big-db') { start() }\n}\n")
        File inventory = file('rack.ini', '[rack]\nxcp1 ansible_host=demo\n')
        File json = tmp.resolve('report.json').toFile()

        when:
        int code = cli('apply', recipe.path, '--inventory', inventory.path, '--report-json', json.path)
        Map report = (Map) new JsonSlurper().parse(json)

        then:
        code == 2
        report.hosts[0].steps[0].message == "`${START}` failed with exit 1:\n${XE_ERROR.join('\n')}"
        out.contains("  FAILED xcp1: step 1 'start VM 'big-db'' (line 2): `${START}` failed with exit 1:\n" +
                XE_ERROR.collect { "      ${it}\n" }.join(''))
    }

    def "the message of a failed command: #what"() {
        expect:
        RemoteCommandException.message(new CommandResult('xe vm-start uuid=u', 1, '', stderr)) == message

        where:
        what                          | stderr                                   || message
        'no stderr'                   | ''                                       || '`xe vm-start uuid=u` failed with exit 1'
        'one line'                    | 'bash: xe: command not found\n'          || '`xe vm-start uuid=u` failed with exit 1: bash: xe: command not found'
        'one line among blank ones'   | '\n  oops  \n\n'                         || '`xe vm-start uuid=u` failed with exit 1: oops'
        'several lines, all kept'     | 'The uuid you supplied was invalid.\ntype: VM\nuuid: u\n' ||
                '`xe vm-start uuid=u` failed with exit 1:\nThe uuid you supplied was invalid.\ntype: VM\nuuid: u'
        'blank lines dropped'         | 'a\n\nb  \n'                             || '`xe vm-start uuid=u` failed with exit 1:\na\nb'
        'more than 100 lines'         | (1..103).collect { "l${it}\n" }.join('') ||
                "`xe vm-start uuid=u` failed with exit 1:\n${(1..100).collect { "l${it}" }.join('\n')}\n(3 more lines of stderr not shown)"
    }
}
