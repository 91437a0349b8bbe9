package dev.passthru.runtime.text

import groovy.transform.CompileStatic

/** A YAML or JSON file that does not parse; the message is one line, {@code FILE:LINE:COLUMN: not YAML: reason}. */
@CompileStatic
class DocumentException extends IllegalArgumentException {
    DocumentException(String message) { super(message) }
}
