// Undo recipes/kvm/lab-nic.groovy: the e1000 back with its own driver after a reboot, the IOMMU off again.
recipe('lab-nic-undo') {
    description 'the lab e1000 back to e1000'
    flavour 'kvm'

    def nic = pci '0000:00:03.0'

    unhide nic
    kernel { removeIommu() }
    reboot()
}
