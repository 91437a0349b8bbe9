package dev.passthru.spec.dsl.ide

import dev.passthru.dsl.RecipeScript
import spock.lang.Specification

/**
 * The IDE descriptors ship inside the passthru-dsl artifact (its jar, or the classes directory Maven packs
 * into it), at the paths the IDEs read: any *.gdsl in a library (IntelliJ), dsld/*.dsld (Eclipse).
 */
class DescriptorPackagingSpec extends Specification {
    def "#path is in the passthru-dsl artifact, next to RecipeScript"() {
        given:
        String artifact = RecipeScript.protectionDomain.codeSource.location.toString()
        String expected = artifact.endsWith('.jar') ? "jar:${artifact}!/${path}" : "${artifact}${path}"

        expect: 'under mvn verify, the copy in runtime/target/lib is on the class path too'
        expected in RecipeScript.classLoader.getResources(path).toList()*.toString()

        where:
        path << ['META-INF/passthru.gdsl', 'dsld/passthru.dsld']
    }
}
