package dev.passthru.spec.shell

import dev.passthru.runtime.pci.PciCommands
import dev.passthru.runtime.facts.CommonFacts
import dev.passthru.runtime.engine.Rebooter
import dev.passthru.dsl.PciAddress
import dev.passthru.runtime.hostprep.PrepCommands
import dev.passthru.runtime.kvm.KvmCommands
import dev.passthru.runtime.shell.CommandKind
import dev.passthru.runtime.xcpng.XcpngCommands
import dev.passthru.runtime.xcpng.XcpngGpuCommands
import dev.passthru.runtime.xcpng.XlNumaCommands
import spock.lang.Specification

import static dev.passthru.runtime.shell.CommandKind.READ
import static dev.passthru.runtime.shell.CommandKind.WRITE

/** Which commands plan may run for real (reads) and which it only lists (everything else). */
class CommandKindSpec extends Specification {
    def "#command is a #kind"() {
        expect:
        CommandKind.of(command) == kind

        where:
        command                                                          || kind
        XcpngCommands.getHidden()                                        || READ
        XcpngCommands.assignableList()                                   || READ
        XcpngCommands.xlInfoNuma()                                       || READ
        XlNumaCommands.vcpuList()                                        || READ
        XlNumaCommands.listNuma()                                        || READ
        XlNumaCommands.listCpupool()                                     || READ
        XlNumaCommands.cpupoolList()                                     || READ
        XlNumaCommands.cpupoolCpus()                                     || READ
        XlNumaCommands.numaSplit()                                       || WRITE
        XlNumaCommands.cpupoolMigrate(1, 'Pool-node1')                   || WRITE
        XlNumaCommands.vcpuPin(1, '2-3')                                 || WRITE
        XcpngGpuCommands.remainingCapacity('g', 't')                     || READ
        XcpngCommands.vmList('lab "blue" #1')                            || READ
        XcpngCommands.vmParamGet('a3c1e4a2', 'other-config')             || READ
        CommonFacts.OS_RELEASE.command()                                 || READ
        PciCommands.lspci()                                              || READ
        PciCommands.iommuGroups()                                        || READ
        KvmCommands.lscpu()                                              || READ
        KvmCommands.cpuVendor()                                          || READ
        KvmCommands.exists('/etc/default/grub.passthru.orig')            || READ
        KvmCommands.mtimes('/etc/default/grub', '/boot/grub/grub.cfg')   || READ
        KvmCommands.grubbyInfo()                                         || READ
        KvmCommands.dumpxml('win10')                                     || READ
        KvmCommands.domstate('win10')                                    || READ
        KvmCommands.domains()                                            || READ
        XcpngCommands.setHidden([dev.passthru.dsl.PciAddress.parse('0000:04:01.0')]) || WRITE
        XcpngCommands.deleteHidden()                                     || WRITE
        XcpngCommands.setMask('a3c1e4a2', [0, 1])                        || WRITE
        XcpngCommands.vmStart('a3c1e4a2')                                || WRITE
        Rebooter.REBOOT                                                  || WRITE
        KvmCommands.backup('/etc/default/grub')                          || WRITE
        KvmCommands.writeNew('/etc/default/grub')                        || WRITE
        KvmCommands.replace('/etc/default/grub')                         || WRITE
        KvmCommands.removeFile('/etc/modprobe.d/passthru-vfio.conf')     || WRITE
        KvmCommands.updateGrub()                                         || WRITE
        KvmCommands.grubbyUpdate(['iommu=pt'], [])                       || WRITE
        KvmCommands.updateInitramfs()                                    || WRITE
        PrepCommands.readAcs(PciAddress.parse('0000:00:01.0'))          || READ
        PrepCommands.writeAcs(PciAddress.parse('0000:00:01.0'), 0x5d)    || WRITE
        PrepCommands.isEnabled('passthru-acs.service')                   || READ
        PrepCommands.enable('passthru-acs.service')                      || WRITE
        PrepCommands.restart('passthru-acs.service')                     || WRITE
        PrepCommands.daemonReload()                                      || WRITE
        PrepCommands.queryAts(PciAddress.parse('0000:18:00.0'))          || READ
        PrepCommands.enableAts(PciAddress.parse('0000:18:00.0'))         || WRITE
        PrepCommands.writeSysfs('/sys/devices/system/node/node0/hugepages/hugepages-2048kB/nr_hugepages') || WRITE
        KvmCommands.define()                                             || WRITE
        KvmCommands.attachDevice('win10')                                || WRITE
        KvmCommands.start('win10')                                       || WRITE
        KvmCommands.shutdown('win10')                                    || WRITE
        KvmCommands.dmesgIommu()                                         || WRITE
        'cat /etc/os-release; rm -rf /'                                  || WRITE
        'cat /etc/os-release > /etc/passwd'                              || WRITE
        "cat \$(rm -rf /)"                                               || WRITE
        'find / -name x -delete'                                         || WRITE
        'find / -exec rm {} +'                                           || WRITE
        "xen-cmdline --get-dom0 xen-pciback.hide --set-dom0 x=1"         || WRITE
        'virsh -c qemu:///system undefine --domain win10'                || WRITE
        'virsh --connect qemu:///system list --all'                      || READ
        'xe vm-destroy uuid=x'                                           || WRITE
        'grubby --info=DEFAULT --remove-args=x'                          || WRITE
        ''                                                               || WRITE
        "cat 'unterminated"                                              || WRITE
    }
}
