package dev.passthru.runtime.fleet

import groovy.transform.CompileStatic

/** One JUnit testcase of a host, decided before any XML is written so that the counts are those of the testcases. */
@CompileStatic
final class JunitCase {
    String name
    long millis
    /** failure, error, skipped, or null (passed). */
    String kind
    String type
    String message
    String body
    /** Warnings, diffs: shown as the testcase's output. */
    String out

    /** A host's testcases: preflight (if it has findings), run (if it could not run or finish, or no steps), steps. */
    static List<JunitCase> of(HostOutcome h) {
        List<JunitCase> out = []
        if (h.findings) out << preflight(h)
        if (h.status in ['error', 'skipped', 'interrupted'] || (!h.steps && !h.findings)) out << run(h)
        h.steps.each { Map<String, Object> s -> out << step(s) }
        out
    }

    static int count(List<JunitCase> cases, String kind) { cases.count { it.kind == kind } as int }

    private static JunitCase preflight(HostOutcome h) {
        List<Map<String, Object>> errors = h.findings.findAll { it.severity == 'error' }
        List<Map<String, Object>> warnings = h.findings.findAll { it.severity != 'error' }
        JunitCase c = new JunitCase(name: 'preflight')
        if (errors) {
            c.kind = 'failure'
            c.type = 'preflight'
            c.message = "${errors[0].message}${errors.size() > 1 ? " (and ${errors.size() - 1} more)" : ''}"
            c.body = errors.collect { Map<String, Object> f -> describe(f) }.join('\n\n')
        }
        if (warnings) c.out = warnings.collect { Map<String, Object> f -> "warning: ${describe(f)}" }.join('\n\n')
        c
    }

    /** {@code file:line: message}, then the evidence and the fix on their own lines when the finding has them. */
    private static String describe(Map<String, Object> f) {
        String evidence = f.evidence ? "\n  evidence: ${f.evidence}" : ''
        String fix = f.fix ? "\n  fix: ${f.fix}" : ''
        "${f.file}:${f.line}: ${f.message}${evidence}${fix}"
    }

    private static JunitCase run(HostOutcome h) {
        JunitCase c = new JunitCase(name: 'run', millis: h.millis)
        switch (h.status) {
            case 'error': c.kind = 'error'; c.type = 'error'; break
            case 'interrupted': c.kind = 'error'; c.type = 'interrupted'; break
            case 'skipped': c.kind = 'skipped'; break
            case 'failed': c.kind = 'failure'; c.type = 'failed'; break
        }
        c.message = h.error ?: h.status
        c.body = c.kind && c.kind != 'skipped' ? c.message : null
        c
    }

    private static JunitCase step(Map<String, Object> s) {
        JunitCase c = new JunitCase(name: "${s.index}. ${s.step} (line ${s.line})", millis: (s.millis ?: 0) as long)
        switch (s.status) {
            case 'failed':
                c.kind = 'failure'; c.type = 'step'; c.message = s.message ?: 'failed'; c.body = c.message; break
            case 'interrupted':
                c.kind = 'error'; c.type = 'interrupted'; c.message = s.message ?: 'interrupted'; c.body = c.message
                break
            case 'skipped': c.kind = 'skipped'; c.message = s.message ?: 'an earlier step failed'; break
        }
        if (s.diff) c.out = "${s.status}\n${(s.diff as List).join('\n')}"
        c
    }
}
