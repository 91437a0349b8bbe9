package dev.passthru.spock

import org.spockframework.runtime.extension.ExtensionAnnotation

import java.lang.annotation.ElementType
import java.lang.annotation.Retention
import java.lang.annotation.RetentionPolicy
import java.lang.annotation.Target

/**
 * The recorded session a spec (or one feature: the feature's wins) replays or records, and how strictly: a path
 * relative to the project directory ({@code user.dir}).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target([ElementType.TYPE, ElementType.METHOD])
@ExtensionAnnotation(PassthruExtension)
@interface Tape {
    /** The tape file (YAML), relative to the project directory. */
    String value()

    /** Replay (default), record, once or all; {@code -Dpassthru.tape.mode} or PASSTHRU_TAPE_MODE override it. */
    TapeMode mode() default TapeMode.REPLAY

    /** Accept tape entries the run never reached (strict by default: each fails the feature). */
    boolean allowUnused() default false

    /** Let a live run reboot the host (refused otherwise, before anything changes). */
    boolean allowReboot() default false
}
