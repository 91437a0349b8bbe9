// Prepares an HGX host for VMs that take its GPUs and their ConnectX NICs: NVIDIA's ACS control on the bridges of
// their paths at every boot, ATS on the NICs (a host reboot), and huge pages on both NUMA nodes at every boot.
recipe('hgx-host-prep') {
    description 'HGX host: ACS 0x005d on the GPU and NIC paths, ATS on the NICs, 2M hugepages per NUMA node'
    flavour 'kvm'
    def gpus = gpus(vendor: '10de', count: 8)
    def nics = pci(vendor: '15b3', device: '1021', count: 'all')

    acs {
        paths gpus, nics
        control 0x005d
    }
    ats nics, enable: true
    hugepages 200000, node: 0
    hugepages 200000, node: 1
    reboot()
}
