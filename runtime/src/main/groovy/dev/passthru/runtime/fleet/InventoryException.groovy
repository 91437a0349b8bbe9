package dev.passthru.runtime.fleet

import groovy.transform.CompileStatic

/** An inventory file that cannot be read; the message names the file (and line where there is one). */
@CompileStatic
class InventoryException extends RuntimeException {
    InventoryException(String message) { super(message) }
}
