package dev.passthru.spec.dsl

import dev.passthru.dsl.RecipeException
import dev.passthru.dsl.RecipeLoader
import spock.lang.Specification
import spock.lang.Timeout

/** Mistakes in recipes, each one line at the line where it was written, saying what to write instead. */
@Timeout(20)
class RecipeMistakesSpec extends Specification {
    String mistake(String text) {
        try {
            new RecipeLoader().load(text, 'r.groovy')
            return 'loaded'
        } catch (RecipeException e) {
            return e.userMessage()
        }
    }

    def "a syntax error points at what was left open: #what"() {
        expect:
        mistake(text) == message

        where:
        what                               | text                                                                  || message
        'a call not closed'                | "recipe('x') {\n  hide pci('04:01.0'\n}\n"                            || "r.groovy:2: '(' opened here is never closed (Groovy: unexpected input at '}' on line 3)"
        'a vm block not closed'            | "recipe('x') {\n  vm('a') {\n    start()\n}\n"                        || "r.groovy:2: '{' opened here is never closed (Groovy: unexpected input at '}' on line 5)"
        'a bracket that closes nothing'    | "recipe('x') {\n  def nic = pci '04:01.0'\n  vm('r') { attach nic ]\n}\n" || "r.groovy:3: ']' here closes nothing; the innermost open bracket is the '{' of line 3 (Groovy: unexpected input at 'vm('r') { attach nic ]' on line 3)"
        'one ) too many'                   | "recipe('x') {\n  hide pci('04:01.0'))\n}\n"                          || "r.groovy:2: ')' here closes nothing; the innermost open bracket is the '{' of line 1 (Groovy: unexpected input at 'hide pci('04:01.0'))' on line 2)"
        'one } too many'                   | "recipe('x') {\n  vm('a') { start() }\n}\n}\n"                        || "r.groovy:4: '}' here closes nothing (Groovy: unexpected input at '}' on line 4)"
        'a string not closed'              | "recipe('x') {\n  hide pci('04:01.0)\n}\n"                            || "r.groovy:2: the string opened here is never closed (Groovy: Unexpected character: '\\'' on line 2)"
        'brackets in strings do not count' | "recipe('x') {\n  description 'a ( b { c'\n  hide pci('04:01.0'\n}\n"   || "r.groovy:3: '(' opened here is never closed (Groovy: unexpected input at '}' on line 4)"
        'a balanced mistake: Groovy says'  | "recipe('x') {\n  def x = = 1\n}\n"                                    || "r.groovy:2: Groovy syntax error: unexpected input at 'def x = ='"
    }

    def "an unknown word names the nearest one and where words belong: #text"() {
        expect:
        mistake("recipe('x') {\n  ${text}\n}\n") == "r.groovy:2: ${message}"

        where:
        text                                  || message
        "pinVcpu 1"                           || "unknown word 'pinVcpu' in recipe('name') { }: did you mean 'pinVcpus'? (pinVcpus belongs inside vm('name') { })"
        "hdie pci('04:01.0')"                 || "unknown word 'hdie' in recipe('name') { }: did you mean 'hide'?"
        "pinVcpus 1"                          || "pinVcpus belongs inside vm('name') { }, not recipe('name') { }"
        "kernel { attach pci('04:01.0') }"    || "attach belongs inside vm('name') { }, not kernel { }"
        "vm('a') { iommu() }"                 || "iommu belongs inside kernel { }, not vm('name') { }"
        "vm('a') { strat() }"                 || "unknown word 'strat' in vm('name') { }: did you mean 'start'?"
        "verify { asignable pci('04:01.0') }" || "unknown word 'asignable' in verify { }: did you mean 'assignable'?"
        "vm('a') { hugepages 16 }"            || "hugepages in vm('name') { } takes hugepages(), not hugepages(Integer); recipe('name') { } and kernel { } have hugepages(Map, long), hugepages(long)"
        "vm('a')"                             || "vm in recipe('name') { } takes vm(String, { }), not vm(String)"
        "frobnicate()"                        || "unknown word 'frobnicate' in recipe('name') { }; the words here are: acs, alias, ats, description, flavour, gpus, hide, hugepages, kernel, nearestNic, noAcs, noAts, noHugepages, numaNodeOf, numaSplit, pci, reboot, supplementalPack, unhide, usbPolicy, verify, vm, xen"
        "vm('a') { start }"                   || 'start needs parentheses: start()'
        "pci('04:01.0').withGroups()"         || 'Device has no method withGroups(): did you mean withGroup?'
    }

    def "an unknown word at the top level"() {
        expect:
        mistake("recipee('x') {\n}\n") == "r.groovy:1: unknown word 'recipee' at the top level: did you mean 'recipe'?"
        mistake("reboot()\nrecipe('x') {}\n") ==
                "r.groovy:1: reboot belongs inside recipe('name') { }, not the top level"
    }

    def "the README's old two-variable line is refused, saying how Groovy reads it"() {
        expect:
        mistake("recipe('x') {\n  def gpu = pci '0000:06:00.0', audio = pci '0000:06:00.1'\n  hide gpu, audio\n}\n") ==
                "r.groovy:2: Groovy reads this as pci(..., audio = pci(...)), one call with an assignment among its arguments: " +
                'write pci(...), audio = pci(...) with parentheses, or one def per line'
        mistake("recipe('x') {\n  def gpu = pci('0000:06:00.0'), audio = pci('0000:06:00.1')\n  hide gpu, audio\n}\n") ==
                'loaded'
    }

    def "absurd numbers are refused at their line, at once: #text"() {
        expect:
        mistake("recipe('x') {\n  ${text}\n}\n") == "r.groovy:2: ${message}"

        where:
        text                                             || message
        "kernel { hugepages 2000000000, size: '1G' }"    || 'hugepages: 2000000000 pages of 1G is more memory than a host can have (x86-64 addresses 4 PiB: at most 4194304 pages of 1G)'
        'kernel { hugepages 5000000000 }'                || 'hugepages: 5000000000 pages of 2M is more memory than a host can have (x86-64 addresses 4 PiB: at most 2147483648 pages of 2M)'
        'kernel { hugepages 0 }'                         || 'hugepages: count 0 must be positive'
        "vm('a') { numaMemory 2000000000 }"              || 'numaMemory: node 2000000000 cannot exist: Linux numbers NUMA nodes 0-1023'
        "vm('a') { pinVcpus 5..2 }"                      || 'pinVcpus: 5..2 counts down; write 2..5'
        "vm('a') { pinVcpus(-3..2) }"                    || 'pinVcpus: CPU -3 is negative'
        "vm('a') { pinVcpus 0..<0 }"                     || 'pinVcpus: names no CPU'
        "vm('a') { pinVcpus 'a'..'c' }"                  || "pinVcpus: 'a..c' is not a range of CPU numbers"
        "vm('a') { pinVcpus 2, emulator: 9..1 }"         || 'pinVcpus emulator:: 9..1 counts down; write 1..9'
    }
}
