package dev.passthru.spec.fleet

import dev.passthru.runtime.cli.Main
import dev.passthru.runtime.fleet.StatusBoard
import dev.passthru.runtime.fleet.TerminalSize
import dev.passthru.spec.Repo
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Path

/**
 * The fleet board stays within the terminal: lines cut to the width, only changed lines rewritten, a compact
 * view (counter and running hosts) when hosts outnumber rows; failure text only in the final summary.
 */
class StatusBoardSpec extends Specification {
    @TempDir
    Path tmp

    ByteArrayOutputStream bytes = new ByteArrayOutputStream()
    PrintStream ps = new PrintStream(bytes, true, 'UTF-8')

    String written() { bytes.toString('UTF-8') }

    def "terminal size from COLUMNS and LINES: #env"() {
        expect:
        TerminalSize.from(env).with { [it.columns, it.rows] } == size

        where:
        env                               || size
        [:]                               || [80, 24]
        [COLUMNS: '132', LINES: '50']     || [132, 50]
        [COLUMNS: ' 100 ', LINES: 'x']    || [100, 24]
        [COLUMNS: '0', LINES: '-3']       || [80, 24]
        [COLUMNS: '8', LINES: '2']        || [20, 4]
        null                              || [80, 24]
    }

    def "full view: one line per host, cut to the width; an update rewrites only the line that changed"() {
        given:
        StatusBoard board = new StatusBoard(ps, true, ['h1', 'h2', 'h3'], new TerminalSize(30, 24))

        when:
        ['h1', 'h2', 'h3'].each { board.started(it) }
        bytes.reset()
        board.step('h2', '[1/6] attach 0000:04:01.0 to VM router')

        then: 'two rows up, erase, the line cut to 29 columns, two rows down'
        !board.compact
        written() == '\u001b[2A\r\u001b[2Kh2  [1/6] attach 0000:04:0...\u001b[2B\r'

        when: 'the same text again writes nothing'
        bytes.reset()
        board.step('h2', '[1/6] attach 0000:04:01.0 to VM router')

        then:
        written() == ''
    }

    def "compact view when hosts outnumber rows: a counter and the running hosts, each keeping its row; never above the terminal"() {
        given:
        List<String> names = (1..30).collect { "host-${it}".toString() }
        StatusBoard board = new StatusBoard(ps, true, names, new TerminalSize(40, 8))

        when: 'hosts run five at a time, each doing a few steps; then two of the last five start'
        names.take(25).collate(5).each { List<String> wave ->
            wave.each { board.started(it) }
            (1..3).each { int s -> wave.each { board.step(it, "[${s}/3] a step with a long description that will not fit") } }
            wave.eachWithIndex { String h, int i -> board.finished(h, i == 0 ? 'failed' : 'changed', i == 0 ? 'FAILED  1 failed' : 'CHANGED  3 changed') }
        }
        names[25..26].each { board.started(it) }
        Screen screen = new Screen(40, 8).feed(written())

        then: 'lines within 39 columns, moves within 7 rows; the counter (cut) and the two running hosts in the first rows'
        board.compact
        screen.widest <= 39
        screen.highestMove <= 7
        screen.text() == ['30 hosts: 25 done (20 changed, 5 fai...', 'host-26  connecting ...', 'host-27  connecting ...', '', '', '', '']
    }

    def "60 demo hosts on an 80x24 terminal: compact, within the width, linear in the hosts; the summary has the full failure"() {
        given:
        File inv = tmp.resolve('rack.ini').toFile()
        inv.text = "[rack]\nr[01:59] nic=0000:04:01.0\nr60 nic=0000:09:00.0\n[rack:vars]\nansible_host=demo\nvm=router\n"
        String recipe = Repo.file('recipes/fleet/nic-by-host.groovy').path
        ByteArrayOutputStream o = new ByteArrayOutputStream()

        when:
        int code = Main.run(['apply', recipe, '--inventory', inv.path] as String[], new PrintStream(o, true, 'UTF-8'), new PrintStream(new ByteArrayOutputStream(), true, 'UTF-8'),
                [PASSTHRU_HOME: tmp.resolve('home').toString(), COLUMNS: '80', LINES: '24'], true)
        String out = o.toString('UTF-8')
        int boardStart = out.indexOf('at a time\n\n') + 'at a time\n\n'.length()
        int boardEnd = out.lastIndexOf('\u001b[J')

        then: 'each host costs its board updates (start, 6 steps, reboot, finish: one line of at most 80 bytes and its escapes each), its table row and log line'
        code == 2
        o.size() < 60 * 1536

        and: 'the board never wrote past column 79 nor moved above the terminal'
        boardEnd > boardStart
        Screen board = new Screen(80, 24).feed(out.substring(boardStart, boardEnd))
        board.widest <= 79
        board.highestMove <= 23

        and: 'the summary after it has the full failure text, longer than a line of the board'
        String failure = "FAILED r60: preflight: ${recipe}:9: device 0000:09:00.0 is not on this host"
        failure.length() > 80
        out.substring(boardEnd).contains(failure)
        out.substring(boardEnd).contains('60 hosts: 59 changed, 1 failed')
        !out.substring(boardStart, boardEnd).contains('is not on this host')
    }
}
