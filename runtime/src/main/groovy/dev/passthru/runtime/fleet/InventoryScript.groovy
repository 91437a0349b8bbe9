package dev.passthru.runtime.fleet

import groovy.transform.CompileStatic
import org.codehaus.groovy.control.CompilerConfiguration

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
 */
@CompileStatic
abstract class InventoryScript extends Script {
    Inventory inventory
    private String current = 'all'

    /** Variables for every host (in a group block: for that group's hosts). */
    void vars(Map<String, Object> vars) { inventory.group(current).vars.putAll(vars) }

    /** A host, with its own variables (ansible_host, ansible_user, ansible_port, and any for recipes). */
    void host(Map<String, Object> vars = [:], String name) {
        InventoryReader.expand(name, inventory.source, 0).each { String h -> inventory.group(current).hosts.computeIfAbsent(h) { [:] as Map<String, Object> }.putAll(vars) }
    }

    /** A group of hosts with shared variables; groups nest (a group inside another is its child). */
    void group(Map<String, Object> vars = [:], String name, Closure body) {
        String parent = current
        inventory.group(parent).children << name
        inventory.group(name).vars.putAll(vars)
        current = name
        try {
            body.call()
        } finally {
            current = parent
        }
    }

    static Inventory read(String text, String source) {
        CompilerConfiguration config = new CompilerConfiguration()
        config.scriptBaseClass = InventoryScript.name
        InventoryScript s
        try {
            s = (InventoryScript) new GroovyShell(InventoryScript.classLoader, new Binding(), config).parse(text, 'inventory.groovy')
        } catch (org.codehaus.groovy.control.MultipleCompilationErrorsException e) {
            throw new InventoryException("${source}: does not compile: ${e.message.readLines().find { it.contains('@ line') } ?: e.message.readLines().first()}")
        }
        s.inventory = new Inventory(source)
        try {
            s.run()
        } catch (InventoryException e) {
            throw e
        } catch (Exception e) {
            StackTraceElement at = e.stackTrace.find { it.fileName == 'inventory.groovy' && it.lineNumber > 0 }
            throw new InventoryException("${source}${at ? ':' + at.lineNumber : ''}: ${e instanceof MissingMethodException ? "unknown method '${((MissingMethodException) e).method}'" : e.message}")
        }
        s.inventory
    }
}
