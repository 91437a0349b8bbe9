// Pass a USB stick (SanDisk 0781:5591) through to a VM: XAPI's PUSB, USB group and VUSB.
// Try it on the built-in demo host:  ./passthru apply recipes/xcp-ng/usb-stick.groovy
recipe('usb-stick') {
    description 'The SanDisk stick at 0781:5591 to the gpu-worker VM (attached at its next start)'

    vm('gpu-worker') {
        // xe pusb-param-set passthrough-enabled=true, platform:usb=true, xe vusb-create (only when missing);
        // add serial: '...' or path: '2-1.1' when several alike are plugged in; restart: true lets a running
        // VM be shut down and started again (XAPI attaches USB devices only at VM start)
        usb vendor: '0781', product: '5591'
    }
}
