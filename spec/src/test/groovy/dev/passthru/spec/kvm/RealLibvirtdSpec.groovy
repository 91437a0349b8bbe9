package dev.passthru.spec.kvm

import spock.lang.Specification

/**
 * The real libvirtd the KVM specs define their domains in: it answers qemu:///system, its capabilities decide the
 * virt type, and a machine that cannot start it says what is missing (so the specs fail with that line, never skip).
 */
class RealLibvirtdSpec extends Specification {
    static final String LIBVIRTD = '/usr/sbin/libvirtd'
    static final String NO_DAEMON = 'libvirtd not found: install libvirt-daemon and libvirt-daemon-driver-qemu ' +
            '(.ci/run does)'
    static final String NO_DRIVER = 'libvirtd has no QEMU driver: install libvirt-daemon-driver-qemu (.ci/run does)'
    static final String NOT_ROOT = 'qemu:///system is the privileged daemon: start it as root (sudo libvirtd -d) or ' +
            'run the specs as root; they run as builder'
    static final String NO_QEMU_USER = "the libvirt-qemu user and group do not exist (Debian's QEMU driver runs " +
            'guests as them and does not start without them; .ci/run creates them)'
    def "qemu:///system answers, and it offers virt type kvm exactly when this machine has /dev/kvm"() {
        expect:
        RealLibvirtd.uri() == 'qemu:///system'
        RealLibvirtd.virsh(['uri']).out.trim() == 'qemu:///system'
        RealLibvirtd.kvm() == new File('/dev/kvm').exists()
    }

    def "what keeps a machine from starting libvirtd: #why"() {
        expect:
        RealLibvirtd.missing(daemon, driver, user, qemuUser, qemuGroup) == message

        where:
        why               | daemon  | driver | user      | qemuUser | qemuGroup || message
        'all there'       | LIBVIRTD | true  | 'root'    | true     | true      || null
        'no daemon'       | null    | false  | 'root'    | true     | true      || NO_DAEMON
        'no QEMU driver'  | LIBVIRTD | false | 'root'    | true     | true      || NO_DRIVER
        'not root'        | LIBVIRTD | true  | 'builder' | true     | true      || NOT_ROOT
        'no libvirt-qemu' | LIBVIRTD | true  | 'root'    | false    | true      || NO_QEMU_USER
        'no group'        | LIBVIRTD | true  | 'root'    | true     | false     || NO_QEMU_USER
    }
}
