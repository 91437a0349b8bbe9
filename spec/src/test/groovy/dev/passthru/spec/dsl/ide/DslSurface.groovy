package dev.passthru.spec.dsl.ide

import dev.passthru.dsl.AcsContext
import dev.passthru.dsl.KernelContext
import dev.passthru.dsl.RecipeContext
import dev.passthru.dsl.RecipeScript
import dev.passthru.dsl.VerifyContext
import dev.passthru.dsl.VmContext
import dev.passthru.dsl.XenContext
import dev.passthru.dsl.UsbPolicyContext
import groovy.transform.NamedParam
import groovy.transform.NamedParams

import java.lang.annotation.Annotation
import java.lang.reflect.Method
import java.lang.reflect.Modifier

/**
 * The words of the recipe language as the block classes declare them, read by reflection (independently of
 * the product's own DslWords), written as signatures the IDE descriptors can be compared with:
 * {@code pci(java.util.Map[alias: java.lang.String, ...])}, a Map parameter showing its @NamedParam keys.
 */
final class DslSurface {
    /** Each block class by the call whose closure it serves; 'top' is the recipe file itself. */
    static final Map<String, Class> BLOCKS = [top   : RecipeScript, recipe: RecipeContext, vm: VmContext,
                                              kernel: KernelContext, xen: XenContext, usbPolicy: UsbPolicyContext,
                                              verify: VerifyContext, acs: AcsContext]

    private static final Set<String> INHERITED = (Script.methods*.name + GroovyObject.methods*.name +
            Object.methods*.name) as Set<String>

    private DslSurface() {}

    /** The signatures of every public word of each block, by block. */
    static Map<String, Set<String>> expected() {
        BLOCKS.collectEntries { String block, Class type -> [(block): words(type).collect { signature(it) } as Set] }
    }

    /** The public words of one block class: its own public instance methods that are not bean accessors. */
    static List<Method> words(Class type) {
        type.declaredMethods.findAll { Method m ->
            Modifier.isPublic(m.modifiers) && !Modifier.isStatic(m.modifiers) && !m.synthetic &&
                    !m.name.contains('$') && !(m.name ==~ /(get|set|is)[A-Z].*/) && !(m.name in INHERITED)
        } as List<Method>
    }

    /** How a method is written for comparison. */
    static String signature(Method m) {
        List<String> params = []
        m.parameterTypes.eachWithIndex { Class t, int i ->
            params << (t == Map ? named(namedParams(m.parameterAnnotations[i])) : t.canonicalName)
        }
        "${m.name}(${params.join(', ')})".toString()
    }

    /** A Map parameter with its named keys and their types, sorted by key. */
    static String named(Map<String, String> keys) {
        'java.util.Map[' + keys.sort().collect { k, v -> "${k}: ${v}" }.join(', ') + ']'
    }

    /** The @NamedParam keys of one parameter, with their types' names. */
    static Map<String, String> namedParams(Annotation[] annotations) {
        List<NamedParam> all = []
        annotations.each { Annotation a ->
            if (a instanceof NamedParam) all << (NamedParam) a
            if (a instanceof NamedParams) all.addAll(((NamedParams) a).value())
        }
        all.collectEntries { NamedParam p -> [(p.value()): p.type().canonicalName] } as Map<String, String>
    }

    /** Turns a descriptor's type name ('java.lang.Object...', 'long', 'a.B[]') into the class it names. */
    static Class classOf(String name) {
        String base = name.replace('...', '').replace('[]', '')
        Map<String, Class> primitives = [long: long, int: int, boolean: boolean, void: void]
        Class c = primitives[base] ?: Class.forName(base, false, RecipeScript.classLoader)
        name.endsWith('...') || name.endsWith('[]') ? c.arrayType() : c
    }
}
