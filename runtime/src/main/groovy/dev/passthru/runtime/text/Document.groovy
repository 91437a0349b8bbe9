package dev.passthru.runtime.text

import com.fasterxml.jackson.core.JsonFactory
import com.fasterxml.jackson.core.JsonLocation
import com.fasterxml.jackson.core.JsonParser
import com.fasterxml.jackson.core.JsonProcessingException
import com.fasterxml.jackson.core.JsonToken
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory
import groovy.transform.CompileStatic
import org.yaml.snakeyaml.error.MarkedYAMLException

/**
 * A YAML or JSON file read into maps, lists and scalars, remembering the line of every key and list item,
 * so that a mistake found in its content later can name its line. A file that does not parse is a
 * {@link DocumentException}: {@code FILE:LINE:COLUMN: not YAML: reason} (tapes, inventories and reports share this).
 */
@CompileStatic
final class Document {
    private static final JsonFactory YAML = new YAMLFactory()
    private static final JsonFactory JSON = new JsonFactory()

    /** How messages name the file. */
    final String source
    /** The content: LinkedHashMap, ArrayList, String, Integer/Long/BigInteger, BigDecimal, Boolean or null (empty). */
    final Object root
    private final Map<List<Object>, Integer> lines

    private Document(String source, Object root, Map<List<Object>, Integer> lines) {
        this.source = source
        this.root = root
        this.lines = lines
    }

    /** Reads YAML (the first document of the text). */
    static Document yaml(String text, String source) { parse(YAML, text, source, 'YAML') }

    /** Reads JSON. */
    static Document json(String text, String source) { parse(JSON, text, source, 'JSON') }

    /** The line of the key or list item at {@code path} (keys and 0-based indexes from the root); 0 when unknown. */
    int line(List<Object> path) { lines[path] ?: 0 }

    /** {@code FILE:LINE} of {@code path}, or just {@code FILE} when its line is unknown. */
    String at(List<Object> path) {
        int n = line(path)
        n ? "${source}:${n}".toString() : source
    }

    private static Document parse(JsonFactory factory, String text, String source, String kind) {
        Map<List<Object>, Integer> lines = [:]
        JsonParser p = null
        try {
            p = factory.createParser(text)
            JsonToken first = p.nextToken()
            if (first == null && kind == 'JSON') throw new DocumentException("${source}: not JSON: the file is empty")
            Object root = first == null ? null : value(p, [], lines)
            if (p.nextToken() != null) {
                String what = kind == 'JSON' ? 'value' : 'document'
                String at = where(source, p.currentTokenLocation())
                throw new DocumentException("${at}: not ${kind}: more than one ${what} in the file")
            }
            new Document(source, root, lines)
        } catch (JsonProcessingException e) {
            throw new DocumentException(message(e, source, kind))
        } finally {
            p?.close()
        }
    }

    private static Object value(JsonParser p, List<Object> path, Map<List<Object>, Integer> lines) {
        switch (p.currentToken()) {
            case JsonToken.START_OBJECT:
                Map<String, Object> map = new LinkedHashMap<>()
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String key = p.currentName()
                    List<Object> at = path + [(Object) key]
                    lines[at] = p.currentTokenLocation().lineNr
                    p.nextToken()
                    map[key] = value(p, at, lines)
                }
                return map
            case JsonToken.START_ARRAY:
                List<Object> list = []
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    List<Object> at = path + [(Object) list.size()]
                    lines[at] = p.currentTokenLocation().lineNr
                    list << value(p, at, lines)
                }
                return list
            case JsonToken.VALUE_NUMBER_INT: return p.numberValue
            case JsonToken.VALUE_NUMBER_FLOAT: return p.decimalValue
            case JsonToken.VALUE_TRUE: return true
            case JsonToken.VALUE_FALSE: return false
            case JsonToken.VALUE_NULL: return null
            case JsonToken.VALUE_EMBEDDED_OBJECT: return p.embeddedObject?.toString()
            default: return p.text
        }
    }

    /** One line from the parser's complaint: where (SnakeYAML's problem mark, Jackson's location) and why. */
    private static String message(JsonProcessingException e, String source, String kind) {
        String at = where(source, e.location)
        String reason = e.originalMessage
        if (e.cause instanceof MarkedYAMLException) {
            MarkedYAMLException y = (MarkedYAMLException) e.cause
            if (y.problemMark) at = "${source}:${y.problemMark.line + 1}:${y.problemMark.column + 1}"
            String mark = y.contextMark ? " at line ${y.contextMark.line + 1}" : ''
            String context = y.context ? " (${y.context}${mark})" : ''
            reason = (y.problem ?: reason) + context
        }
        // Jackson names a related place as "[Source: ...; line: 1, column: 7]"; the file is named already
        reason = (reason ?: e.class.simpleName)
                .replaceAll(/\[Source: [^\]]*?; line: (\d+), column: (\d+)\]/, 'line $1, column $2')
        "${at}: not ${kind}: ${reason.readLines().find { it.trim() }?.trim() ?: reason.trim()}"
    }

    private static String where(String source, JsonLocation loc) {
        loc && loc.lineNr > 0 ? "${source}:${loc.lineNr}:${Math.max(1, loc.columnNr)}" : source
    }
}
