package dev.passthru.spec.dsl.ide

/**
 * The part of Groovy-Eclipse's DSLD API that passthru.dsld uses, as a script base class that records what the
 * file declares: the pointcuts fileExtension, isScript, isThisType, inClosure and enclosingCallName combined
 * with {@code &}, and contribute, whose body runs at once with a {@link CapturedContributions} as delegate.
 */
abstract class DsldApiStub extends Script {
    final List<CapturedContributions> contributions = []
    final List<DsldPointcut> pointcuts = []

    /** Files with this extension. */
    DsldPointcut fileExtension(String ext) { new DsldPointcut(["fileExtension(${ext})".toString()], []) }

    /** The current type is a script. */
    DsldPointcut isScript() { new DsldPointcut(['isScript'], []) }

    /** The expression is an implicit-this reference. */
    DsldPointcut isThisType() { new DsldPointcut(['isThisType'], []) }

    /** Inside a closure. */
    DsldPointcut inClosure() { new DsldPointcut(['inClosure'], []) }

    /** Inside a call to a method of this name. */
    DsldPointcut enclosingCallName(String name) { new DsldPointcut(['enclosingCallName'], [name]) }

    /** Declares what is known where the pointcut matches. */
    void contribute(DsldPointcut where, Closure body) {
        if (where.calls.size() > 1) throw new IllegalArgumentException("one enclosing call each: ${where.calls}")
        CapturedContributions c = new CapturedContributions(where.calls ? where.calls[0] : 'top')
        Closure b = (Closure) body.clone()
        b.delegate = c
        b.resolveStrategy = Closure.DELEGATE_FIRST
        b.call()
        pointcuts << where
        contributions << c
    }

    /** What DSLD files in this project do not call. */
    def methodMissing(String name, Object args) {
        throw new MissingMethodException(name, DsldApiStub, args as Object[])
    }
}
