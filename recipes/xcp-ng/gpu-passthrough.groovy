// Give a GeForce GTX 1050 Ti and its HDMI audio function (one card, two PCI functions) to a VM.
recipe('gpu-passthrough') {
    description 'GTX 1050 Ti (81:00.0) with its audio function (81:00.1) to the gpu-worker VM'

    def gpu = pci '0000:81:00.0'
    def audio = pci '0000:81:00.1'   // pass both functions: the audio function shares the card

    hide gpu, audio
    reboot()
    verify {
        assignable gpu, audio
    }

    vm('gpu-worker') {
        attach gpu, audio
        pinVcpus 8..15
        start()
    }
}
