// A common first mistake, kept as a failing example: the GTX 1050 at 06:00.0 is hidden, but its HDMI audio
// function at 06:00.1 shares its IOMMU group and stays with snd_hda_intel, so the group is not viable and the
// verify step fails (vfio-gpu.groovy hides both). Its tape shows the failed run; the spec asserts the message.
//   ./passthru apply examples/rack-recipes/recipes/gpu-without-audio.groovy --host demo-kvm
recipe('gpu-without-audio') {
    description 'GTX 1050 alone to win10: fails, its audio function shares the IOMMU group'
    flavour 'kvm'

    def gpu = pci '0000:06:00.0'

    kernel { iommu() }
    hide gpu
    reboot()
    verify { assignable gpu }      // fails: IOMMU group 1 also holds 0000:06:00.1 (driver snd_hda_intel)

    vm('win10') {
        attach gpu                 // skipped: a step above failed
    }
}
