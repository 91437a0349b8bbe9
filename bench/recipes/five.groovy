// Benchmark (b): a 5-step recipe (no reboot) on an already brought-up host.
recipe('five') {
    flavour 'xcpng'
    def nic = pci '0000:04:01.0'
    hide nic
    verify { assignable nic }
    vm('router') {
        attach nic
        pinVcpus 0..7
        start()
    }
}
