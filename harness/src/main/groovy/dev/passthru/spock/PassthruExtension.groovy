package dev.passthru.spock

import groovy.transform.CompileStatic
import org.spockframework.runtime.extension.IAnnotationDrivenExtension
import org.spockframework.runtime.extension.IMethodInterceptor
import org.spockframework.runtime.extension.IMethodInvocation
import org.spockframework.runtime.model.FeatureInfo
import org.spockframework.runtime.model.SpecInfo

import java.lang.annotation.Annotation

/**
 * The Spock extension behind {@link Recipe}, {@link Tape} and {@link Twin}: each feature taking a {@link HostRun} or
 * {@link Host} gets a session (skipped, with the reason, when it needs a live host and none is given; failed, with
 * one line, when its annotations contradict each other).
 */
@CompileStatic
class PassthruExtension implements IAnnotationDrivenExtension<Annotation> {
    private boolean installed

    @Override
    void visitSpecAnnotation(Annotation annotation, SpecInfo spec) {}

    @Override
    void visitFeatureAnnotation(Annotation annotation, FeatureInfo feature) {}

    @Override
    void visitSpec(SpecInfo spec) {
        if (installed) return
        installed = true
        HarnessSettings settings = HarnessSettings.current()
        spec.allFeatures.findAll { FeatureInfo f -> SessionInterceptor.takesSession(f) }.each { FeatureInfo f ->
            FeatureSetup setup
            try {
                setup = FeatureSetup.of(f, settings)
            } catch (SetupException e) {
                f.featureMethod.addInterceptor({ IMethodInvocation i -> throw new AssertionError(e.message) }
                        as IMethodInterceptor)
                return
            }
            String skip = setup.skipReason()
            if (skip) {
                f.skip(skip)
            } else {
                f.featureMethod.addInterceptor(new SessionInterceptor(setup))
            }
        }
    }
}
