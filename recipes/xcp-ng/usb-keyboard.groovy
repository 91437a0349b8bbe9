// Pass a USB keyboard (Logitech K120, 046d:c31c) through to a VM. XCP-ng's usb-policy.conf denies HID boot
// keyboards and mice by default, so the recipe first allows this one, ahead of those DENY rules.
// Try it on the built-in demo host:  ./passthru apply recipes/xcp-ng/usb-keyboard.groovy
recipe('usb-keyboard') {
    description 'The Logitech K120 keyboard (046d:c31c) through the USB policy to the gpu-worker VM'

    usbPolicy {
        allow vendor: '046d', product: 'c31c' // an ALLOW rule before the DENY rules, then usb_scan.py -d, xe pusb-scan
    }
    vm('gpu-worker') {
        usb vendor: '046d', product: 'c31c'
    }
}
