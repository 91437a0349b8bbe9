// vfio-gpu.groovy for racks whose GPUs are not all in the same slot: the GTX 1050 is found by its ids
// (with every function of its slot: the HDMI audio), and win10's vCPUs go to the GPU's NUMA node
// (its memory to node 1, where this rack's GPUs sit).
// Its spec runs it on a twin (twins/gpu-in-slot-0a.yaml) whose GPU sits at 0a:00.0 on node 1; no tape needed.
//   ./passthru apply examples/rack-recipes/recipes/gpu-by-id.groovy --host twin:examples/rack-recipes/twins/gpu-in-slot-0a.yaml
recipe('gpu-by-id') {
    description 'the GTX 1050 (by id) and its audio to win10, vCPUs on its NUMA node'
    flavour 'kvm'

    def gpu = pci(vendor: '10de', device: '1c81').withFunctions()

    kernel {
        iommu()
        arg 'modprobe.blacklist=nouveau'
    }
    hide gpu
    reboot()
    verify { assignable gpu }

    vm('win10') {
        attach gpu
        pinVcpus numaNodeOf(gpu)
        numaMemory 1                 // the node the twin puts the GPU on (numaMemory takes a number)
        start()
    }
}
