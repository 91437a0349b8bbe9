package dev.passthru.runtime.engine

import groovy.transform.CompileStatic

/** How one flavour carries out one step: look (changes nothing), then act. */
@CompileStatic
interface StepHandler {
    /** Reads the host and says whether the step is already so. Never changes the host. */
    Check check() throws Exception

    /** Makes it so; called only when {@link #check} said it is not. Verification is a new check afterwards. */
    void apply(Check before) throws Exception
}
