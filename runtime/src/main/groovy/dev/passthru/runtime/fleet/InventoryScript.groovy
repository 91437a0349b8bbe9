package dev.passthru.runtime.fleet

import groovy.transform.CompileStatic
import org.codehaus.groovy.control.CompilerConfiguration
import org.codehaus.groovy.control.MultipleCompilationErrorsException
import org.codehaus.groovy.control.messages.SyntaxErrorMessage

/**
 * The Groovy form of an inventory:
 * <pre>
 * vars user: 'root'
 * group('xcp', nic: '04:01.0') {
 *     host 'xcp01', ansible_host: '10.0.0.11'
 *     host 'xcp02', ansible_host: '10.0.0.12', nic: '05:00.0'
 * }
 * host 'kvm01', ansible_host: 'demo-kvm'
 * </pre>
 * A mistake (syntax, an unknown call, a bad {@code ansible_port}, an exception) is {@code FILE:LINE: what}.
 */
@CompileStatic
abstract class InventoryScript extends Script {
    private static final String FRAME = 'inventory.groovy'

    Inventory inventory
    private String current = 'all'

    /** Variables for every host (in a group block: for that group's hosts). */
    void vars(Map<String, Object> vars) { inventory.group(current).vars.putAll(checked(vars, "group ${current}")) }

    /** A host, with its own variables (ansible_host, ansible_user, ansible_port, and any for recipes). */
    void host(Map<String, Object> vars = [:], String name) {
        Map<String, Object> own = checked(vars, "host ${name}")
        InventoryReader.expand(name, inventory.source, line()).each { String h ->
            inventory.group(current).hosts.computeIfAbsent(h) { [:] as Map<String, Object> }.putAll(own)
        }
    }

    /** A group of hosts with shared variables; groups nest (a group inside another is its child). */
    void group(Map<String, Object> vars = [:], String name, Closure body) {
        String parent = current
        inventory.group(parent).children << name
        inventory.group(name).vars.putAll(checked(vars, "group ${name}"))
        current = name
        try {
            body.call()
        } finally {
            current = parent
        }
    }

    private Map<String, Object> checked(Map<String, Object> vars, String what) {
        vars.each { String k, Object v ->
            String problem = Inventory.varProblem(k, v)
            if (problem) throw new InventoryException("${inventory.source}:${line()}: ${what}: ${problem}")
        }
        vars
    }

    /** The inventory line running now. */
    private static int line() { lineOf(new Throwable()) }

    private static int lineOf(Throwable e) {
        e.stackTrace.find { it.fileName == FRAME && it.lineNumber > 0 }?.lineNumber ?: 0
    }

    /** Groovy quotes the whole broken construct, escaped; one line is enough: where it broke. */
    private static String syntax(String message) {
        List<String> parts = message.split(/\\n|\n/).collect { it.trim() }.findAll { it } as List<String>
        if (message.startsWith("Unexpected input: '") && parts.size() > 1) {
            return "unexpected input at '${parts.last().replaceAll(/'$/, '')}'"
        }
        parts ? parts[0] : message
    }

    static Inventory read(String text, String source) {
        CompilerConfiguration config = new CompilerConfiguration()
        config.scriptBaseClass = InventoryScript.name
        InventoryScript s
        try {
            s = (InventoryScript) new GroovyShell(InventoryScript.classLoader, new Binding(), config).parse(text, FRAME)
        } catch (MultipleCompilationErrorsException e) {
            Object first = e.errorCollector.errors ? e.errorCollector.errors[0] : null
            if (first instanceof SyntaxErrorMessage) {
                org.codehaus.groovy.syntax.SyntaxException cause = ((SyntaxErrorMessage) first).cause
                throw new InventoryException("${source}:${cause.line}: Groovy syntax error: " +
                        "${syntax(cause.originalMessage)}")
            }
            throw new InventoryException("${source}: does not compile: " +
                    "${e.message.readLines().find { it.contains('@ line') } ?: e.message.readLines().first()}")
        }
        s.inventory = new Inventory(source)
        try {
            s.run()
        } catch (InventoryException e) {
            throw e
        } catch (Throwable e) {
            if (FleetRunner.fatal(e)) throw e
            int at = lineOf(e)
            String what = e instanceof MissingMethodException
                    ? "unknown method '${((MissingMethodException) e).method}'" : FleetRunner.oneLine(e)
            throw new InventoryException("${source}${at ? ':' + at : ''}: ${what}")
        }
        s.inventory
    }
}
