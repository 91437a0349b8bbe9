package dev.passthru.runtime.xcpng.usb

import dev.passthru.runtime.engine.PlannedCommand
import dev.passthru.runtime.engine.StepFailedException
import dev.passthru.runtime.operation.Action
import dev.passthru.runtime.operation.ActionContext
import groovy.transform.CompileStatic

/**
 * A USB device plugged in but not listed by XAPI yet (a usbPolicy step before it may allow it): apply plans the step
 * again when it gets there, and stops here only if XAPI still lists no PUSB for it then.
 */
@CompileStatic
final class UsbNotListed implements Action {
    final String message

    UsbNotListed(String message) { this.message = message }

    PlannedCommand planned() {
        PlannedCommand.note('XAPI lists no PUSB for it yet: apply plans this step again after the steps before it')
    }

    void run(ActionContext context) { throw new StepFailedException(message) }
}
