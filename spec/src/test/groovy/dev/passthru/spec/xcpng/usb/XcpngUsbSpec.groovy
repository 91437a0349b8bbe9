package dev.passthru.spec.xcpng.usb

import dev.passthru.dsl.Recipe
import dev.passthru.dsl.RecipeLoader
import dev.passthru.runtime.demo.DemoState
import dev.passthru.runtime.demo.DemoUsb
import dev.passthru.runtime.demo.DemoUsbDevice
import dev.passthru.runtime.demo.DemoVusb
import dev.passthru.runtime.demo.DemoXcpngHost
import dev.passthru.runtime.engine.RunResult
import dev.passthru.runtime.engine.StepStatus
import dev.passthru.spec.Repo
import dev.passthru.spec.engine.Engines
import spock.lang.Specification

/**
 * USB passthrough on the demo XCP-ng host: the shipped recipes apply and a second run changes nothing; a running VM
 * is reported as needing a restart, or restarted with restart: true; detachUsb unplugs (when attached) and destroys.
 */
class XcpngUsbSpec extends Specification {
    static final String WORKER = 'b7d2f5b3-6c1f-4a8e-8b62-2e3f4a5b6c7d'
    static final String STICK_PUSB = '10fbec89-4472-c215-5d55-17969b473ee6'
    static final String STICK_GROUP = '1f731f6a-6f4c-3b0d-9b8e-2c6d1e0a7b54'

    DemoState state = DemoState.standard()
    DemoXcpngHost host = new DemoXcpngHost(state)

    RunResult run(String text) { Engines.on(host, 'xcpng').apply(new RecipeLoader().load(text, 'x.groovy')) }

    /** The commands sent that change the host (xe writes, file writes, scans). */
    List<String> writes() {
        host.received.findAll { String c ->
            c ==~ /xe (pusb-param-set|vm-param-set|vusb-create|vusb-unplug|vusb-destroy|pusb-scan|vm-shutdown|vm-start) .*/ ||
                    c ==~ /(cp|install|mv) .*/ || c.startsWith('/opt/xensource/libexec/usb_scan.py')
        }
    }

    static String stick(Map<String, Object> options = [:], String vm = 'gpu-worker') {
        String extra = options.collect { k, v -> ", ${k}: ${v instanceof String ? "'${v}'" : v}" }.join('')
        "recipe('x') {\n  vm('${vm}') { usb vendor: '0781', product: '5591'${extra} }\n}"
    }

    def "usb-stick.groovy: passthrough enabled, platform:usb=true, one VUSB; the second run changes nothing"() {
        given:
        String recipe = Repo.file('recipes/xcp-ng/usb-stick.groovy').text

        when:
        RunResult first = run(recipe)

        then:
        first.steps*.status == [StepStatus.CHANGED]
        writes() == ["xe pusb-param-set uuid=${STICK_PUSB} passthrough-enabled=true",
                     "xe vm-param-set uuid=${WORKER} platform:usb=true",
                     "xe vusb-create usb-group-uuid=${STICK_GROUP} vm-uuid=${WORKER}"]*.toString()
        state.usb.devices[0].passthroughEnabled
        state.vms[WORKER].platform.usb == 'true'
        state.usb.vusbs.collect { [it.vm, it.group, it.attached] } == [[WORKER, STICK_GROUP, false]]

        when:
        host.received.clear()
        RunResult second = run(recipe)

        then:
        second.steps*.status == [StepStatus.OK]
        writes() == []
    }

    def "usb-keyboard.groovy: an ALLOW rule ahead of the HID DENY, the original kept, scanned; then the VUSB"() {
        given:
        String recipe = Repo.file('recipes/xcp-ng/usb-keyboard.groovy').text

        when:
        RunResult first = run(recipe)

        then:
        first.steps*.status == [StepStatus.CHANGED, StepStatus.CHANGED]
        writes().take(5) == ['cp -p /etc/xensource/usb-policy.conf /etc/xensource/usb-policy.conf.passthru.orig',
                             'install -m 0644 /dev/stdin /etc/xensource/usb-policy.conf.passthru.new',
                             'mv /etc/xensource/usb-policy.conf.passthru.new /etc/xensource/usb-policy.conf',
                             '/opt/xensource/libexec/usb_scan.py -d',
                             "xe pusb-scan host-uuid=${state.usb.hostUuid}".toString()]
        state.usb.files["${DemoUsb.POLICY}.passthru.orig".toString()] == DemoUsb.DEFAULT_POLICY
        state.usb.files[DemoUsb.POLICY].readLines().findIndexOf { it.startsWith('ALLOW:vid=046d pid=c31c') } <
                state.usb.files[DemoUsb.POLICY].readLines().findIndexOf { it.startsWith('DENY') }
        state.usb.vusbs.size() == 1
        state.usb.devices.find { it.vendor == '046d' }.pusb != null

        when:
        host.received.clear()
        RunResult second = run(recipe)

        then:
        second.steps*.status == [StepStatus.OK, StepStatus.OK]
        writes() == []
    }

    def "a running VM gets its VUSB and is told to restart; the next run notes it again and writes nothing"() {
        given:
        state.vms[WORKER].powerState = 'running'

        when:
        RunResult first = run(stick())

        then:
        first.steps*.status == [StepStatus.CHANGED]
        first.steps[0].message.contains("VM 'gpu-worker' is running: restart it for the USB device to attach")
        !writes().any { it.startsWith('xe vm-shutdown') || it.startsWith('xe vm-start') }
        state.usb.vusbs*.attached == [false]

        when:
        host.received.clear()
        RunResult second = run(stick())

        then:
        second.steps*.status == [StepStatus.OK]
        second.steps[0].message.contains('give usb restart: true')
        writes() == []
    }

    def "restart: true shuts the running VM down, creates the VUSB and starts it: attached"() {
        given:
        state.vms[WORKER].powerState = 'running'
        state.usb.devices[0].passthroughEnabled = true
        state.vms[WORKER].platform.clear()

        when:
        RunResult r = run(stick(restart: true))

        then:
        r.steps*.status == [StepStatus.CHANGED]
        writes() == ["xe vm-shutdown uuid=${WORKER}", "xe vusb-create usb-group-uuid=${STICK_GROUP} vm-uuid=${WORKER}",
                     "xe vm-start uuid=${WORKER}"]*.toString()
        state.usb.vusbs*.attached == [true]
        state.vms[WORKER].powerState == 'running'

        when:
        host.received.clear()

        then:
        run(stick(restart: true)).steps*.status == [StepStatus.OK]
        writes() == []
    }

    def "detachUsb on a running VM: vusb-unplug then vusb-destroy; halted: destroy only; then nothing"() {
        given:
        state.usb.vusbs << new DemoVusb('5d1e2f3a-0000-4b5c-8d9e-0f1a2b3c4d5e', WORKER, STICK_GROUP, running)
        state.vms[WORKER].powerState = running ? 'running' : 'halted'
        String detach = "recipe('x') {\n  vm('gpu-worker') { detachUsb vendor: '0781', product: '5591' }\n}"

        when:
        RunResult r = run(detach)

        then:
        r.steps*.status == [StepStatus.CHANGED]
        writes() == commands
        state.usb.vusbs.isEmpty()

        when:
        host.received.clear()

        then:
        run(detach).steps*.status == [StepStatus.OK]
        writes() == []

        where:
        running || commands
        true    || ['xe vusb-unplug uuid=5d1e2f3a-0000-4b5c-8d9e-0f1a2b3c4d5e',
                    'xe vusb-destroy uuid=5d1e2f3a-0000-4b5c-8d9e-0f1a2b3c4d5e']
        false   || ['xe vusb-destroy uuid=5d1e2f3a-0000-4b5c-8d9e-0f1a2b3c4d5e']
    }

    def "serial: picks one of two alike sticks"() {
        given:
        state.usb.devices << twin('2-1.2', 'AA0000000000000000001')

        when:
        RunResult r = run(stick(serial: 'AA0000000000000000001'))

        then:
        r.steps*.status == [StepStatus.CHANGED]
        state.usb.vusbs*.group == [state.usb.devices[2].group]
    }

    /** A second SanDisk 0781:5591, already listed by XAPI. */
    static DemoUsbDevice twin(String path, String serial) {
        new DemoUsbDevice(path: path, vendor: '0781', product: '5591', vendorDesc: 'SanDisk Corp.', serial: serial,
                version: '2.10', interfaces: ['080650'], pusb: UUID.nameUUIDFromBytes(path.bytes).toString(),
                group: UUID.nameUUIDFromBytes("g${path}".bytes).toString())
    }
}
