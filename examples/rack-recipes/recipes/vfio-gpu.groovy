// VFIO GPU passthrough on a KVM host with libvirt, as in the well-known VFIO guides: a GTX 1050 at
// 06:00.0 and its HDMI audio function at 06:00.1 (one IOMMU group, behind root port 00:01.0) go to the
// 'win10' VM. Its 4 vCPUs run on two whole cores of socket 0 (passthru reads which CPUs are SMT
// siblings from the host, so the guest's topology is true), its emulator threads on a third core, and
// its 8 GiB of memory comes from 1 GiB hugepages on NUMA node 0.
//
// Try it on the built-in KVM demo host:
//   ./passthru plan  recipes/kvm/vfio-gpu.groovy --host demo-kvm
//   ./passthru apply recipes/kvm/vfio-gpu.groovy --host demo-kvm
// recipes/kvm/vfio-gpu-undo.groovy takes all of it back.
recipe('vfio-gpu') {
    description 'GTX 1050 + HDMI audio to win10, NUMA-local pinning, 1 GiB hugepages'
    flavour 'kvm'

    def gpu = pci '0000:06:00.0'
    def audio = pci '0000:06:00.1'

    kernel {
        iommu()                              // intel_iommu=on or amd_iommu=on (from the CPU vendor), iommu=pt
        arg 'modprobe.blacklist=nouveau'     // keep nouveau away from the card
        hugepages 16, size: '1G'             // boot-time pages are split across the 2 nodes: 8 GiB on node 0
    }
    hide gpu, audio                          // vfio-pci.ids=10de:1c81,10de:0fb9, softdep nouveau/snd_hda_intel
    reboot()                                 // only if something above changed
    verify { assignable gpu, audio }         // IOMMU on, vfio-pci bound, the IOMMU group viable

    vm('win10') {
        attach gpu, audio                    // <hostdev mode='subsystem' type='pci' managed='yes'>
        pinVcpus 2, 3, 10, 11, emulator: [1, 9]
        numaMemory 0                         // <numatune><memory mode='strict' nodeset='0'/>
        hugepages()                          // <memoryBacking><hugepages/>
        start()
    }
}
