package dev.passthru.spec.dsl

import dev.passthru.dsl.BracketScanner
import spock.lang.Specification

/** Where a bracket, string or comment is left open: the line that opened it, with strings and comments skipped. */
class BracketScannerSpec extends Specification {
    def "#what: #found"() {
        expect:
        BracketScanner.scan(text)?.toString() == found

        where:
        what                                           | text                                                                   || found
        'balanced'                                     | "recipe('x') {\n  vm('a') { pinVcpus([0, 1]) }\n}\n"                   || null
        'a ( closed by }'                              | "recipe('x') {\n  hide pci('04:01.0'\n}\n"                             || "2: '(' opened here is never closed"
        'a { never closed, the next } less indented'   | "recipe('x') {\n  vm('a') {\n    start()\n}\n"                         || "2: '{' opened here is never closed"
        'the outer { never closed'                     | "recipe('x') {\n  vm('a') { start() }\n"                               || "1: '{' opened here is never closed"
        'a ] that closes nothing open'                 | "recipe('x') {\n  vm('r') { attach nic ]\n}\n"                         || "2: ']' here closes nothing; the innermost open bracket is the '{' of line 2"
        'a } too many'                                 | "recipe('x') {\n}\n}\n"                                                || "3: '}' here closes nothing"
        'brackets in a string'                         | "recipe('x') {\n  description 'a ( b { c'\n  hide pci('a'\n}\n"        || "3: '(' opened here is never closed"
        'an escaped quote in a string'                 | "recipe('x') {\n  description 'it\\'s ('\n  hide pci('a'\n}\n"        || "3: '(' opened here is never closed"
        'brackets in a line comment'                   | "recipe('x') {\n  // vm('a') {\n  hide pci('a'\n}\n"                   || "3: '(' opened here is never closed"
        'brackets in a block comment'                  | "recipe('x') {\n  /* vm('a') {\n  ( */\n  hide pci('a'\n}\n"           || "4: '(' opened here is never closed"
        'a GString with ${...}'                        | "recipe('x') {\n  description \"n \${[1].size()} (\"\n  hide (\n}\n"  || "3: '(' opened here is never closed"
        'a triple-quoted string over lines'            | "recipe('x') {\n  description '''a\n(\n'''\n  hide pci('a'\n}\n"       || "5: '(' opened here is never closed"
        'a slashy regex'                               | "recipe('x') {\n  def m = 'a' ==~ /\\(/\n  hide pci('a'\n}\n"          || "3: '(' opened here is never closed"
        'a dollar-slashy string'                       | "recipe('x') {\n  def m = \$/ ( /\$\n  hide pci('a'\n}\n"              || "3: '(' opened here is never closed"
        'a division is not a slashy string'            | "recipe('x') {\n  def n = 8 / 2\n  hide pci('a'\n}\n"                  || "3: '(' opened here is never closed"
        'a string never closed'                        | "recipe('x') {\n  hide pci('04:01.0)\n}\n"                             || '2: the string opened here is never closed'
        'a comment never closed'                       | "recipe('x') {\n  /* note\n  hide pci('a')\n}\n"                       || '2: the comment opened here is never closed'
    }
}
