package dev.passthru.dsl

import groovy.transform.CompileStatic
import org.codehaus.groovy.runtime.InvokerHelper

/**
 * What every block of the recipe language shares: the line finder its errors use, and where the recipe's
 * own {@code print}, {@code println} and {@code printf} go (standard error when passthru prints JSON).
 */
@CompileStatic
abstract class Block {
    protected final Locator locator
    private final PrintStream printed

    protected Block(Locator locator, PrintStream printed) {
        this.locator = locator
        this.printed = printed
    }

    /** Prints for the recipe's author, where the command sends a recipe's output. */
    void print(Object value) { printed.print(InvokerHelper.toString(value)) }

    /** Prints a line for the recipe's author, where the command sends a recipe's output. */
    void println(Object value) { printed.println(InvokerHelper.toString(value)) }

    /** Prints an empty line, where the command sends a recipe's output. */
    void println() { printed.println() }

    /** Prints formatted text, where the command sends a recipe's output. */
    void printf(String format, Object... values) { printed.printf(format, values) }

    /** Where the recipe's own output goes, for the blocks this one opens. */
    protected PrintStream printed() { printed }
}
