// The lab host's e1000 (lab/lab.sh: a real Debian kernel under QEMU with an emulated Intel IOMMU) given
// to vfio-pci: the IOMMU turned on, the NIC's id in vfio-pci.ids with a softdep so vfio-pci binds
// before e1000, a reboot, and the kernel's own word that vfio-pci is bound and the group is viable.
//   lab/lab.sh build ~/.ssh/id_ed25519.pub && lab/lab.sh start 2222 && lab/lab.sh wait 2222
//   ./passthru apply recipes/kvm/lab-nic.groovy --host root@127.0.0.1:2222 --accept-new-host-key
// The lab has no libvirt, so the recipe says it is for a KVM host.
recipe('lab-nic') {
    description 'the lab e1000 to vfio-pci, on a real kernel'
    flavour 'kvm'

    def nic = pci '0000:00:03.0'      // 82540EM [8086:100e]

    kernel { iommu() }
    hide nic
    reboot()
    verify { assignable nic }
}
