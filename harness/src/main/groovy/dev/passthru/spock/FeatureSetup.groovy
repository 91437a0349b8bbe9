package dev.passthru.spock

import groovy.transform.CompileStatic
import org.spockframework.runtime.model.FeatureInfo

/** One feature's session as its annotations (the feature's over the spec's) and the run's settings decide it. */
@CompileStatic
final class FeatureSetup {
    final File recipe
    final File tape
    /** The tape as the annotation names it (in messages and the re-record command). */
    final String tapeName
    final TapeMode mode
    final boolean allowUnused
    final boolean allowReboot
    final HarnessSettings settings
    /** The spec class's simple name (for the re-record command). */
    final String specName

    FeatureSetup(String specName, File recipe, File tape, String tapeName, TapeMode mode, boolean allowUnused,
            boolean allowReboot, HarnessSettings settings) {
        this.specName = specName
        this.recipe = recipe
        this.tape = tape
        this.tapeName = tapeName
        this.mode = mode
        this.allowUnused = allowUnused
        this.allowReboot = allowReboot
        this.settings = settings
    }

    /** The setup of {@code feature}, or a message saying which annotation it lacks. */
    static FeatureSetup of(FeatureInfo feature, HarnessSettings settings) {
        Recipe r = feature.featureMethod.reflection.getAnnotation(Recipe) ?:
                feature.spec.reflection.getAnnotation(Recipe)
        Tape t = feature.featureMethod.reflection.getAnnotation(Tape) ?: feature.spec.reflection.getAnnotation(Tape)
        if (r == null || t == null) {
            throw new IllegalStateException("${feature.spec.name}.'${feature.name}' takes a HostRun or Host: " +
                    "annotate it or its spec with ${r == null ? '@Recipe(\'recipes/NAME.groovy\')' : ''}" +
                    "${r == null && t == null ? ' and ' : ''}${t == null ? '@Tape(\'tapes/NAME.yaml\')' : ''}")
        }
        new FeatureSetup(feature.spec.reflection.simpleName, project(r.value()), project(t.value()), t.value(),
                settings.modeOverride ?: t.mode(), t.allowUnused(), t.allowReboot(), settings)
    }

    /** {@code path} in the project directory ({@code user.dir}), or as is when absolute. */
    static File project(String path) {
        File f = new File(path)
        f.absolute ? f : new File(System.getProperty('user.dir'), path)
    }

    /** Whether this feature runs on a live host (else it replays its tape). */
    boolean isLive() { mode.live(tape.file) }

    /** Why this feature cannot run here (a live host needed and none given); null when it can. */
    String skipReason() {
        live && settings.host == null ? "needs a live host (mode ${mode.name().toLowerCase()}" +
                "${mode == TapeMode.ONCE ? ", and ${tapeName} does not exist" : ''}): " +
                'give -Dpassthru.host=USER@HOST or PASSTHRU_HOST' : null
    }

    /** The command that records this feature's tape anew. */
    String rerecord() {
        "mvn test -Dtest=${specName} -Dpassthru.tape.mode=all -Dpassthru.host=USER@HOST"
    }
}
