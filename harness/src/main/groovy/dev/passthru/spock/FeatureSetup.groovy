package dev.passthru.spock

import groovy.transform.CompileStatic
import org.spockframework.runtime.model.FeatureInfo

import java.lang.annotation.Annotation
import java.lang.reflect.Method

/**
 * One feature's session as its annotations (the feature's over the spec's) and the run's settings decide it: a tape
 * replayed or recorded, or a twin.
 */
@CompileStatic
final class FeatureSetup {
    final File recipe
    /** The tape; null on a twin. */
    final File tape
    /** The tape as the annotation names it (in messages and the re-record command); null on a twin. */
    final String tapeName
    final TapeMode mode
    final boolean allowUnused
    final boolean allowReboot
    /** The twin the feature runs on instead of a tape; null on a tape. */
    final TwinFixture twin
    final HarnessSettings settings
    /** The spec class's simple name (for the re-record command). */
    final String specName

    private FeatureSetup(String specName, File recipe, Tape tape, TwinFixture twin, HarnessSettings settings) {
        this.specName = specName
        this.recipe = recipe
        this.tape = tape ? project(tape.value()) : null
        this.tapeName = tape?.value()
        this.mode = tape ? settings.modeOverride ?: tape.mode() : null
        this.allowUnused = tape != null && tape.allowUnused()
        this.allowReboot = tape != null && tape.allowReboot()
        this.twin = twin
        this.settings = settings
    }

    /**
     * The setup of {@code feature}; a {@link SetupException} when it has both a tape and a twin, an
     * IllegalStateException saying which annotation it lacks.
     */
    static FeatureSetup of(FeatureInfo feature, HarnessSettings settings) {
        Recipe r = feature.featureMethod.reflection.getAnnotation(Recipe) ?:
                feature.spec.reflection.getAnnotation(Recipe)
        Tape t = annotation(feature, Tape)
        Twin w = annotation(feature, Twin)
        String named = "${feature.spec.name}.'${feature.name}'"
        if (t != null && w != null) {
            throw new SetupException("${named} has both @Tape and @Twin: a twin is a simulated host and needs no " +
                    'tape; keep one of them')
        }
        if (r == null || (t == null && w == null)) {
            String fixture = t == null && w == null ? "@Tape('tapes/NAME.yaml') or @Twin('twins/NAME.yaml')" : ''
            throw new IllegalStateException("${named} takes a HostRun or Host: " +
                    "annotate it or its spec with ${r == null ? '@Recipe(\'recipes/NAME.groovy\')' : ''}" +
                    "${r == null && fixture ? ' and ' : ''}${fixture}")
        }
        new FeatureSetup(feature.spec.reflection.simpleName, project(r.value()), t, w ? TwinFixture.of(w) : null,
                settings)
    }

    /**
     * The feature's own {@code type} annotation, else the spec's when the feature has neither a tape nor a twin of
     * its own (so a feature's @Twin wins over its spec's @Tape, and the other way round).
     */
    private static <A extends Annotation> A annotation(FeatureInfo feature, Class<A> type) {
        Method m = feature.featureMethod.reflection
        if (m.getAnnotation(Tape) != null || m.getAnnotation(Twin) != null) return m.getAnnotation(type)
        feature.spec.reflection.getAnnotation(type)
    }

    /** {@code path} in the project directory ({@code user.dir}), or as is when absolute. */
    static File project(String path) {
        File f = new File(path)
        f.absolute ? f : new File(System.getProperty('user.dir'), path)
    }

    /** Whether this feature runs on a live host it records (else it replays its tape, or runs on its twin). */
    boolean isLive() { twin == null && mode.live(tape.file) }

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
