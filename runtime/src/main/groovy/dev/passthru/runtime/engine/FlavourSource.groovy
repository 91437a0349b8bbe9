package dev.passthru.runtime.engine

import dev.passthru.dsl.Recipe
import groovy.transform.CompileStatic

/** Where the engine gets the flavour for a recipe at preflight: fixed, or detected from the host. */
@CompileStatic
interface FlavourSource {
    /** The flavour to run {@code recipe} with; UndecidedFlavourException (a preflight finding) when it cannot tell. */
    Flavour flavourFor(Recipe recipe) throws Exception
}
