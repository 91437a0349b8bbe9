package dev.passthru.spec.dsl.ide

/** A DSLD pointcut as the stub sees it: the names it combines, and the call names it requires. */
final class DsldPointcut {
    final List<String> names
    final List<String> calls

    DsldPointcut(List<String> names, List<String> calls) {
        this.names = names
        this.calls = calls
    }

    /** {@code a & b}: both. */
    DsldPointcut and(DsldPointcut other) { new DsldPointcut(names + other.names, calls + other.calls) }
}
