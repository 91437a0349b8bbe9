// The Xen lab host's e1000 (lab/xen-lab.sh: a real Xen 4.17 with a PV dom0 under QEMU, VT-d on an emulated
// Intel IOMMU) hidden from dom0 for passthrough: xen-pciback.hide on the dom0 line through xen-cmdline, Xen's
// extra_guest_irqs raised on the Xen line (as for an NVMe's MSI-X queues), one reboot for both, and
// xl pci-assignable-list listing the NIC. The lab is a Xen host without XAPI (no xe): these xl-level steps are
// what the XCP-ng flavour does there; attach, pinVcpus, start() and the other VM steps need XAPI and are refused.
//   lab/xen-lab.sh build ~/.ssh/id_ed25519.pub && lab/xen-lab.sh start 2223 && lab/xen-lab.sh wait 2223
//   ./passthru apply recipes/xcp-ng/xen-lab-nic.groovy --host root@127.0.0.1:2223 --accept-new-host-key
recipe('xen-lab-nic') {
    description 'the Xen lab e1000 to xen-pciback, on a real Xen'
    flavour 'xcpng'

    def nic = pci '0000:00:03.0'      // 82540EM [8086:100e]

    hide nic                          // xen-cmdline --set-dom0 "xen-pciback.hide=(0000:00:03.0)"
    xen {
        arg 'extra_guest_irqs=128'    // xen-cmdline --set-xen extra_guest_irqs=128
    }
    reboot()
    verify { assignable nic }         // xl pci-assignable-list lists it
}
