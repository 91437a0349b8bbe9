package dev.passthru.spec.xcpng.usb

import dev.passthru.runtime.demo.DemoState
import dev.passthru.runtime.demo.DemoUsb
import dev.passthru.runtime.demo.DemoUsbDevice
import dev.passthru.runtime.demo.DemoVusb
import dev.passthru.runtime.demo.DemoXcpngHost
import dev.passthru.runtime.engine.Finding
import dev.passthru.runtime.engine.Preflight
import dev.passthru.spec.demo.SelectorsAndPreflightSpec
import spock.lang.Specification

/** USB passthrough refused before any change, one finding each, naming the step and its line. */
class UsbPreflightSpec extends Specification {
    static final String WORKER = 'b7d2f5b3-6c1f-4a8e-8b62-2e3f4a5b6c7d'
    static final String ROUTER = 'a3c1e4a2-5b0e-4f7d-9a51-1d2e3f4a5b6c'
    static final String STICK_GROUP = '1f731f6a-6f4c-3b0d-9b8e-2c6d1e0a7b54'

    DemoState state = DemoState.standard()

    List<Finding> findings(String body) {
        Preflight p = SelectorsAndPreflightSpec.check(new DemoXcpngHost(state), "recipe('r') {\n${body}\n}")
        p.findings
    }

    def "the shipped demo passes: the stick, and the keyboard with its usbPolicy"() {
        expect:
        findings("vm('gpu-worker') { usb vendor: '0781', product: '5591' }") == []
        findings("usbPolicy { allow vendor: '046d', product: 'c31c' }\nvm('gpu-worker') { usb vendor: '046d', " +
                "product: 'c31c' }") == []
    }

    def "a device not plugged in"() {
        when:
        List<Finding> f = findings("vm('gpu-worker') { usb vendor: '0951', product: '1666' }")

        then:
        f.size() == 1
        f[0].location.line == 2
        f[0].message.startsWith('no USB device 0951:1666 on this host (xe pusb-list host-uuid=')
        f[0].evidence.endsWith(': no device 0951:1666')
    }

    def "a keyboard the policy denies, without a usbPolicy allowing it: the deciding rule and the fix"() {
        when:
        List<Finding> f = findings("vm('gpu-worker') { usb vendor: '046d', product: 'c31c' }")

        then:
        f*.message == ['the USB policy denies 046d:c31c (plugged in at 1-3), so XAPI lists no PUSB for it']
        f[0].evidence == '/etc/xensource/usb-policy.conf line 20: DENY: class=03 subclass=01 prot=01 # HID Boot keyboards'
        f[0].fix.startsWith("add to the recipe, before this step: usbPolicy { allow vendor: '046d', product: 'c31c' }")
    }

    def "two alike sticks without serial: or path:"() {
        given:
        state.usb.devices << XcpngUsbSpec.twin('2-1.2', 'AA01')

        when:
        List<Finding> f = findings("vm('gpu-worker') { usb vendor: '0781', product: '5591' }")

        then:
        f*.message == ['2 USB devices match 0781:5591 (path 2-1.1 serial 4C530001151223117134, path 2-1.2 serial ' +
                               'AA01); add serial: or path: to pick one']
        findings("vm('gpu-worker') { usb vendor: '0781', product: '5591', path: '2-1.2' }") == []
    }

    def "the stick already passed through to another VM"() {
        given:
        state.usb.vusbs << new DemoVusb('5d1e2f3a-0000-4b5c-8d9e-0f1a2b3c4d5e', ROUTER, STICK_GROUP, false)

        when:
        List<Finding> f = findings("vm('gpu-worker') { usb vendor: '0781', product: '5591' }")

        then:
        f*.message == ["0781:5591 at 2-1.1 is already passed through to VM 'router' (VUSB " +
                               '5d1e2f3a-0000-4b5c-8d9e-0f1a2b3c4d5e); a USB group holds one VUSB']
        f[0].fix == "detach it there first: vm('router') { detachUsb vendor: '0781', product: '5591' }"
    }

    def "a seventh USB device on one VM (XAPI's TOO_MANY_VUSBS)"() {
        given:
        (1..6).each { int i -> state.usb.vusbs << new DemoVusb("0000000${i}-0000-4000-8000-000000000000", WORKER,
                "1111111${i}-0000-4000-8000-000000000000", false) }

        when:
        List<Finding> f = findings("vm('gpu-worker') { usb vendor: '0781', product: '5591' }")

        then:
        f*.message == ["VM 'gpu-worker' would have 7 USB devices; XAPI allows at most 6 (TOO_MANY_VUSBS)"]
    }

    def "a PV VM (empty HVM-boot-policy)"() {
        given:
        state.vms[WORKER].hvmBootPolicy = ''

        when:
        List<Finding> f = findings("vm('gpu-worker') { usb vendor: '0781', product: '5591' }")

        then:
        f*.message == ["VM 'gpu-worker' is a PV guest (empty HVM-boot-policy): USB passthrough needs an HVM " +
                               "guest's emulated USB controller"]
    }

    def "a usb-policy.conf line usb_scan.py would refuse"() {
        given:
        state.usb.files[DemoUsb.POLICY] = DemoUsb.DEFAULT_POLICY.replace('DENY: class=0a # CDC-Data',
                'DENY: class=0a kk # CDC-Data')

        when:
        List<Finding> f = findings("usbPolicy { allow vendor: '046d', product: 'c31c' }")

        then:
        f*.message == ['/etc/xensource/usb-policy.conf line 22 is a rule usb_scan.py refuses, so no scan would succeed']
        f[0].evidence == "Malformed policy rule, unable to parse ' kk', malformed line: DENY: class=0a kk "
        f[0].location.line == 2
    }
}
