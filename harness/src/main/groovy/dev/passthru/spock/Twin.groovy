package dev.passthru.spock

import org.spockframework.runtime.extension.ExtensionAnnotation

import java.lang.annotation.ElementType
import java.lang.annotation.Retention
import java.lang.annotation.RetentionPolicy
import java.lang.annotation.Target

/**
 * The twin (a simulated host described by a twin file, docs/twins.md) a spec (or one feature: the feature's wins)
 * runs its recipe on, instead of a tape: each feature gets a fresh copy loaded from the file, which is never written.
 * A path relative to the project directory ({@code user.dir}), or a shipped twin's name ({@code demo},
 * {@code demo-kvm}) when the value has no {@code /} and does not end in {@code .yaml} or {@code .yml}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target([ElementType.TYPE, ElementType.METHOD])
@ExtensionAnnotation(PassthruExtension)
@interface Twin {
    /** The twin file (YAML), relative to the project directory; or {@code demo} / {@code demo-kvm}. */
    String value()

    /** Where to write the twin's state after the feature's runs (relative to the project directory); '' for none. */
    String saveTo() default ''
}
