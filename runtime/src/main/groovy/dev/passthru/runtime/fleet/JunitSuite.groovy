package dev.passthru.runtime.fleet

import groovy.transform.CompileStatic

/** One JUnit testsuite: its name, the host it ran on (if any), the classname of its testcases, and the testcases. */
@CompileStatic
final class JunitSuite {
    String name
    String hostname
    String classname
    String timestamp
    long millis
    List<JunitCase> cases = []
}
