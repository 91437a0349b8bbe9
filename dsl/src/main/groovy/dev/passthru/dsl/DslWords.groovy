package dev.passthru.dsl

import groovy.transform.CompileStatic

import java.lang.reflect.Method
import java.lang.reflect.Modifier

/**
 * The words of each block of the recipe language (read from the block classes, so they cannot drift), and
 * the messages for a word a block does not have: the nearest word, and where a word belongs.
 */
@CompileStatic
final class DslWords {
    /** The blocks, outermost first, with how messages name them. */
    static final Map<Class, String> BLOCKS = [
            (RecipeScript) : 'the top level',
            (RecipeContext): "recipe('name') { }",
            (VmContext)    : "vm('name') { }",
            (KernelContext): 'kernel { }',
            (XenContext)   : 'xen { }',
            (UsbPolicyContext): 'usbPolicy { }',
            (AcsContext)   : 'acs { }',
            (VerifyContext): 'verify { }'] as LinkedHashMap<Class, String>

    private static final Set<String> NOT_WORDS = ['print', 'println', 'printf', 'run', 'main', 'invokeMethod',
                                                  'getProperty', 'setProperty', 'getMetaClass', 'setMetaClass',
                                                  'getBinding', 'setBinding'] as Set<String>

    private DslWords() {}

    /** The block class a delegate or script belongs to, or null when it is not one. */
    static Class blockOf(Class type) {
        type == null ? null : BLOCKS.keySet().find { Class b -> b.isAssignableFrom(type) }
    }

    /** The words a block has, by name. */
    static List<String> words(Class block) { methods(block)*.name.unique() }

    /** The message for {@code word(args)} called where {@code block} has no such method. */
    static String unknown(Class block, String word, Object[] args) {
        String here = BLOCKS[block]
        String at = block == RecipeScript ? "at ${here}" : "in ${here}"
        List<Method> own = methods(block).findAll { Method m -> m.name == word }
        List<Class> elsewhere = BLOCKS.keySet().findAll { Class b ->
            b != block && words(b).contains(word)
        } as List<Class>
        if (own) {
            String takes = "${word} ${at} takes ${signatures(own, ' or ')}, not ${word}(${types(args)})"
            if (!elsewhere) return takes
            List<Method> theirs = elsewhere.collectMany { Class b -> methods(b).findAll { Method m -> m.name == word } }
            String have = elsewhere.size() == 1 ? 'has' : 'have'
            return "${takes}; ${names(elsewhere, ' and ')} ${have} ${signatures(theirs, ', ')}"
        }
        if (elsewhere) return "${word} belongs inside ${names(elsewhere, ' or ')}, not ${here}"
        String near = nearest(block, word)
        if (near == null) return "unknown word '${word}' ${at}; the words here are: ${words(block).join(', ')}"
        Class home = words(block).contains(near) ? block : BLOCKS.keySet().find { Class b -> words(b).contains(near) }
        String belongs = home == block ? '' : " (${near} belongs inside ${BLOCKS[home]})"
        "unknown word '${word}' ${at}: did you mean '${near}'?${belongs}"
    }

    /** The message for a name read where {@code block} has none: a word that needs parentheses says so. */
    static String unknownName(Class block, String name) {
        List<Class> blocks = [block] + (BLOCKS.keySet() as List<Class>)
        Class home = blocks.find { Class b -> methods(b).any { Method m -> m.name == name && m.parameterCount == 0 } }
        home == null ? "unknown name '${name}'" : "${name} needs parentheses: ${name}()"
    }

    /** The message for a method a value (a device, a string) does not have, with the nearest one it has. */
    static String noMethod(Class type, String name, Object[] args) {
        List<String> has = type.methods.findAll { Method m ->
            m.declaringClass != Object && Modifier.isPublic(m.modifiers)
        }*.name.unique()
        String near = closest(has, name)
        "${type.simpleName} has no method ${name}(${types(args)})${near ? ": did you mean ${near}?" : ''}"
    }

    /** The word of any block nearest {@code word} (this block's first on a tie), or null when none is close. */
    static String nearest(Class block, String word) {
        closest((words(block) + BLOCKS.keySet().collectMany { Class b -> words(b) }).unique(), word)
    }

    /** The candidate nearest {@code word} ignoring case (the first on a tie), or null when none is close. */
    private static String closest(List<String> candidates, String word) {
        int limit = word.length() <= 3 ? 1 : 2
        String best = null
        int bestDistance = limit + 1
        candidates.each { String c ->
            int d = distance(word.toLowerCase(Locale.ROOT), c.toLowerCase(Locale.ROOT))
            if (d < bestDistance) { best = c; bestDistance = d }
        }
        best
    }

    /** Edit distance (Damerau's optimal string alignment: a swap of two neighbours counts as one edit). */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1]
        for (int i = 0; i <= a.length(); i++) d[i][0] = i
        for (int j = 0; j <= b.length(); j++) d[0][j] = j
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost)
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1)
                }
            }
        }
        d[a.length()][b.length()]
    }

    /** How messages show the types of the arguments a call passed. */
    static String types(Object[] args) {
        (args ?: new Object[0]).collect { Object a ->
            a == null ? 'null' : a instanceof Closure ? '{ }' : a.getClass().simpleName
        }.join(', ')
    }

    private static String signature(Method m) {
        String params = m.parameterTypes.collect { Class t -> t == Closure ? '{ }' : t.simpleName }.join(', ')
        "${m.name}(${params})".toString()
    }

    private static String signatures(List<Method> methods, String separator) {
        methods.collect { Method m -> signature(m) }.unique().join(separator)   // blocks may share a form
    }

    private static String names(List<Class> blocks, String separator) {
        blocks.collect { Class b -> BLOCKS[b] }.join(separator)
    }

    private static List<Method> methods(Class block) {
        block.declaredMethods.findAll { Method m ->
            Modifier.isPublic(m.modifiers) && !Modifier.isStatic(m.modifiers) && !m.synthetic &&
                    !m.name.contains('$') && !(m.name in NOT_WORDS) && !(m.name ==~ /(get|set|is)[A-Z].*/)
        }.sort { Method a, Method b ->
            // declaredMethods comes in no fixed order: overloads by arity, then by signature, so messages are stable
            a.name <=> b.name ?: a.parameterCount <=> b.parameterCount ?: signature(a) <=> signature(b)
        } as List<Method>
    }
}
