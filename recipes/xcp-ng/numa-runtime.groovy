// Runtime NUMA on XCP-ng ("NUMA" in the XCP-ng Compute and GPU guide): keep the running gpu-worker VM on the NUMA node
// of its GPU, now (xl) and from its next start (xe). Cpupools and live pins are runtime state: a host reboot drops the
// pools, a VM restart drops the live pin (VCPUs-params:mask keeps the pin). The split and the move reset live pins,
// so they come before pinVcpus.
// Try it on the built-in demo host:  ./passthru apply recipes/xcp-ng/numa-runtime.groovy
recipe('numa-runtime') {
    description 'gpu-worker on the NUMA node of its GPU (81:00.0), live and at its next start'

    def gpu = pci '0000:81:00.0'

    vm('gpu-worker') { start() }        // xe vm-start, unless it is running: the steps below act on its domain
    numaSplit()                         // xl cpupool-numa-split: Pool-node0 and Pool-node1, until the host reboots
    vm('gpu-worker') {
        cpupool 'Pool-node1'            // xl cpupool-migrate DOMID Pool-node1 (the GPU's node), until the VM restarts
        pinVcpus numaNodeOf(gpu)        // VCPUs-params:mask=8,...,15 and, running, xl vcpu-pin DOMID all 8-15
    }
    verify {
        vcpusOnNode 'gpu-worker', 1     // xl vcpu-list: every vCPU's hard affinity within node 1's CPUs
        nodeAffinity 'gpu-worker', 1    // xl list --numa: its memory's node affinity is node 1
    }
}
