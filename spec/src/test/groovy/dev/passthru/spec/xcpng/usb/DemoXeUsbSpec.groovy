package dev.passthru.spec.xcpng.usb

import dev.passthru.runtime.demo.DemoHost
import dev.passthru.runtime.demo.DemoState
import dev.passthru.runtime.demo.DemoUsb
import dev.passthru.runtime.demo.DemoVusb
import dev.passthru.runtime.demo.DemoXcpngHost
import dev.passthru.runtime.transport.CommandResult
import dev.passthru.runtime.twin.TwinFile
import spock.lang.Specification

/**
 * The demo XCP-ng host's USB answers in xe's and usb_scan.py's formats (xen-api e2ee48d6, as
 * ../shared/research/xcpng-usb-vgpu-hgx.md quotes them), and its USB state through a twin file.
 */
class DemoXeUsbSpec extends Specification {
    static final String WORKER = 'b7d2f5b3-6c1f-4a8e-8b62-2e3f4a5b6c7d'

    DemoState state = DemoState.standard()
    DemoXcpngHost host = new DemoXcpngHost(state)

    def "xe pusb-list prints the published record byte for byte: padding, the trailing space, two blank lines"() {
        expect: "the research file's repr() of cli_printer.ml's record, which reproduces the XCP-ng docs' output"
        host.run('xe pusb-list').stdout == 'uuid ( RO)            : 10fbec89-4472-c215-5d55-17969b473ee6\n' +
                '            path ( RO): 2-1.1\n       vendor-id ( RO): 0781\n     vendor-desc ( RO): SanDisk Corp.\n' +
                '      product-id ( RO): 5591\n    product-desc ( RO): \n          serial ( RO): 4C530001151223117134\n' +
                '         version ( RO): 2.10\n     description ( RO): SanDisk Corp._4C530001151223117134\n' +
                '           speed ( RO): 480.000\n\n\n'
    }

    def "xe usb-group-list: the group named at scan time, and PUSB-uuids filters a set field"() {
        expect:
        host.run('xe usb-group-list').stdout == 'uuid ( RO)                : 1f731f6a-6f4c-3b0d-9b8e-2c6d1e0a7b54\n' +
                '          name-label ( RW): Group of 0781 5591 USBs\n    name-description ( RW): \n\n\n'
        host.run('xe usb-group-list PUSB-uuids=10fbec89-4472-c215-5d55-17969b473ee6 --minimal').stdout ==
                '1f731f6a-6f4c-3b0d-9b8e-2c6d1e0a7b54\n'
        host.run('xe usb-group-list PUSB-uuids=00000000-0000-0000-0000-000000000000 --minimal').stdout == '\n'
    }

    def "errors go to stderr with exit 1: #name"() {
        given:
        setup.call(state)

        when:
        CommandResult r = host.run(command)

        then:
        [r.exit, r.stdout, r.stderr] == [1, '', stderr]

        where:
        name << ['TOO_MANY_VUSBS', 'USB_GROUP_CONFLICT', 'DEVICE_ALREADY_DETACHED']
        setup << [{ DemoState s -> (1..6).each { s.usb.vusbs << new DemoVusb("v${it}", WORKER, "g${it}", false) } },
                  { DemoState s -> s.usb.vusbs << new DemoVusb('v1', 'a3c1e4a2-5b0e-4f7d-9a51-1d2e3f4a5b6c',
                          '1f731f6a-6f4c-3b0d-9b8e-2c6d1e0a7b54', false) },
                  { DemoState s -> s.vms[WORKER].powerState = 'running'
                      s.usb.vusbs << new DemoVusb('v1', WORKER, '1f731f6a-6f4c-3b0d-9b8e-2c6d1e0a7b54', false) }]
        command << ["xe vusb-create usb-group-uuid=1f731f6a-6f4c-3b0d-9b8e-2c6d1e0a7b54 vm-uuid=${WORKER}",
                    "xe vusb-create usb-group-uuid=1f731f6a-6f4c-3b0d-9b8e-2c6d1e0a7b54 vm-uuid=${WORKER}",
                    'xe vusb-unplug uuid=v1']*.toString()
        stderr << ['The VM has too many VUSBs.\nnumber: 6\n',
                   'USB_groups are currently restricted to contain no more than one VUSB.\n' +
                           'USB_group: 1f731f6a-6f4c-3b0d-9b8e-2c6d1e0a7b54 (Group of 0781 5591 USBs)\n',
                   'The device is not currently attached\ndevice: v1\n']
    }

    def "a VUSB created on a running VM attaches only at its next start"() {
        given:
        state.vms[WORKER].powerState = 'running'

        when:
        String uuid = host.run("xe vusb-create usb-group-uuid=1f731f6a-6f4c-3b0d-9b8e-2c6d1e0a7b54 vm-uuid=${WORKER}")
                .stdout.trim()

        then:
        host.run("xe vusb-list uuid=${uuid} params=currently-attached").stdout ==
                'currently-attached ( RO)    : false\n\n\n'

        when:
        host.run("xe vm-shutdown uuid=${WORKER}")
        host.run("xe vm-start uuid=${WORKER}")

        then:
        host.run("xe vusb-list uuid=${uuid} params=currently-attached").stdout ==
                'currently-attached ( RO)    : true\n\n\n'
    }

    def "the keyboard is listed only after the policy allows it and a scan; usb_scan.py -d prints JSON"() {
        expect:
        host.run('/opt/xensource/libexec/usb_scan.py -d').stdout == '[{"path": "2-1.1", "version": "2.10", ' +
                '"vendor-id": "0781", "product-id": "5591", "vendor-desc": "SanDisk Corp.", "product-desc": "", ' +
                '"speed": "480", "serial": "4C530001151223117134", "description": ' +
                '"SanDisk Corp._4C530001151223117134"}]\n'
        host.run('xe pusb-list vendor-id=046d --minimal').stdout == '\n'

        when:
        state.usb.files[DemoUsb.POLICY] = 'ALLOW:vid=046d pid=c31c\n' + DemoUsb.DEFAULT_POLICY
        host.run("xe pusb-scan host-uuid=${state.usb.hostUuid}")

        then:
        host.run('xe pusb-list vendor-id=046d --minimal').stdout.trim() ==~ /[0-9a-f-]{36}/
    }

    def "usb_scan.py refuses a malformed rule on stderr, exit 1, quoting the line cut at its comment"() {
        given:
        state.usb.files[DemoUsb.POLICY] = 'ALLOW:vid=056a pid=0314 class=03 kk # Wacom Intuos tablet\n'

        when:
        CommandResult r = host.run('/opt/xensource/libexec/usb_scan.py -d')

        then:
        [r.exit, r.stdout, r.stderr] == [1, '', "Malformed policy rule, unable to parse ' kk', malformed line: " +
                'ALLOW:vid=056a pid=0314 class=03 kk \n']
    }

    def "USB state goes through a twin file: devices, VUSBs, an edited policy and platform read back as written"() {
        given:
        host.run("xe vm-param-set uuid=${WORKER} platform:usb=true")
        host.run("xe vusb-create usb-group-uuid=1f731f6a-6f4c-3b0d-9b8e-2c6d1e0a7b54 vm-uuid=${WORKER}")
        state.usb.files[DemoUsb.POLICY] = 'ALLOW:\n'
        state.vms[WORKER].hvmBootPolicy = ''

        when:
        String saved = TwinFile.write(host)
        DemoHost again = TwinFile.read(saved, 'saved.yaml')

        then:
        TwinFile.write(again) == saved
        saved.contains('  policy: |\n    ALLOW:\n')
        again.run("xe vusb-list vm-uuid=${WORKER} --minimal").stdout == host.run("xe vusb-list vm-uuid=${WORKER} " +
                '--minimal').stdout
        again.run("xe vm-param-get uuid=${WORKER} param-name=HVM-boot-policy").stdout == '\n'
        !TwinFile.write(new DemoXcpngHost(new DemoState())).contains('usb')
    }
}
