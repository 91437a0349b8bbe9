package dev.passthru.runtime.fleet

import dev.passthru.runtime.engine.Indent
import groovy.json.JsonOutput
import groovy.json.JsonSlurper
import groovy.transform.CompileStatic
import groovy.xml.MarkupBuilder

/**
 * A fleet run's report: every host's outcome. Written as JSON (schema {@link #SCHEMA}, stable keys) and
 * as JUnit XML (one testsuite per host, one testcase per step, so Jenkins and GitLab show lab
 * acceptance natively); shards' JSON reports merge into one; and a summary an operator reads at a glance.
 */
@CompileStatic
final class FleetReport {
    static final String SCHEMA = 'passthru.fleet-report/1'

    String recipe
    String mode
    /** The shards this report covers, e.g. ['1/3'] or, merged, ['1/3', '2/3', '3/3']; empty when not sharded. */
    List<String> shards = []
    String started
    long millis
    List<HostOutcome> hosts = []

    boolean isFailed() { hosts.any { it.failed } }

    String toJson() {
        JsonOutput.prettyPrint(JsonOutput.toJson([schema: SCHEMA, recipe: recipe, mode: mode, shards: shards, started: started, millis: millis,
                                                  summary: counts(), hosts: hosts.collect { it.toMap() }]))
    }

    static FleetReport fromJson(String text, String source) {
        Object doc
        try {
            doc = new JsonSlurper().parseText(text)
        } catch (Exception e) {
            throw new IllegalArgumentException("${source}: not JSON: ${e.message}")
        }
        if (!(doc instanceof Map) || ((Map) doc).schema != SCHEMA) throw new IllegalArgumentException("${source}: not a passthru fleet report (schema ${SCHEMA})")
        Map m = (Map) doc
        new FleetReport(recipe: m.recipe, mode: m.mode, shards: (List<String>) m.shards ?: [], started: m.started, millis: (m.millis ?: 0) as long,
                hosts: ((List<Map>) m.hosts).collect { HostOutcome.fromMap(it) })
    }

    /** One report from shards of one run: same recipe and mode; a host in two shards is an error. */
    static FleetReport merge(List<FleetReport> parts) {
        if (!parts) throw new IllegalArgumentException('nothing to merge')
        List<String> recipes = parts*.recipe.unique()
        if (recipes.size() > 1) throw new IllegalArgumentException("the reports are of different recipes: ${recipes.join(', ')}")
        List<String> twice = parts.collectMany { it.hosts*.name }.countBy { it }.findAll { k, v -> v > 1 }.keySet().toList() as List<String>
        if (twice) throw new IllegalArgumentException("host${twice.size() > 1 ? 's' : ''} ${twice.join(', ')} appear${twice.size() > 1 ? '' : 's'} in more than one report")
        new FleetReport(recipe: recipes[0], mode: parts*.mode.unique().join('+'), shards: parts.collectMany { it.shards }.sort(),
                started: parts*.started.min(), millis: parts*.millis.max() as long, hosts: parts.collectMany { it.hosts }.sort { it.name })
    }

    Map<String, Integer> counts() {
        Map<String, Integer> c = new LinkedHashMap<>()
        HostOutcome.STATUSES.each { String s -> int n = hosts.count { it.status == s } as int; if (n) c[s] = n }
        c
    }

    /** The summary: one line of counts, then one line per host that failed, with the reason. */
    String summary() {
        StringBuilder b = new StringBuilder()
        b << "${hosts.size()} host${hosts.size() == 1 ? '' : 's'}: ${counts().collect { k, v -> "${v} ${k}" }.join(', ')}${shards ? " (shards ${shards.join(', ')})" : ''}\n"
        hosts.findAll { it.failed }.each { HostOutcome h -> b << "  FAILED ${h.name}: ${Indent.under(reason(h), '      ')}\n" }
        b.toString()
    }

    /** Why a host failed, in one line: the failed step, the first preflight error, or the error. */
    static String reason(HostOutcome h) {
        Map<String, Object> step = h.steps.find { it.status == 'failed' }
        if (step) return "step ${step.index} '${step.step}' (line ${step.line}): ${step.message}"
        Map<String, Object> f = h.findings.find { it.severity == 'error' }
        if (f) return "preflight: ${f.file}:${f.line}: ${f.message}"
        h.error ?: 'failed'
    }

    /** JUnit XML as Jenkins and GitLab read it (MarkupBuilder builds by dynamic dispatch). */
    @groovy.transform.CompileDynamic
    String toJunit() {
        StringWriter w = new StringWriter()
        w << '<?xml version="1.0" encoding="UTF-8"?>\n'
        MarkupBuilder x = new MarkupBuilder(new IndentPrinter(w, '  ', true))
        x.doubleQuotes = true
        int failures = hosts.sum(0) { HostOutcome h -> failuresOf(h) } as int
        int errors = hosts.count { it.status == 'error' } as int
        x.testsuites(name: "passthru ${mode} ${recipe}", tests: hosts.sum(0) { HostOutcome h -> testsOf(h) }, failures: failures, errors: errors, time: secs(millis)) {
            hosts.each { HostOutcome h ->
                x.testsuite(name: h.name, hostname: h.address, tests: testsOf(h), failures: failuresOf(h), errors: h.status == 'error' ? 1 : 0,
                        skipped: h.status == 'skipped' ? 1 : h.steps.count { it.status == 'skipped' }, time: secs(h.millis), timestamp: started) {
                    if (h.status in ['error', 'skipped'] || h.findings) {
                        x.testcase(classname: "passthru.${h.name}", name: 'preflight', time: '0') {
                            if (h.status == 'error') x.error(message: h.error ?: 'error', type: 'error', h.error)
                            else if (h.status == 'skipped') x.skipped(message: h.error)
                            h.findings.findAll { it.severity == 'error' }.each { Map f ->
                                x.failure(message: f.message, type: 'preflight', "${f.file}:${f.line}: ${f.message}\nevidence: ${f.evidence ?: '-'}\nfix: ${f.fix ?: '-'}")
                            }
                            List<Map> warnings = h.findings.findAll { it.severity == 'warning' } as List<Map>
                            if (warnings) x.'system-out'(warnings.collect { Map f -> "warning: ${f.file}:${f.line}: ${f.message}" }.join('\n'))
                        }
                    }
                    h.steps.each { Map s ->
                        x.testcase(classname: "passthru.${h.name}", name: "${s.index}. ${s.step} (line ${s.line})", time: secs((s.millis ?: 0) as long)) {
                            if (s.status == 'failed') x.failure(message: s.message ?: 'failed', type: 'step', s.message)
                            if (s.status == 'skipped') x.skipped(message: s.message ?: 'an earlier step failed')
                            if (s.diff) x.'system-out'("${s.status}\n${(s.diff as List).join('\n')}")
                        }
                    }
                }
            }
        }
        w.toString() + '\n'
    }

    private static int testsOf(HostOutcome h) { h.steps.size() + (h.status in ['error', 'skipped'] || h.findings ? 1 : 0) }

    private static int failuresOf(HostOutcome h) { h.steps.count { it.status == 'failed' } + h.findings.count { it.severity == 'error' } as int }

    private static String secs(long millis) { String.format(Locale.ROOT, '%.3f', millis / 1000.0d) }
}
