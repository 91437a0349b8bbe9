package dev.passthru.runtime.fleet

import groovy.transform.CompileDynamic
import groovy.transform.CompileStatic
import groovy.xml.MarkupBuilder

/**
 * Writes JUnit XML as Jenkins and GitLab read it (escaped by MarkupBuilder): testsuites of testcases, each holding at
 * most one of failure, error, skipped, and every count attribute the number of testcases holding it.
 */
@CompileStatic
final class JunitXml {
    private JunitXml() {}

    /** The document for {@code suites}, under a root named {@code name} that took {@code millis}. */
    @CompileDynamic
    static String write(String name, long millis, List<JunitSuite> suites) {
        List<JunitCase> all = suites.collectMany { JunitSuite s -> s.cases }
        StringWriter w = new StringWriter()
        w << '<?xml version="1.0" encoding="UTF-8"?>\n'
        MarkupBuilder x = new MarkupBuilder(new IndentPrinter(w, '  ', true))
        x.doubleQuotes = true
        x.testsuites(name: name, tests: all.size(), failures: JunitCase.count(all, 'failure'),
                errors: JunitCase.count(all, 'error'), skipped: JunitCase.count(all, 'skipped'), time: secs(millis)) {
            suites.each { JunitSuite s ->
                Map<String, Object> attrs = [name: s.name]
                if (s.hostname != null) attrs.hostname = s.hostname
                attrs.putAll([tests: s.cases.size(), failures: JunitCase.count(s.cases, 'failure'),
                        errors: JunitCase.count(s.cases, 'error'), skipped: JunitCase.count(s.cases, 'skipped'),
                        time: secs(s.millis)])
                if (s.timestamp != null) attrs.timestamp = s.timestamp
                x.testsuite(attrs) {
                    s.cases.each { JunitCase c ->
                        x.testcase(classname: s.classname, name: c.name, time: secs(c.millis)) {
                            if (c.kind == 'skipped') x.skipped(message: c.message)
                            else if (c.kind) x."${c.kind}"(message: c.message, type: c.type, c.body)
                            if (c.out) x.'system-out'(c.out)
                        }
                    }
                }
            }
        }
        w.toString() + '\n'
    }

    /** Seconds with three decimals, as JUnit's time attributes are. */
    static String secs(long millis) { String.format(Locale.ROOT, '%.3f', millis / 1000.0d) }
}
