package dev.passthru.spec.pcie

import dev.passthru.dsl.RecipeException
import dev.passthru.dsl.RecipeLoader
import dev.passthru.spec.cli.CliRun
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Path

/** Misusing node: and nearestNic: one line naming the recipe file and line (exit 64 from the CLI), no stack trace. */
class NodeSelectorMistakesSpec extends Specification {
    @TempDir
    Path tmp

    String mistake(String text) {
        try {
            new RecipeLoader().load(text, 'r.groovy')
            return 'loaded'
        } catch (RecipeException e) {
            return e.userMessage()
        }
    }

    def "#text"() {
        expect:
        mistake("recipe('x') {\n  ${text}\n}\n") == "r.groovy:2: ${message}"

        where:
        text                                          || message
        "hide gpus(node: 'one')"                      || "gpus: node: must be a NUMA node number from 0 (got 'one')"
        'hide gpus(node: -1)'                         || "gpus: node: must be a NUMA node number from 0 (got '-1')"
        "hide pci(class: 'nic', node: 1.5)"           || "pci: node: must be a NUMA node number from 0 (got '1.5')"
        "hide pci(class: 'nic', nodes: 1)"            || 'pci: unknown key nodes (use vendor:, device:, class:, node:, count: or alias:)'
        'hide nearestNic()'                           || 'nearestNic: names no device'
        "hide nearestNic(42)"                         || "nearestNic: expected a device (pci 'BDF' or pci(vendor: ..., device: ...)) but got Integer '42'"
    }

    def "the CLI says it in one line with the recipe's file and line, exit 64"() {
        given:
        File r = tmp.resolve('hgx.groovy').toFile()
        r.text = "recipe('x') { flavour 'kvm'\n  hide gpus(node: 'one')\n}\n"

        when:
        CliRun run = CliRun.of(tmp, ['plan', r.path, '--host', 'demo-hgx'])

        then:
        run.code == 64
        run.err.trim() == "error: ${r.path}:2: gpus: node: must be a NUMA node number from 0 (got 'one')"
        !run.err.contains('\tat ')
    }

    def "a GPU with no NIC near it fails the plan at the recipe's line (a preflight error)"() {
        given:
        File r = tmp.resolve('kvm.groovy').toFile()
        r.text = "recipe('x') { flavour 'kvm'\n  hide nearestNic(pci(class: 'nvme'))\n}\n"

        when:
        CliRun run = CliRun.of(tmp, ['plan', r.path, '--host', 'demo-kvm'])

        then:
        run.code != 0
        (run.out + run.err).contains("kvm.groovy:2")
        (run.out + run.err).contains("nearestNic(pci(class: 'nvme')): 0000:05:00.0 (node 1) has no nic")
    }
}
