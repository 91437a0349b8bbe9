// Give the spare Intel 82541PI NIC to the router VM, with its vCPUs pinned to host CPUs 8-15.
// Try it on the built-in demo host:  ./passthru apply recipes/xcp-ng/nic-passthrough.groovy
recipe('nic-passthrough') {
    description 'Intel 82541PI at 04:01.0 to the router VM'

    def nic = pci '0000:04:01.0'

    hide nic                    // xen-cmdline --set-dom0 "xen-pciback.hide=(0000:04:01.0)", keeping devices already hidden
    reboot()                    // only when a step above changed something that needs it
    verify { assignable nic }   // xl pci-assignable-list lists it

    vm('router') {
        attach nic              // other-config:pci=0/0000:04:01.0, keeping the VM's other devices
        pinVcpus numaNodeOf(nic) // the CPUs of the NIC's NUMA node (xl info -n): VCPUs-params:mask=0,1,...,7
        start()                 // xe vm-start, unless it is running
    }
}
