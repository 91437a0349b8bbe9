package dev.passthru.spock

import org.spockframework.runtime.extension.ExtensionAnnotation

import java.lang.annotation.ElementType
import java.lang.annotation.Retention
import java.lang.annotation.RetentionPolicy
import java.lang.annotation.Target

/**
 * The recipe a spec (or one feature: the feature's wins) runs, as a path relative to the project directory
 * ({@code user.dir}). Features taking a {@link HostRun} or {@link Host} run it on the session {@link Tape} names, or on
 * the {@link Twin}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target([ElementType.TYPE, ElementType.METHOD])
@ExtensionAnnotation(PassthruExtension)
@interface Recipe {
    /** The recipe file, relative to the project directory. */
    String value()
}
