// Undo nic-passthrough: take the NIC away from the router VM and give it back to dom0.
recipe('nic-detach') {
    description 'Return the 82541PI at 04:01.0 from the router VM to the host'

    def nic = pci '0000:04:01.0'

    vm('router') {
        stop()                  // a running VM holds the device: shut it down first
        detach nic              // removes only this device from other-config:pci
    }
    unhide nic                  // removes only this device from xen-pciback.hide (the key when none is left)
    reboot()
}
