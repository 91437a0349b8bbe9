package dev.passthru.spec.ssh

import dev.passthru.runtime.transport.CommandResult
import dev.passthru.runtime.transport.Transport
import dev.passthru.runtime.transport.TransportException

/**
 * A host made of two parts, for running the VM half of a recipe against a real libvirt: every {@code virsh} command
 * goes through passthru's SSH transport to a real sshd, whose shell runs the real virsh against the real libvirtd;
 * every other command (lspci, lscpu, IOMMU groups, sysfs, /proc: the hardware a recipe names) is answered by
 * {@code hardware} (the KVM demo twin), since this machine has no GTX 1050 at 06:00.0 and no 16 CPUs. Each command
 * is kept with the side that answered it, so a spec can say exactly what ran where.
 */
class VirshOverSsh implements Transport {
    final Transport ssh
    final Transport hardware
    /** The commands that went over SSH to the real virsh, in order. */
    final List<String> real = []
    /** The commands the hardware twin answered, in order. */
    final List<String> twin = []

    VirshOverSsh(Transport ssh, Transport hardware) {
        this.ssh = ssh
        this.hardware = hardware
    }

    @Override
    CommandResult run(String command) throws TransportException { run(command, null) }

    @Override
    CommandResult run(String command, String stdin) throws TransportException {
        boolean virsh = command.startsWith('virsh ')
        (virsh ? real : twin) << command
        Transport side = virsh ? ssh : hardware
        stdin == null ? side.run(command) : side.run(command, stdin)
    }

    @Override
    void reconnect() throws TransportException {
        ssh.reconnect()
        hardware.reconnect()
    }

    @Override
    String label() { "${ssh.label()} (virsh) + ${hardware.label()} (hardware)" }

    @Override
    void close() throws IOException {
        ssh.close()
        hardware.close()
    }
}
