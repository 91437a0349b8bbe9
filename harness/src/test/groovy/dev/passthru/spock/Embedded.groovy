package dev.passthru.spock

import spock.util.EmbeddedSpecRunner

/** Runs a small spec written as a string, with system properties set for that run only: what did the extension do? */
class Embedded {
    /** The shipped recipes and tapes, from this module's directory. */
    static final File REPO = new File(System.getProperty('passthru.root', '..')).canonicalFile

    static File repo(String path) { new File(REPO, path) }

    /** Runs {@code source} (imports of this package added) with {@code props} set as system properties meanwhile. */
    static EmbeddedSpecRunner.SummarizedEngineExecutionResults run(String source, Map<String, String> props = [:]) {
        Map<String, String> before = props.collectEntries { k, v -> [(k): System.getProperty(k)] }
        props.each { k, v -> System.setProperty(k, v) }
        try {
            EmbeddedSpecRunner runner = new EmbeddedSpecRunner(throwFailure: false)
            runner.addPackageImport('dev.passthru.spock')
            runner.runWithImports(source)
        } finally {
            before.each { k, v -> v == null ? System.clearProperty(k) : System.setProperty(k, v) }
        }
    }

    /** The failures' messages, one string. */
    static String failures(EmbeddedSpecRunner.SummarizedEngineExecutionResults r) {
        r.failures.collect { it.exception.message }.join('\n')
    }
}
