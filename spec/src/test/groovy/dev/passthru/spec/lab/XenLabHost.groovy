package dev.passthru.spec.lab

/**
 * The Xen lab host (lab/xen-lab.sh) for specs: built under spec/target/xen-lab with a fresh key, booted on a
 * free 127.0.0.1 port, stopped at the end. Needs qemu-system-x86 (xen-lab.sh installs it when run as root)
 * and Debian's package mirror (Xen, the kernel and the tools are downloaded once, then cached).
 */
class XenLabHost extends LabHost {
    XenLabHost() { super('xen-lab', 'lab/xen-lab.sh', 'PASSTHRU_XEN_LAB_DIR', 240, true) }

    @Override
    XenLabHost start() {
        super.start()
        this
    }

    /** A file of the lab's persistent directory (dom0's /etc/default, /boot and /var/lib), as the host sees it. */
    File persistent(String path) { new File(new File(dir, 'work/persist'), path) }
}
