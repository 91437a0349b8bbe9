package dev.passthru.spec.shell

import dev.passthru.runtime.shell.ShellQuote
import dev.passthru.runtime.shell.ShellWords
import spock.lang.Specification

class ShellQuoteSpec extends Specification {

    static final List<String> HOSTILE = [
        'router', 'my vm', "it's", '"double"', '$(touch /tmp/pwned)', '`id`', 'a;b', 'a && b', 'a|b',
        'line1\nline2', '\\', "'", "''", '*', '~root', '$HOME', '${IFS}', 'x > /etc/passwd', '-rf', '',
        'tab\there', 'ünïcödé', '#comment', '!event', "lab \"blue\" #1", "a'\"'\"'b",
    ]

    def "sh reads the quoted word back as exactly #value.inspect()"() {
        when: 'a real POSIX shell prints the quoted word'
        Process p = new ProcessBuilder('sh', '-c', "printf '%s' ${ShellQuote.quote(value)}").start()
        String out = p.inputStream.getText('UTF-8')
        p.waitFor()

        then:
        p.exitValue() == 0
        out == value

        where:
        value << HOSTILE
    }

    def "words that need no quotes stay readable"() {
        expect:
        ShellQuote.command('xe', 'vm-list', 'name-label=router', '--minimal') == 'xe vm-list name-label=router --minimal'
        ShellQuote.command('xe', 'vm-list', 'name-label=my vm') == "xe vm-list 'name-label=my vm'"
        ShellQuote.quote("it's") == "'it'\\''s'"
    }

    def "a NUL byte cannot be quoted"() {
        when:
        ShellQuote.quote('a\u0000b')

        then:
        thrown(IllegalArgumentException)
    }

    def "the demo host splits every quoted command back into its words"() {
        expect:
        ShellWords.split(ShellQuote.command(['xe', 'vm-list'] + HOSTILE.findAll { !it.contains('\n') } as String[])) ==
                ['xe', 'vm-list'] + HOSTILE.findAll { !it.contains('\n') }
    }

    def "the demo host refuses shell syntax it would have to interpret: #line"() {
        when:
        ShellWords.split(line)

        then:
        thrown(IllegalArgumentException)

        where:
        line << ['echo $(id)', 'a; b', 'a | b', 'echo `id`', "echo 'open", 'echo "$HOME"']
    }
}
