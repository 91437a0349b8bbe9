package dev.passthru.runtime.demo

import groovy.transform.CompileStatic

/**
 * xe's listing of records (xen-api cli_operations.ml select_fields and cli_printer.ml multi_line_record): the fields
 * named by {@code params=} (or the command's defaults; {@code all} for every field), in record order; each key padded
 * to 4 + the longest key, the first on the right and the others on the left, then {@code ": "} and the value (an empty
 * value leaves the trailing space); each record followed by two blank lines. With {@code --minimal}: the first
 * selected field of each record, commas escaped, joined with commas, one newline.
 */
@CompileStatic
final class DemoXeRecords {
    private DemoXeRecords() {}

    /** The records whose fields match every filter ({@code field=value}, exact), listed as xe lists them. */
    static String list(List<List<DemoXeField>> records, Map<String, String> filters, String params,
                       List<String> defaults, boolean minimal) {
        List<List<DemoXeField>> kept = records.findAll { List<DemoXeField> r ->
            filters.every { String k, String v -> r.find { it.name == k }?.value == v }
        }
        List<String> wanted = params == null ? defaults : params == 'all' ? null : params.split(',') as List<String>
        List<List<DemoXeField>> shown = kept.collect { List<DemoXeField> r ->
            wanted == null ? r : r.findAll { DemoXeField f -> f.name in wanted }
        }
        if (minimal) {
            return shown.findAll { it }.collect { List<DemoXeField> r ->
                r[0].value.replace('\\', '\\\\').replace(',', '\\,')
            }.join(',') + '\n'
        }
        shown.collect { List<DemoXeField> r -> record(r) + '\n\n' }.join('')
    }

    /** One record as multi_line_record prints it (ending in a newline). */
    static String record(List<DemoXeField> r) {
        if (r.isEmpty()) return '\n'
        int width = 4 + (r*.key()*.length().max() as int)
        List<String> lines = []
        r.eachWithIndex { DemoXeField f, int i ->
            String key = i == 0 ? f.key().padRight(width) : f.key().padLeft(width)
            lines << "${key}: ${f.value}".toString()
        }
        lines.join('\n') + '\n'
    }
}
