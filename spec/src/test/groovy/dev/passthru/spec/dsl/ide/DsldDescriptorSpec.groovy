package dev.passthru.spec.dsl.ide

import dev.passthru.dsl.RecipeFacts
import dev.passthru.dsl.RecipeScript
import dev.passthru.dsl.RecipeVars
import org.codehaus.groovy.control.CompilerConfiguration
import spock.lang.Shared
import spock.lang.Specification

/**
 * dsld/passthru.dsld, read from the passthru-dsl artifact, parsed as Groovy and run against a stub of
 * Groovy-Eclipse's DSLD API: it names the same words, parameter types and named keys as the block classes.
 */
class DsldDescriptorSpec extends Specification {
    @Shared
    DsldApiStub dsld = evaluate()

    static DsldApiStub evaluate() {
        String text = RecipeScript.classLoader.getResource('dsld/passthru.dsld').getText('UTF-8')
        CompilerConfiguration config = new CompilerConfiguration()
        config.scriptBaseClass = DsldApiStub.name
        DsldApiStub script = (DsldApiStub) new GroovyShell(DsldDescriptorSpec.classLoader, new Binding(), config)
                .parse(text, 'passthru.dsld')
        script.run()
        script
    }

    /** How the DSLD file writes one method: named parameters make a Map first parameter (as in Groovy-Eclipse). */
    static String signature(Map method) {
        Map<String, String> named = (Map<String, String>) method.namedParams
        List<String> params = named == null ? [] : [DslSurface.named(named)]
        params.addAll(((Map) method.params ?: [:]).values().collect { DslSurface.classOf(it.toString()).canonicalName })
        "${method.name}(${params.join(', ')})".toString()
    }

    def "the DSLD file names every word of #block, with its parameter types and named keys"() {
        when:
        List<CapturedContributions> here = dsld.contributions.findAll { it.block == block }

        then:
        here.size() == 1
        here[0].methods.collect { signature(it) } as Set == DslSurface.expected()[block]
        here[0].methods.collect { signature(it) }.size() == DslSurface.expected()[block].size()

        where:
        block << DslSurface.BLOCKS.keySet()
    }

    def "each contribution is for recipe files: the top level in scripts, the blocks in their closures"() {
        expect:
        dsld.pointcuts.every { 'fileExtension(groovy)' in it.names && 'isThisType' in it.names }
        dsld.pointcuts.findAll { it.calls.isEmpty() }*.names == [['fileExtension(groovy)', 'isScript', 'isThisType']]
        dsld.pointcuts.findAll { it.calls }.every { 'inClosure' in it.names }
        dsld.contributions*.block as Set == DslSurface.BLOCKS.keySet()
    }

    def "the top level knows facts, vars and inventory_hostname, typed"() {
        expect:
        dsld.contributions.find { it.block == 'top' }.properties.collectEntries { [(it.name): it.type] } ==
                [facts: RecipeFacts.name, vars: RecipeVars.name, inventory_hostname: String.name]
    }

    def "every type the DSLD file names is a class"() {
        when:
        List<String> types = dsld.contributions.collectMany { CapturedContributions c ->
            c.methods.collectMany { Map m ->
                [m.type] + ((Map) m.params ?: [:]).values() + ((Map) m.namedParams ?: [:]).values()
            } + c.properties*.type
        } as List<String>

        then:
        types.every { DslSurface.classOf(it) != null }
    }
}
