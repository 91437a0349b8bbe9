// Give guests more interrupts: Xen's extra_guest_irqs=128, for an NVMe drive's many MSI-X queues in a VM.
// Try it on the built-in demo host:  ./passthru apply recipes/xcp-ng/xen-boot-options.groovy
recipe('xen-boot-options') {
    description "Xen's extra_guest_irqs=128 (NVMe passthrough), effective after a reboot"

    xen {
        arg 'extra_guest_irqs=128' // xen-cmdline --set-xen extra_guest_irqs=128, unless it is already set so
    }
    reboot()                       // only when the line above changed the Xen command line
}
