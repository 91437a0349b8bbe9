package dev.passthru.spec.dsl

import dev.passthru.dsl.RecipeException
import dev.passthru.dsl.RecipeLoader
import org.codehaus.groovy.control.MultipleCompilationErrorsException
import spock.lang.Specification
import spock.lang.Timeout

/**
 * The words that take named arguments (pci, gpus, alias, hugepages, pinVcpus) declare their keys with
 * @NamedParam: Groovy's static type checker (and the IDEs) know them, and a recipe run refuses a key the word
 * does not have with one line naming the file and line.
 */
@Timeout(60)
class NamedParamsSpec extends Specification {
    String mistake(String text) {
        try {
            new RecipeLoader().load(text, 'r.groovy')
            return 'loaded'
        } catch (RecipeException e) {
            return e.userMessage()
        }
    }

    /** Compiles one call under @TypeChecked; returns the type checker's first error, or 'ok'. */
    String typeChecked(String call) {
        String text = """import dev.passthru.dsl.*
            @groovy.transform.TypeChecked
            void check(RecipeScript top, RecipeContext r, VmContext vm, KernelContext k) { ${call} }
        """
        try {
            new GroovyShell(NamedParamsSpec.classLoader).parse(text, 'Check.groovy')
            return 'ok'
        } catch (MultipleCompilationErrorsException e) {
            String message = e.errorCollector.errors[0].cause.originalMessage
            return message.trim().replaceFirst(/^\[Static type checking\] - /, '')
        }
    }

    def "a recipe run refuses an unknown key in one line at its line: #text"() {
        expect:
        mistake("recipe('x') {\n  ${text}\n}\n") == "r.groovy:2: ${message}"

        where:
        text                                               || message
        "pci vendor: '10de', vendr: '1c81'" || 'pci: unknown key vendr (use vendor:, device:, class:, node:, count: or alias:)'
        "gpus(colour: 'red')"                              || 'gpus: unknown option colour (only count:, vendor: and node:)'
        "kernel { hugepages 8, sz: '1G' }"                 || "hugepages: unknown option sz (only size: '2M' or '1G')"
        "vm('a') { pinVcpus 0..3, polcy: 'socket' }" || 'pinVcpus: unknown option polcy (only emulator: and policy:)'
        "alias 'g', vendor: '10de', devce: '1c81'" || "alias 'g': unknown key devce (use vendor:, device: or class:)"
        "alias 'g', vendr: 'x', devce: 'x'" || "alias 'g': unknown keys vendr, devce (use vendor:, device: or class:)"
    }

    def "alias at the top level of the file refuses an unknown key too"() {
        expect:
        mistake("alias 'g', vendor: '10de', devce: '1c81'\nrecipe('x') { }\n") ==
                "r.groovy:1: alias 'g': unknown key devce (use vendor:, device: or class:)"
    }

    def "the static type checker knows each word's keys: #call"() {
        expect:
        typeChecked(call) == error

        where:
        call                                                       || error
        "r.pci(vendor: '10de', vendr: '1c81')"                     || 'unexpected named arg: vendr'
        "r.pci(vendor: '10de', device: '1c81', count: 'all')"      || 'ok'
        "r.pci(alias: 'gpu', count: 2)"                            || 'ok'
        "r.gpus(colour: 'red')"                                    || 'unexpected named arg: colour'
        "r.gpus(count: 2, vendor: '10de')"                         || 'ok'
        "r.alias('g', vendor: '10de', devce: '1c81')"              || 'unexpected named arg: devce'
        "top.alias('g', vendor: '10de', devce: '1c81')"            || 'unexpected named arg: devce'
        "top.alias('g', vendor: '10de', device: '1c81')"           || 'ok'
        "k.hugepages(8, sz: '1G')"                                 || 'unexpected named arg: sz'
        "k.hugepages(8, size: 1)" || "argument for named param 'size' has type 'int' but expected 'java.lang.String'."
        "k.hugepages(8, size: '1G')"                               || 'ok'
        "vm.pinVcpus(0, 1, polcy: 'socket')"                       || 'unexpected named arg: polcy'
        "vm.pinVcpus(0, 1, emulator: [2, 3], policy: 'socket')"    || 'ok'
    }
}
