package dev.passthru.spec.demo

import dev.passthru.runtime.demo.DemoState
import dev.passthru.runtime.demo.DemoXcpngHost
import dev.passthru.runtime.tape.TapeReader
import dev.passthru.runtime.xcpng.BootLine
import dev.passthru.runtime.xcpng.XcpngCommands
import dev.passthru.runtime.xcpng.XcpngOutput
import dev.passthru.spec.Repo
import spock.lang.Specification

/**
 * The demo's xen-cmdline prints what the real one does for a key that is not set: an empty line (the script prints
 * its matches joined by newlines), as recorded on the real Xen lab in recipes/xcp-ng/tapes/xen-lab-nic.fresh.yaml.
 */
class DemoXenCmdlineSpec extends Specification {
    /** What the Xen lab's xen-cmdline printed for the unset xen-pciback.hide (the first read of the session). */
    static String realUnset() {
        TapeReader.read(Repo.file('recipes/xcp-ng/tapes/xen-lab-nic.fresh.yaml')).interactions
                .find { it.command == XcpngCommands.getHidden() }.stdout
    }

    def "#command on the demo, the key not set, prints what the real xen-cmdline printed"() {
        given:
        DemoXcpngHost host = new DemoXcpngHost(DemoState.standard())

        expect:
        realUnset() == '\n'
        host.run(command, null).stdout == realUnset()

        where:
        command << [XcpngCommands.getHidden(), XcpngCommands.getXen('extra_guest_irqs')]
    }

    def "a flag without a value is printed as set, the key alone, as the lab's xen-cmdline (after the real script) does"() {
        given:
        DemoXcpngHost host = new DemoXcpngHost(DemoState.standard())

        when:
        host.run(XcpngCommands.setBootOption(BootLine.XEN, 'dom0_vcpus_pin'), null)

        then:
        host.run(XcpngCommands.getXen('dom0_vcpus_pin'), null).stdout == 'dom0_vcpus_pin\n'
        XcpngOutput.bootOption(host.run(XcpngCommands.getXen('dom0_vcpus_pin'), null).stdout, 'dom0_vcpus_pin') ==
                'dom0_vcpus_pin'
    }
}
