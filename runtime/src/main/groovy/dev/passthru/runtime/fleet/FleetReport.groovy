package dev.passthru.runtime.fleet

import dev.passthru.runtime.engine.Indent
import groovy.json.JsonOutput
import dev.passthru.runtime.text.Document
import groovy.transform.CompileStatic

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

    /** A host failed or did not finish: the fleet is not done. */
    boolean isFailed() { hosts.any { it.failed || it.interrupted } }

    String toJson() {
        JsonOutput.prettyPrint(JsonOutput.toJson([schema: SCHEMA, recipe: recipe, mode: mode, shards: shards,
                started: started, millis: millis,
                                                  summary: counts(), hosts: hosts.collect { it.toMap() }]))
    }

    /**
     * Reads a report written by {@link #toJson}; a file that is not JSON is refused at its line and column, one
     * that is JSON but not a fleet report (schema, shape) naming what is wrong: both as IllegalArgumentException.
     */
    static FleetReport fromJson(String text, String source) {
        Object doc = Document.json(text, source).root
        String notReport = "${source}: not a passthru fleet report (schema ${SCHEMA})"
        if (!(doc instanceof Map)) {
            throw new IllegalArgumentException("${notReport}: the file holds a JSON " +
                    "${doc instanceof List ? 'array' : 'value'}, not an object")
        }
        Map m = (Map) doc
        if (m.schema != SCHEMA) {
            throw new IllegalArgumentException("${notReport}: its schema is " +
                    "${m.schema == null ? 'missing' : "'${m.schema}'"}")
        }
        if (!(m.hosts instanceof List)) throw new IllegalArgumentException("${notReport}: 'hosts' is not a list")
        if (m.shards != null && !(m.shards instanceof List)) {
            throw new IllegalArgumentException("${notReport}: 'shards' is not a list")
        }
        List<HostOutcome> hosts = ((List) m.hosts).withIndex().collect { Object h, int i ->
            String problem = HostOutcome.problemIn(h)
            if (problem) throw new IllegalArgumentException("${notReport}: host ${i + 1}: ${problem}")
            HostOutcome.fromMap((Map) h)
        }
        new FleetReport(recipe: m.recipe?.toString(), mode: m.mode?.toString(),
                shards: ((List) m.shards ?: []).collect { it.toString() },
                started: m.started?.toString(), millis: m.millis instanceof Number ? ((Number) m.millis).longValue()
                        : 0L, hosts: hosts)
    }

    /** One report from shards of one run: same recipe and mode; a host in two shards is an error. */
    static FleetReport merge(List<FleetReport> parts) {
        if (!parts) throw new IllegalArgumentException('nothing to merge')
        List<String> recipes = parts*.recipe.unique()
        if (recipes.size() > 1) {
            throw new IllegalArgumentException("the reports are of different recipes: ${recipes.join(', ')}")
        }
        List<String> twice = parts.collectMany { it.hosts*.name }.countBy { it }.findAll { k, v -> v > 1 }.keySet()
                .toList() as List<String>
        if (twice) {
            throw new IllegalArgumentException("host${twice.size() > 1 ? 's' : ''} ${twice.join(', ')} " +
                    "appear${twice.size() > 1 ? '' : 's'} in more than one report")
        }
        new FleetReport(recipe: recipes[0], mode: parts*.mode.unique().join('+'),
                shards: parts.collectMany { it.shards }.sort(),
                started: parts*.started.min(), millis: parts*.millis.max() as long,
                        hosts: parts.collectMany { it.hosts }.sort { it.name })
    }

    Map<String, Integer> counts() {
        Map<String, Integer> c = new LinkedHashMap<>()
        HostOutcome.STATUSES.each { String s -> int n = hosts.count { it.status == s } as int; if (n) c[s] = n }
        c
    }

    /**
     * The summary: one line of counts, one line per host that failed with the reason, and the hosts an interruption
     * stopped.
     */
    String summary() {
        StringBuilder b = new StringBuilder()
        b << "${hosts.size()} host${hosts.size() == 1 ? '' : 's'}: " +
                "${counts().collect { k, v -> "${v} ${k}" }.join(', ')}" +
                "${shards ? " (shards ${shards.join(', ')})" : ''}\n"
        hosts.findAll { it.failed }.each { HostOutcome h ->
            b << "  FAILED ${h.name}: ${Indent.under(reason(h), '      ')}\n"
        }
        List<String> stopped = hosts.findAll { it.interrupted }*.name
        if (stopped) {
            b << "  INTERRUPTED before finishing: " +
                    "${stopped.take(10).join(', ')}${stopped.size() > 10 ? " and ${stopped.size() - 10} more" : ''}\n"
        }
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

    /**
     * JUnit XML as Jenkins and GitLab read it: a testsuite per host; a testcase {@code preflight} when it has findings
     * (one failure listing every error), one {@code run} for a host that could not run or finish (error, skipped,
     * interrupted) or that has neither steps nor findings, and one per step. A testcase holds at most one of
     * failure, error, skipped, and every count attribute is the number of testcases holding it.
     */
    String toJunit() {
        List<JunitSuite> suites = hosts.collect { HostOutcome h ->
            new JunitSuite(name: h.name, hostname: h.address, classname: "passthru.${h.name}".toString(),
                    timestamp: started, millis: h.millis, cases: JunitCase.of(h))
        }
        JunitXml.write("passthru ${mode} ${recipe ?: ''}".trim(), millis, suites)
    }

    static String secs(long millis) { JunitXml.secs(millis) }
}
