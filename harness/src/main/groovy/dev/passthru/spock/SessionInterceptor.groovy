package dev.passthru.spock

import groovy.transform.CompileStatic
import org.spockframework.runtime.extension.IMethodInterceptor
import org.spockframework.runtime.extension.IMethodInvocation
import org.spockframework.runtime.model.FeatureInfo

import java.lang.reflect.Parameter

/**
 * Runs a feature on its session: the recipe applied once (a live run that would reboot refused first unless allowed),
 * {@link HostRun} and {@link Host} parameters filled by type, then the tape judged strictly or the recording written.
 */
@CompileStatic
final class SessionInterceptor implements IMethodInterceptor {
    private final FeatureSetup setup

    SessionInterceptor(FeatureSetup setup) { this.setup = setup }

    /** Whether {@code feature} takes a HostRun or a Host. */
    static boolean takesSession(FeatureInfo feature) {
        feature.featureMethod.reflection.parameterTypes.any { Class<?> c -> c == HostRun || c == Host }
    }

    @Override
    void intercept(IMethodInvocation invocation) throws Throwable {
        ByteArrayOutputStream report = new ByteArrayOutputStream()
        PrintStream out = new PrintStream(report, true, 'UTF-8')
        try {
            run(invocation, out)
        } catch (Throwable t) {
            System.out.print(report.toString('UTF-8'))  // the run's console report, beside the failure
            throw t
        }
    }

    private void run(IMethodInvocation invocation, PrintStream out) throws Throwable {
        Session session = Session.open(setup, out)
        try {
            if (session.live) {
                String refused = RebootGuard.refusal(setup, session.unrecorded, out)
                if (refused) throw new AssertionError(refused)
            }
            HostRun run = session.apply()
            if (session.live && run.commands.isEmpty() && run.result.problems) {
                throw new AssertionError("could not run on the live host: ${run.problems.join('; ')}".toString())
            }
            fill(invocation, run, new Host(session))
            Throwable failed = null
            try {
                invocation.proceed()
            } catch (Throwable t) {
                failed = t
            }
            List<String> problems = session.finish()
            if (problems) {
                AssertionError e = new AssertionError("replay of ${setup.tapeName} failed:\n" +
                        problems.collect { "  ${it}" }.join('\n'))
                if (failed) e.addSuppressed(failed)
                throw e
            }
            if (failed) throw failed
        } finally {
            try {
                if (session.live) session.finish()  // a live recording is kept whatever stopped the feature
            } finally {
                session.close()
            }
        }
    }

    private static void fill(IMethodInvocation invocation, HostRun run, Host host) {
        Parameter[] params = invocation.method.reflection.parameters
        Object[] args = invocation.arguments
        params.eachWithIndex { Parameter p, int i ->
            if (p.type == HostRun) args[i] = run
            if (p.type == Host) args[i] = host
        }
        invocation.arguments = args
    }
}
