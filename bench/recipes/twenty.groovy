// Benchmark (a): the XCP-ng NIC bring-up on a host where it is already done, so every run issues the same
// commands (20: preflight reads, each step's checks, the host lock) and changes nothing.
recipe('twenty') {
    flavour 'xcpng'
    def nic = pci '0000:04:01.0'
    hide nic
    reboot()
    verify { assignable nic }
    vm('router') {
        attach nic
        detach pci('0000:05:00.0')
        pinVcpus 0..7
        start()
    }
    vm('gpu-worker') {
        pinVcpus 8..15
        start()
    }
    verify { assignable nic }
}
