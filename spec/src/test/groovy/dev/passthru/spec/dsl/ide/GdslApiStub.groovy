package dev.passthru.spec.dsl.ide

/**
 * The part of IntelliJ's GDSL API that passthru.gdsl uses, as a script base class that records what the file
 * declares: top level context, scriptScope, closureScope, scriptSuperClass and contributor (as in IntelliJ's
 * GroovyDslExecutor and GdslMetaClassProperties); anything else at the top level is an error, as parameter()
 * outside a contributor is in IntelliJ. Contributor bodies run at once, with a {@link CapturedContributions}
 * as their delegate (IntelliJ runs them later, per place, the same way).
 */
abstract class GdslApiStub extends Script {
    final List<CapturedContributions> contributions = []
    final List<Map> superClasses = []

    /** A context: where a contributor applies. */
    Map context(Map args) { args }

    /** The top level of a script. */
    Map scriptScope(Map args = [:]) { [kind: 'script'] + args }

    /** Inside a closure; methodName: only in the closure passed to that call. */
    Map closureScope(Map args = [:]) { [kind: 'closure'] + args }

    /** Gives scripts whose path matches pattern a base class. */
    void scriptSuperClass(Map args) { superClasses << args }

    /** Declares what is known in a context. */
    void contributor(Map context, Closure body) {
        Map scope = (Map) context.scope
        String block = scope.kind == 'script' ? 'top' : (String) scope.methodName
        CapturedContributions c = new CapturedContributions(block)
        Closure b = (Closure) body.clone()
        b.delegate = c
        b.resolveStrategy = Closure.DELEGATE_FIRST
        b.call()
        contributions << c
    }

    /** What GDSL files cannot call at their top level. */
    def methodMissing(String name, Object args) {
        throw new MissingMethodException(name, GdslApiStub, args as Object[])
    }
}
