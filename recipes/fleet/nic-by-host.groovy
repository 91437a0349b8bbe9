// One recipe for a rack: which NIC goes to which VM comes from each host's inventory variables
// (vars.nic, vars.vm). Try it on three built-in demo hosts:
//   ./passthru apply recipes/fleet/nic-by-host.groovy --inventory recipes/fleet/demo-rack.ini
recipe('nic-by-host') {
    description 'the NIC named in the inventory to the VM named there, NUMA-local'

    def nic = pci vars.nic

    hide nic
    reboot()
    verify { assignable nic }

    vm(vars.vm) {
        attach nic
        pinVcpus numaNodeOf(nic)
        start()
    }
}
