// An HGX host's eight GPUs, the ConnectX-7 beside each and the four NVSwitches to one VM that sees the host's NUMA
// and PCIe layout (NVIDIA's HGX virtualization appendix): the host prepared (IOMMU, vfio-pci, ACS on the GPU and NIC
// paths, ATS on the NICs, huge pages on both nodes), then the VM's devices placed on expander buses and switch ports
// mirroring the host's, with 88 vCPUs and 1600G in two guest cells pinned to the nodes the devices sit on.
recipe('hgx-mirror') {
    description 'HGX: 8 GPUs, their nearest NICs and the NVSwitches to hgx-guest, placed as on the host'
    flavour 'kvm'
    def gpus = gpus(vendor: '10de', count: 8)
    def nics = nearestNic(gpus)
    def nvswitches = pci(vendor: '10de', device: '22a3', count: 4)

    kernel { iommu() }
    hide gpus, nics, nvswitches            // vfio-pci.ids: the whole fabric goes to the VM (Fabric Manager in the guest)
    acs {
        paths gpus, nics                   // root ports and switch downstream ports above them, at every boot
        control 0x005d
    }
    ats nics, enable: true                 // mlxconfig ATS_ENABLED=true, in effect after the reboot
    hugepages 409600, node: 0              // 800 GiB of 2M pages per node for the VM's two cells
    hugepages 409600, node: 1
    reboot()
    verify { assignable gpus, nics, nvswitches }

    vm('hgx-guest') {
        mirrorTopology gpus, nics, nvswitches, vcpus: 88, memory: '1600G', hugepages: true
        start()
    }
}
