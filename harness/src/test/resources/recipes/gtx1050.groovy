// The GTX 1050 wherever it sits, found by its ids: with all its functions, to win10.
recipe('gtx1050') {
    flavour 'kvm'

    def gpu = pci(vendor: '10de', device: '1c81').withFunctions()

    kernel { iommu() }
    hide gpu
    reboot()
    verify { assignable gpu }

    vm('win10') {
        attach gpu
        start()
    }
}
