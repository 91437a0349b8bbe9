package dev.passthru.runtime.fleet

import groovy.transform.CompileStatic

import java.util.regex.Matcher

/**
 * Reads an inventory: Ansible's INI or YAML inventory formats as they are (so a lab's existing inventory
 * works), or passthru's Groovy form ({@code .groovy}). The whole file is read before any host is touched; a
 * mistake is an {@link InventoryException} naming the file and line.
 */
@CompileStatic
final class InventoryReader {
    private InventoryReader() {}

    /** The inventory in {@code file}; relative {@code twin:FILE} paths in it are relative to its directory. */
    static Inventory read(File file) {
        if (!file.isFile()) throw new InventoryException("${file}: no such inventory file")
        String text = file.getText('UTF-8')
        String name = file.name.toLowerCase(Locale.ROOT)
        Inventory inv = name.endsWith('.groovy') ? InventoryScript.read(text, file.path)
                : name.endsWith('.yml') || name.endsWith('.yaml') ? yaml(text, file.path) : ini(text, file.path)
        inv.dir = file.absoluteFile.parentFile
        inv
    }

    /** Ansible's INI inventory (see {@link IniInventory}). */
    static Inventory ini(String text, String source) { IniInventory.parse(text, source) }

    /** Ansible's YAML inventory (see {@link YamlInventory}). */
    static Inventory yaml(String text, String source) { YamlInventory.parse(text, source) }

    /**
     * {@code web[01:03]} is web01, web02, web03 (zero padding kept), {@code db-[a:c]} db-a to db-c, {@code h[0:8:2]}
     * every second; several ranges multiply. A name without a range is itself; a bracket that is not a whole range
     * is an error at {@code line} (0: no line).
     */
    static List<String> expand(String pattern, String source, int line) {
        expandIn(pattern, pattern, "${source}${line ? ':' + line : ''}")
    }

    private static List<String> expandIn(String pattern, String whole, String at) {
        Matcher m = pattern =~ /^(.*?)\[([0-9]+|[a-zA-Z]):([0-9]+|[a-zA-Z])(?::([0-9]+))?\](.*)$/
        if (!m.matches()) {
            if (pattern.contains('[') || pattern.contains(']')) throw notARange(whole, at)
            return [pattern]
        }
        String head = m.group(1), from = m.group(2), to = m.group(3), tail = m.group(5)
        if (head.contains('[') || head.contains(']')) throw notARange(whole, at)
        int step = m.group(4) ? Integer.parseInt(m.group(4)) : 1
        if (step < 1) throw new InventoryException("${at}: range [${from}:${to}:${step}] needs a step of at least 1")
        boolean letters = !Character.isDigit(from.charAt(0))
        if (letters != !Character.isDigit(to.charAt(0))) {
            throw new InventoryException("${at}: range [${from}:${to}] mixes a number and a letter")
        }
        int a = letters ? (int) from.charAt(0) : Integer.parseInt(from)
        int b = letters ? (int) to.charAt(0) : Integer.parseInt(to)
        if (b < a) throw new InventoryException("${at}: range [${from}:${to}] runs backwards")
        int width = !letters && from.startsWith('0') ? from.length() : 0
        List<String> tails = expandIn(tail, whole, at)
        (a..b).step(step).collectMany { Integer v ->
            String mid = letters ? Character.toString(v) : width ? String.format("%0${width}d", v) : Integer.toString(v)
            tails.collect { String t -> head + mid + t }
        }
    }

    private static InventoryException notARange(String pattern, String at) {
        new InventoryException("${at}: '${pattern}' is not a host name or range (ranges: web[01:50], db-[a:c], " +
                "h[0:8:2])")
    }
}
