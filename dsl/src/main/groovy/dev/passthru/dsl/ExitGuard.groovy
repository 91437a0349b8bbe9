package dev.passthru.dsl

import groovy.transform.CompileStatic

import java.lang.invoke.MethodHandles
import java.lang.reflect.Method

/**
 * While a recipe runs on a thread (and in threads it starts), refuses the calls that would end passthru's
 * process that only show when it runs: {@code System."exit"(1)}, {@code def s = System; s.exit(0)},
 * reflection ({@code Method.invoke}) and method handles ({@code MethodHandles.Lookup}) to exit or halt.
 * It works through Groovy's metaclasses of those classes, so it costs nothing to code that is not a recipe.
 * {@link ExitCallCheck} refuses the written forms when the recipe compiles.
 */
@CompileStatic
final class ExitGuard {
    private static final InheritableThreadLocal<Run> RUNNING = new InheritableThreadLocal<Run>()
    private static boolean installed
    /** The MethodHandles.Lookup methods that find a method by its class and name. */
    private static final List<String> LOOKUPS = ['findStatic', 'findVirtual', 'findSpecial', 'bind']

    private ExitGuard() {}

    /** One recipe run: where it is, and the first refusal (kept even if the recipe catches it). */
    private static final class Run {
        final Locator locator
        RecipeException refused

        Run(Locator locator) { this.locator = locator }
    }

    /** Runs {@code body} with the guard on for this thread; a refused call is a recipe error at its line. */
    static <T> T during(Locator locator, Closure<T> body) {
        install()
        Run previous = RUNNING.get()
        Run run = new Run(locator)
        RUNNING.set(run)
        try {
            T result = body.call()
            if (run.refused != null) throw run.refused
            result
        } finally {
            RUNNING.set(previous)
        }
    }

    /** In a recipe, refuses {@code name(args)} on {@code receiver} (a {@code type}) when it ends the process. */
    static void check(Class type, Object receiver, String name, Object[] args) {
        Run run = RUNNING.get()
        if (run == null) return
        String call = ending(type, receiver, name, args)
        if (call == null) return
        RecipeException e = run.locator.error("recipes cannot end the process (${call})")
        if (run.refused == null) run.refused = e
        throw e
    }

    /**
     * How messages name the call when it would end the process ("System.exit"), else null. Classes are compared
     * by identity: {@code ==} on a Class is a Groovy call that would come back through these metaclasses.
     */
    static String ending(Class type, Object receiver, String name, Object[] args) {
        Object[] a = args ?: new Object[0]
        if (isEnding(type) && name in ExitCallCheck.ENDING) return ExitCallCheck.named(type, name)
        if (type.is(Method) && name == 'invoke' && receiver instanceof Method) return endingMethod((Method) receiver)
        if (type.is(MethodHandles.Lookup)) {
            if (name == 'unreflect' && a.length > 0 && a[0] instanceof Method) return endingMethod((Method) a[0])
            if (name in LOOKUPS && a.length > 1 && a[1] instanceof String) {
                Class owner = a[0] instanceof Class ? (Class) a[0] : a[0]?.getClass()
                if (isEnding(owner) && a[1] in ExitCallCheck.ENDING) return ExitCallCheck.named(owner, (String) a[1])
            }
        }
        null
    }

    private static boolean isEnding(Class type) { type.is(System) || type.is(Runtime) }

    private static String endingMethod(Method m) {
        boolean ends = isEnding(m.declaringClass) && m.name in ExitCallCheck.ENDING
        ends ? ExitCallCheck.named(m.declaringClass, m.name) : null
    }

    private static synchronized void install() {
        if (installed) return
        MetaClassRegistry registry = GroovySystem.metaClassRegistry
        [System, Runtime, Method, MethodHandles.Lookup].each { Class c ->
            MetaClass mc = new ExitRefusingMetaClass(registry.getMetaClass(c))
            mc.initialize()
            registry.setMetaClass(c, mc)
        }
        installed = true
    }
}
