package dev.passthru.spock

import spock.lang.Specification

/** Mistakes in a spec's annotations are reported plainly. */
class MisuseSpec extends Specification {
    def "a feature taking a HostRun without @Tape is told which annotation it lacks"() {
        when:
        def r = Embedded.run("""
        @Recipe('${Embedded.repo('recipes/xcp-ng/nic-passthrough.groovy').path}')
        class NoTape extends Specification {
            def "f"(HostRun run) { expect: run.passed }
        }
        """)

        then:
        r.failures.any { it.exception.message == "NoTape.'f' takes a HostRun or Host: annotate it or its spec with " +
                "@Tape('tapes/NAME.yaml') or @Twin('twins/NAME.yaml')" }
    }

    def "features that take neither a HostRun nor a Host run as usual, without a session"() {
        when:
        def r = Embedded.run("""
        @Recipe('no-such-recipe.groovy')
        @Tape('no-such-tape.yaml')
        class Plain extends Specification {
            def "f"() { expect: 1 + 1 == 2 }
        }
        """)

        then:
        r.testsSucceededCount == 1
    }
}
