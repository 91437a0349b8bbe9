package dev.passthru.spec.cli

import dev.passthru.runtime.cli.Main
import picocli.CommandLine
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Path

/** Help is always there: every command's --help and -h, `passthru help COMMAND`, and usage when nothing is asked. */
class HelpSpec extends Specification {
    @TempDir
    Path tmp

    /** Every subcommand the CLI has, read from the CLI itself so a new one is covered too. */
    static List<String> commands() { new CommandLine(new Main()).subcommands.keySet().findAll { it != 'help' } as List }

    def "#command #flag prints its usage and options on stdout and exits 0"() {
        when:
        CliRun r = CliRun.of(tmp, [command, flag])

        then:
        r.code == 0
        r.err == ''
        r.out.startsWith("Usage: passthru ${command} ")
        r.out.contains('-h, --help')

        where:
        [command, flag] << [commands(), ['--help', '-h']].combinations()
    }

    def "passthru help #command prints the same as #command --help"() {
        when:
        CliRun help = CliRun.of(tmp, ['help', command])

        then:
        help.code == 0
        help.out == CliRun.of(tmp, [command, '--help']).out

        where:
        command << commands()
    }

    def "the commands every operator needs are there"() {
        expect:
        commands().containsAll(['facts', 'check', 'plan', 'apply', 'replay', 'report', 'journals', 'install', 'serve'])
    }

    def "passthru with no arguments prints the usage on stderr and exits 64"() {
        when:
        CliRun r = CliRun.of(tmp, [])

        then:
        r.code == 64
        r.out == ''
        r.err.startsWith('Usage: passthru ')
        r.err.contains('130 interrupted')
    }

    def "the hint after a usage error names a help that exists: #args"() {
        when:
        CliRun bad = CliRun.of(tmp, args)
        String hint = bad.err.readLines().last()
        List<String> helpArgs = (hint =~ /^\(passthru (.*)shows the options\)$/)[0][1].tokenize(' ')

        then:
        bad.code == 64
        CliRun.of(tmp, helpArgs).code == 0

        where:
        args << [['apply', '--no-such-option'], ['plan'], ['facts', '--host'], ['no-such-command']]
    }
}
