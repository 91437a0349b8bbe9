package dev.passthru.dsl

import groovy.transform.CompileStatic
import groovy.transform.NamedParam
import org.codehaus.groovy.runtime.InvokerHelper

/** The base class of every recipe file: it provides {@code recipe('name') { }}. */
@CompileStatic
abstract class RecipeScript extends Script {
    final List<Recipe> recipes = []
    Locator locator
    /** Aliases defined in this file, at the top or inside the recipe block. */
    final Aliases aliases = new Aliases()
    /** Where the recipe's own print, println and printf go (standard error when the command prints JSON). */
    PrintStream printed = System.out

    /**
     * Names a device selector once, for {@code pci(alias: 'name')}: {@code alias 'gtx1050', vendor: '10de', device:
     * '1c81'}.
     */
    void alias(@NamedParam(value = 'vendor', type = String) @NamedParam(value = 'device', type = String)
               @NamedParam(value = 'class', type = String) Map<String, Object> spec, String name) {
        aliases.define(locator, name, spec)
    }

    /** Declares the recipe this file holds. */
    Recipe recipe(String name, @DelegatesTo(value = RecipeContext, strategy = Closure.DELEGATE_FIRST) Closure body) {
        if (name == null || name.trim().isEmpty()) throw locator.error('recipe: the name is empty')
        if (!recipes.isEmpty()) {
            throw locator.error("recipe '${name}': a file holds one recipe, and '${recipes[0].name}' came first")
        }
        RecipeContext ctx = new RecipeContext(locator, aliases, printed)
        Closure c = (Closure) body.clone()
        c.resolveStrategy = Closure.DELEGATE_FIRST
        c.delegate = ctx
        c.call()
        Recipe r = new Recipe(name, ctx.description, ctx.steps, locator.shownName, ctx.flavour)
        recipes << r
        r
    }

    @Override
    void print(Object value) { printed.print(InvokerHelper.toString(value)) }

    @Override
    void println(Object value) { printed.println(InvokerHelper.toString(value)) }

    @Override
    void println() { printed.println() }

    @Override
    void printf(String format, Object value) { printed.printf(format, value) }

    @Override
    void printf(String format, Object[] values) { printed.printf(format, values) }
}
