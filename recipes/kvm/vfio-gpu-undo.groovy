// Undo recipes/kvm/vfio-gpu.groovy: everything it added is taken away again, and the GTX 1050 and its
// audio function go back to their own drivers (nouveau, snd_hda_intel) after the reboot.
//   ./passthru apply recipes/kvm/vfio-gpu-undo.groovy --host demo-kvm
// (On the demo host, which forgets between commands, see it after the first recipe with
//    ./passthru apply recipes/kvm/vfio-gpu.groovy --host demo-kvm --then recipes/kvm/vfio-gpu-undo.groovy)
recipe('vfio-gpu-undo') {
    description 'give the GTX 1050 back to the host and win10 back its defaults'
    flavour 'kvm'

    def gpu = pci '0000:06:00.0'
    def audio = pci '0000:06:00.1'

    vm('win10') {
        stop()
        detach gpu, audio
        unpinVcpus()
        noNumaMemory()
        noHugepages()
    }
    unhide gpu, audio
    kernel {
        removeIommu()                        // drop this line if other VMs still use passthrough
        remove 'modprobe.blacklist=nouveau'
        removeHugepages()
    }
    reboot()
}
