package dev.passthru.runtime.engine

import groovy.transform.CompileStatic

/** The host is of no kind passthru knows, and no flavour was given: the message says what was found. */
@CompileStatic
class UndecidedFlavourException extends StepFailedException {
    UndecidedFlavourException(String message) { super(message) }
}
