package dev.passthru.spec.dsl

import dev.passthru.dsl.Recipe
import dev.passthru.dsl.RecipeException
import dev.passthru.dsl.RecipeLoader
import dev.passthru.dsl.UsbAttachStep
import dev.passthru.dsl.UsbDetachStep
import dev.passthru.dsl.UsbPolicyStep
import spock.lang.Specification

/** usb / detachUsb in a vm block and the usbPolicy { } block: their steps, and the mistakes refused with file:line. */
class UsbWordsSpec extends Specification {
    static Recipe load(String body) { new RecipeLoader().load("recipe('x') {\n  ${body}\n}\n", 'x.groovy') }

    def "usb and detachUsb make one step each, ids in lower case, with serial, path and restart"() {
        when:
        Recipe r = load("vm('desk') { usb vendor: '0781', product: '5591'; usb vendor: '046D', product: 'C31C', " +
                "serial: 'AB12', path: '1-3.2', restart: true; detachUsb vendor: '0781', product: '5591', path: '2-1' }")
        UsbAttachStep a = (UsbAttachStep) r.steps[0]
        UsbAttachStep b = (UsbAttachStep) r.steps[1]
        UsbDetachStep d = (UsbDetachStep) r.steps[2]

        then:
        r.steps.size() == 3
        [a.vm, a.device.vendor, a.device.product, a.device.serial, a.device.path, a.restart] ==
                ['desk', '0781', '5591', null, null, false]
        [b.device.vendor, b.device.product, b.device.serial, b.device.path, b.restart] ==
                ['046d', 'c31c', 'AB12', '1-3.2', true]
        d.describe() == "detachUsb 0781:5591 path 2-1 from VM 'desk'"
        a.describe() == "usb 0781:5591 to VM 'desk'"
        a.location.line == 2
    }

    def "usbPolicy { allow } is one step with its devices in order"() {
        when:
        Recipe r = load("usbPolicy { allow vendor: '046d', product: 'c31c'; allow vendor: '046D', product: 'C077' }")
        UsbPolicyStep p = (UsbPolicyStep) r.steps[0]

        then:
        r.steps.size() == 1
        p.allow*.toString() == ['046d:c31c', '046d:c077']
        p.describe() == 'usbPolicy allow 046d:c31c, 046d:c077'
    }

    def "#body is refused: #message"() {
        when:
        load(body)

        then:
        RecipeException e = thrown()
        e.userMessage() == "x.groovy:2: ${message}".toString()

        where:
        body                                                              || message
        "vm('v') { usb vendor: '781', product: '5591' }"                  || "usb: vendor: '781' is not 4 hex digits (e.g. '0781')"
        "vm('v') { usb vendor: '0781', product: '55g1' }"                 || "usb: product: '55g1' is not 4 hex digits (e.g. '0781')"
        "vm('v') { usb product: '5591' }"                                 || "usb: vendor: is missing (4 hex digits, e.g. vendor: '0781')"
        "vm('v') { usb vendor: '0781', product: '5591', bus: 2 }"         || 'usb: unknown option bus (only vendor:, product:, serial:, path:, restart:)'
        "vm('v') { usb vendor: '0781', product: '5591', restart: 'yes' }" || "usb: restart: is true or false, not 'yes'"
        "vm('v') { usb vendor: '0781', product: '5591', path: '2.1' }"    || "usb: path: '2.1' is not a USB bus path like '2-1.1' (bus-port[.port...])"
        "vm('v') { usb vendor: '0781', product: '5591', serial: 'a b' }"  || "usb: serial: 'a b' is not a serial number (printable, no spaces)"
        "vm('v') { detachUsb vendor: '0781', product: '5591', restart: true }" || 'detachUsb: unknown option restart (only vendor:, product:, serial:, path:)'
        'usbPolicy { }'                                                   || 'usbPolicy: the block allows nothing'
        "usbPolicy { allow vendor: '046d', product: 'c31c', serial: 'x' }" || 'allow: unknown option serial (only vendor:, product:)'
        "usbPolicy { allow vendor: '046d', product: 'c31' }"              || "allow: product: 'c31' is not 4 hex digits (e.g. '0781')"
        "usbPolicy { allow vendor: '046d', product: 'c31c'; allow vendor: '046D', product: 'c31c' }" || 'allow: 046d:c31c is already allowed in this block'
    }
}
