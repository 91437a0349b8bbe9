package dev.passthru.spec.xcpng.usb

import dev.passthru.runtime.engine.OutputFormatException
import dev.passthru.runtime.xcpng.usb.Pusb
import dev.passthru.runtime.xcpng.usb.UsbOutput
import dev.passthru.runtime.xcpng.usb.Vusb
import spock.lang.Specification

/** The parsers of xe's USB records, /etc/xensource-inventory and the USB sysfs grep, on documented output. */
class UsbOutputSpec extends Specification {
    def "xe pusb-list: #source"() {
        when:
        List<Pusb> pusbs = UsbOutput.pusbs(stdout)

        then:
        pusbs.collect { [it.uuid, it.path, it.vendor, it.product, it.serial, it.description, it.passthroughEnabled] } ==
                expected

        where:
        source << ['the default fields, as the XCP-ng docs (Compute > USB passthrough) print them and the research ' +
                           'file reproduces from cli_printer.ml (trailing space after an empty product-desc)',
                   'params= with passthrough-enabled, as passthru asks (records.ml order)',
                   'no PUSB: xe prints nothing']
        stdout << ['uuid ( RO)            : 10fbec89-4472-c215-5d55-17969b473ee6\n            path ( RO): 2-1.1\n' +
                           '       vendor-id ( RO): 0781\n     vendor-desc ( RO): SanDisk Corp.\n      product-id ( RO): ' +
                           '5591\n    product-desc ( RO): \n          serial ( RO): 4C530001151223117134\n         ' +
                           'version ( RO): 2.10\n     description ( RO): SanDisk Corp._4C530001151223117134\n' +
                           '           speed ( RO): 480.000\n\n\n',
                   'uuid ( RO)                   : 10fbec89-4472-c215-5d55-17969b473ee6\n' +
                           '                   path ( RO): 2-1.1\n              vendor-id ( RO): 0781\n' +
                           '             product-id ( RO): 5591\n                 serial ( RO): \n' +
                           '            description ( RO): SanDisk Corp.\n    passthrough-enabled ( RW): true\n\n\n',
                   '']
        expected << [[['10fbec89-4472-c215-5d55-17969b473ee6', '2-1.1', '0781', '5591', '4C530001151223117134',
                       'SanDisk Corp._4C530001151223117134', false]],
                     [['10fbec89-4472-c215-5d55-17969b473ee6', '2-1.1', '0781', '5591', '', 'SanDisk Corp.', true]],
                     []]
    }

    def "xe vusb-list params=uuid,vm-uuid,usb-group-uuid,currently-attached (records.ml vusb fields, in its order)"() {
        when:
        List<Vusb> v = UsbOutput.vusbs('uuid ( RO)                  : 3a5b1f9e-0000-4d6c-9e3a-5b7c9d1e2f30\n' +
                '               vm-uuid ( RO): b7d2f5b3-6c1f-4a8e-8b62-2e3f4a5b6c7d\n' +
                '        usb-group-uuid ( RO): 1f731f6a-6f4c-3b0d-9b8e-2c6d1e0a7b54\n' +
                '    currently-attached ( RO): false\n\n\n')

        then:
        v.collect { [it.uuid, it.vmUuid, it.groupUuid, it.attached] } == [['3a5b1f9e-0000-4d6c-9e3a-5b7c9d1e2f30',
                'b7d2f5b3-6c1f-4a8e-8b62-2e3f4a5b6c7d', '1f731f6a-6f4c-3b0d-9b8e-2c6d1e0a7b54', false]]
    }

    def "a record without a field passthru needs is refused, not guessed"() {
        when:
        UsbOutput.pusbs('uuid ( RO)    : 10fbec89-4472-c215-5d55-17969b473ee6\n\n\n')

        then:
        OutputFormatException e = thrown()
        e.message.startsWith('xe pusb-list: a record has no path field')
    }

    def "/etc/xensource-inventory: #line"() {
        expect:
        UsbOutput.installationUuid("BUILD_NUMBER='cloud'\n${line}\nMANAGEMENT_INTERFACE='xenbr0'\n") == uuid

        where: "KEY='value' lines as xapi-inventory's inventory.ml string_of_table writes them, and its strip_quotes"
        line                                                      || uuid
        "INSTALLATION_UUID='6f1d2c3b-4a59-4e8f-9d7c-1b2a3c4d5e6f'" || '6f1d2c3b-4a59-4e8f-9d7c-1b2a3c4d5e6f'
        'INSTALLATION_UUID=6f1d2c3b-4a59-4e8f-9d7c-1b2a3c4d5e6f'   || '6f1d2c3b-4a59-4e8f-9d7c-1b2a3c4d5e6f'
    }

    def "USB sysfs as grep -H '' prints it: attributes by device and interface (sysfs-bus-usb ABI names)"() {
        expect:
        UsbOutput.sysfs('/sys/bus/usb/devices/1-3/idVendor:046d\n/sys/bus/usb/devices/usb1/idVendor:1d6b\n' +
                '/sys/bus/usb/devices/1-3/idProduct:c31c\n/sys/bus/usb/devices/1-3:1.0/bInterfaceClass:03\n') ==
                ['1-3': [idVendor: '046d', idProduct: 'c31c'], '1-3:1.0': [bInterfaceClass: '03'],
                 usb1: [idVendor: '1d6b']]
    }
}
