package dev.passthru.spec.text

import dev.passthru.spec.cli.CliRun
import dev.passthru.runtime.text.Document
import dev.passthru.runtime.text.DocumentException
import dev.passthru.spec.Repo
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Path

/**
 * YAML and JSON that do not parse are one line with the file, line and column and the parser's reason (tapes,
 * inventories, fleet reports), never "null" or the parser's internals; a JSON that is not a fleet report says so.
 */
class ParseErrorSpec extends Specification {
    @TempDir
    Path tmp
    String out, err

    int cli(String... args) {
        CliRun r = CliRun.of(tmp, args as List<String>)
        out = r.out
        err = r.err
        r.code
    }

    File file(String name, String text) { File f = tmp.resolve(name).toFile(); f.text = text; f }

    def "YAML: #what"() {
        when:
        Document.yaml(text, 'f.yaml')

        then:
        DocumentException e = thrown()
        e.message == message

        where:
        what                  | text                                                      || message
        'bad indentation'     | 'tape: 1\ninteractions:\n  - command: ls\n    exit: 0\n   stdout: x\n' || "f.yaml:5:4: not YAML: expected <block end>, but found '<block mapping start>' (while parsing a block collection at line 3)"
        'unclosed quote'      | "a: 'x\n"                                                 || 'f.yaml:2:1: not YAML: found unexpected end of stream (while scanning a quoted scalar at line 1)'
        'a second colon'      | 'key: value: other\n'                                     || 'f.yaml:1:11: not YAML: mapping values are not allowed here'
        'a tab'               | 'a:\n\tb: 1\n'                                            || "f.yaml:2:1: not YAML: found character '\\t(TAB)' that cannot start any token. (Do not use \\t(TAB) for indentation) (while scanning for the next token)"
        'two documents'       | 'a: 1\n---\nb: 2\n'                                       || 'f.yaml:3:1: not YAML: more than one document in the file'
    }

    def "JSON: #what"() {
        when:
        Document.json(text, 'r.json')

        then:
        DocumentException e = thrown()
        e.message == message

        where:
        what                  | text                      || message
        'a missing value'     | '{"a": 1,\n "b": }'       || "r.json:2:7: not JSON: Unexpected character ('}' (code 125)): expected a value"
        'a wrong close'       | '{"a": [1, 2}'            || "r.json:1:12: not JSON: Unexpected close marker '}': expected ']' (for Array starting at line 1, column 7)"
        'empty'               | ''                        || 'r.json: not JSON: the file is empty'
        'trailing text'       | '{"a": 1} x'              || "r.json:1:11: not JSON: Unrecognized token 'x': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')"
    }

    def "YAML and JSON keep the line of every key and item, for messages about their content"() {
        given:
        Document d = Document.yaml('all:\n  hosts:\n    r1:\n      ansible_port: 22\n  children:\n    - x\n', 'i.yml')

        expect:
        d.root == [all: [hosts: [r1: [ansible_port: 22]], children: ['x']]]
        d.line(['all', 'hosts', 'r1', 'ansible_port']) == 4
        d.line(['all', 'children', 0]) == 6
        d.at(['all', 'children']) == 'i.yml:5'
        d.at(['nowhere']) == 'i.yml'
        Document.json('{\n "a": [\n  {"b": 1.50}\n ]\n}', 'r.json').line(['a', 0, 'b']) == 3
    }

    def "replay --tape with a broken tape: FILE:LINE:COL: not YAML, exit 64"() {
        given:
        File tape = file('broken.yaml', 'tape: 1\nhost: demo\ninteractions:\n  - command: "xl info"\n    exit: 0\n   stdout: x\n')

        expect:
        cli('replay', Repo.file('recipes/xcp-ng/nic-passthrough.groovy').path, '--tape', tape.path) == 64
        err == "error: ${tape.path}:6:4: not YAML: expected <block end>, but found '<block mapping start>' (while parsing a block collection at line 4)\n"
    }

    def "passthru report with #what: one line, exit 64"() {
        given:
        File report = file('r.json', text)

        expect:
        cli('report', report.path) == 64
        err == "error: ${report.path}${message}\n"
        out == ''

        where:
        what                  | text                                                                   || message
        'broken JSON'         | '{"schema": "passthru.fleet-report/1",\n "hosts": [\n  {"name": "r1",}\n ]\n}' || ":3:17: not JSON: Unexpected character ('}' (code 125)): was expecting double-quote to start field name"
        'another schema'      | '{"schema": "junit/2", "hosts": []}'                                   || ": not a passthru fleet report (schema passthru.fleet-report/1): its schema is 'junit/2'"
        'no schema'           | '[1, 2]'                                                               || ': not a passthru fleet report (schema passthru.fleet-report/1): the file holds a JSON array, not an object'
        'hosts not a list'    | '{"schema": "passthru.fleet-report/1", "hosts": {"r1": {}}}'           || ": not a passthru fleet report (schema passthru.fleet-report/1): 'hosts' is not a list"
        'a host without name' | '{"schema": "passthru.fleet-report/1", "hosts": [{"status": "ok"}]}'   || ": not a passthru fleet report (schema passthru.fleet-report/1): host 1: no 'name'"
        'an unknown status'   | '{"schema": "passthru.fleet-report/1", "hosts": [{"name": "r1", "status": "fine"}]}' || ": not a passthru fleet report (schema passthru.fleet-report/1): host 1: r1: status 'fine' is not one of ok, changed, would-change, failed, error, skipped, interrupted"
    }
}
