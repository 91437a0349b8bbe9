package dev.passthru.dsl

import groovy.transform.CompileStatic

/**
 * What the host is, as a recipe reads it ({@code facts.cpus.count}, {@code facts.product.version},
 * {@code facts.pci}): the same map {@code passthru facts --json} prints, read from the host the first time
 * the recipe asks and not before (a recipe that never reads facts sends no command for them).
 */
@CompileStatic
class RecipeFacts {
    private final Closure<Map<String, Object>> supplier
    private final Locator locator
    private FactMap facts

    RecipeFacts(Closure<Map<String, Object>> supplier, Locator locator) {
        this.supplier = supplier
        this.locator = locator
    }

    /** One fact by name; an unknown name is a recipe error listing the known ones. */
    Object propertyMissing(String name) { getAt(name) }

    /** One fact by name ({@code facts['cpus']}); an unknown name is a recipe error listing the known ones. */
    Object getAt(String name) { all().get(name) }

    /** Every fact, read from the host now if they were not yet. */
    Map<String, Object> all() {
        if (facts == null) {
            if (supplier == null) throw locator.error('facts: this recipe is not being run against a host')
            try {
                facts = new FactMap(supplier.call(), '', locator)
            } catch (RecipeException e) {
                throw e
            } catch (Exception e) {
                throw locator.error("facts: could not read the host: ${e.message}")
            }
        }
        facts
    }
}
