// Give a whole GPU to a VM the XAPI way: hidden from dom0, then a vGPU of type 'passthrough' through its GPU group
// (XCP-ng guide, Compute > vGPU); XAPI attaches the card's audio function with it.
recipe('vgpu-passthrough') {
    description 'GTX 1050 Ti (81:00.0) as a whole GPU to the gpu-worker VM through XAPI (vGPU type passthrough)'

    def gpu = pci '0000:81:00.0'
    def audio = pci '0000:81:00.1'   // the card's HDMI audio function: hidden with it

    hide gpu, audio
    reboot()

    vm('gpu-worker') {
        vgpu type: 'passthrough', gpu: gpu
        start()
    }
}
