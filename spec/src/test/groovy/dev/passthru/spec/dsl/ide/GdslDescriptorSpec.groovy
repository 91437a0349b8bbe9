package dev.passthru.spec.dsl.ide

import dev.passthru.dsl.RecipeFacts
import dev.passthru.dsl.RecipeScript
import dev.passthru.dsl.RecipeVars
import org.codehaus.groovy.control.CompilerConfiguration
import spock.lang.Shared
import spock.lang.Specification

import java.util.regex.Pattern

/**
 * META-INF/passthru.gdsl, read from the passthru-dsl artifact and run against a stub of IntelliJ's GDSL API:
 * it declares every public word of every block, with the parameter types and named keys the classes have.
 */
class GdslDescriptorSpec extends Specification {
    @Shared
    GdslApiStub gdsl = evaluate()

    static GdslApiStub evaluate() {
        String text = RecipeScript.classLoader.getResource('META-INF/passthru.gdsl').getText('UTF-8')
        CompilerConfiguration config = new CompilerConfiguration()
        config.scriptBaseClass = GdslApiStub.name
        GdslApiStub script = (GdslApiStub) new GroovyShell(GdslDescriptorSpec.classLoader, new Binding(), config)
                .parse(text, 'passthru.gdsl')
        script.run()
        script
    }

    /** How the GDSL file writes one method, in the form DslSurface writes the classes' methods. */
    static String signature(Map method) {
        List<String> params = ((Map) method.params ?: [:]).values().collect { Object type ->
            type instanceof List ? DslSurface.named(((List<Map>) type).collectEntries { Map p -> [(p.name): p.type] }) :
                    DslSurface.classOf(type.toString()).canonicalName
        }
        "${method.name}(${params.join(', ')})".toString()
    }

    def "the GDSL file declares every word of #block, with its parameter types and named keys"() {
        when:
        List<CapturedContributions> here = gdsl.contributions.findAll { it.block == block }

        then:
        here.size() == 1
        here[0].methods.collect { signature(it) } as Set == DslSurface.expected()[block]
        here[0].methods.collect { signature(it) }.size() == DslSurface.expected()[block].size()

        where:
        block << DslSurface.BLOCKS.keySet()
    }

    def "the GDSL file contributes to no block the recipe language does not have"() {
        expect:
        gdsl.contributions*.block as Set == DslSurface.BLOCKS.keySet()
    }

    def "a recipe script's base class is RecipeScript, for every .groovy file and no other"() {
        given: 'IntelliJ matches ".*" + pattern against the file path (GroovyDslFileIndex)'
        Map only = gdsl.superClasses[0]
        Closure<Boolean> matches = { String path -> Pattern.matches('.*' + only.pattern, path) }

        expect:
        gdsl.superClasses.size() == 1
        only.superClass == RecipeScript.name
        matches('/home/me/recipes/xcp-ng/nic-passthrough.groovy')
        matches('/tmp/gpu.groovy')
        !matches('/home/me/build.gradle')
        !matches('/home/me/passthru.gdsl')
    }

    def "the top level knows facts, vars and inventory_hostname, typed"() {
        expect:
        gdsl.contributions.find { it.block == 'top' }.properties.collectEntries { [(it.name): it.type] } ==
                [facts: RecipeFacts.name, vars: RecipeVars.name, inventory_hostname: String.name]
    }

    def "every type the GDSL file names is a class"() {
        when:
        List<String> types = gdsl.contributions.collectMany { CapturedContributions c ->
            c.methods.collectMany { Map m ->
                [m.type] + ((Map) m.params ?: [:]).values().collectMany { it instanceof List ? it*.type : [it] }
            } + c.properties*.type
        } as List<String>

        then:
        types.every { DslSurface.classOf(it) != null }
    }
}
