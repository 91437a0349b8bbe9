package dev.passthru.spock

import dev.passthru.runtime.cli.HostOptions
import dev.passthru.runtime.twin.TwinFile
import groovy.transform.CompileStatic

/**
 * What a {@link Twin} annotation names: a twin file in the project, or a shipped twin, as the host option
 * ({@code twin:FILE}, {@code demo}, {@code demo-kvm}) that {@code passthru apply --host} takes; and where to save it.
 */
@CompileStatic
final class TwinFixture {
    /** The value as the annotation gives it (in messages). */
    final String name
    /** The twin file; null for a shipped twin. */
    final File file
    /** Where the twin's state goes after the feature's runs; null: nowhere. */
    final File saveTo

    private TwinFixture(String name, File file, File saveTo) {
        this.name = name
        this.file = file
        this.saveTo = saveTo
    }

    /** The fixture {@code twin} names, paths in the project directory. */
    static TwinFixture of(Twin twin) {
        String v = twin.value()
        File save = twin.saveTo() ? FeatureSetup.project(twin.saveTo()) : null
        new TwinFixture(v, shipped(v) ? null : FeatureSetup.project(v), save)
    }

    /** Whether {@code value} names a shipped twin rather than a file: no {@code /} and no YAML extension. */
    static boolean shipped(String value) {
        !value.contains('/') && !value.endsWith('.yaml') && !value.endsWith('.yml')
    }

    /**
     * The host option for this twin, as {@code --host} takes it; a name that is no shipped twin is an
     * AssertionError saying what to give.
     */
    String host() {
        if (file != null) return TwinFile.PREFIX + file.path
        if (!HostOptions.isDemo(name) || TwinFile.names(name)) {
            throw new AssertionError("@Twin('${name}'): no shipped twin of that name; give demo, demo-kvm, demo-hgx " +
                    'or a twin file (path/NAME.yaml)')
        }
        name
    }
}
