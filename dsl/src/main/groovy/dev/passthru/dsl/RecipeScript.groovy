package dev.passthru.dsl

import groovy.transform.CompileStatic

/** The base class of every recipe file: it provides {@code recipe('name') { }}. */
@CompileStatic
abstract class RecipeScript extends Script {
    final List<Recipe> recipes = []
    Locator locator
    /** Aliases defined in this file, at the top or inside the recipe block. */
    final Aliases aliases = new Aliases()

    /** Names a device selector once, for {@code pci(alias: 'name')}: {@code alias 'gtx1050', vendor: '10de', device: '1c81'}. */
    void alias(Map<String, Object> spec, String name) { aliases.define(locator, name, spec) }

    /** Declares the recipe this file holds. */
    Recipe recipe(String name, @DelegatesTo(value = RecipeContext, strategy = Closure.DELEGATE_FIRST) Closure body) {
        if (name == null || name.trim().isEmpty()) throw locator.error('recipe: the name is empty')
        if (!recipes.isEmpty()) throw locator.error("recipe '${name}': a file holds one recipe, and '${recipes[0].name}' came first")
        RecipeContext ctx = new RecipeContext(locator, aliases)
        Closure c = (Closure) body.clone()
        c.resolveStrategy = Closure.DELEGATE_FIRST
        c.delegate = ctx
        c.call()
        Recipe r = new Recipe(name, ctx.description, ctx.steps, locator.shownName, ctx.flavour)
        recipes << r
        r
    }
}
