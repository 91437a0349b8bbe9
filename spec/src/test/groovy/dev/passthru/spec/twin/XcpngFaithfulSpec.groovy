package dev.passthru.spec.twin

import dev.passthru.runtime.cli.Main
import dev.passthru.runtime.demo.DemoCpu
import dev.passthru.runtime.demo.DemoNumaNode
import dev.passthru.runtime.demo.DemoState
import dev.passthru.runtime.demo.DemoXcpngHost
import dev.passthru.runtime.demo.TwinCannotAnswerException
import dev.passthru.runtime.interrupt.Interruption
import dev.passthru.runtime.transport.CommandResult
import dev.passthru.runtime.twin.TwinFile
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Path

/**
 * The XCP-ng simulator is faithful or silent: what it models it answers as the real tools print it (xl info's Xen
 * fields after a real Xen 4.17), what dom0 lacks is bash's "command not found", and anything else fails with "the
 * twin cannot answer" instead of an invented answer, in this process and over passthru serve.
 */
class XcpngFaithfulSpec extends Specification {
    static final String ROUTER = 'a3c1e4a2-5b0e-4f7d-9a51-1d2e3f4a5b6c'
    @TempDir Path tmp

    def "the XCP-ng demo cannot answer `#command`: it says so instead of inventing output"() {
        when:
        new DemoXcpngHost().run(command)

        then:
        TwinCannotAnswerException e = thrown()
        e.message == "the twin cannot answer `${command}`; record a tape"

        where:
        command << ['lscpu -p=CPU,CORE,SOCKET,NODE', 'grep -H . /sys/bus/pci/devices/*/numa_node', 'cat /etc/hostname',
                    'find /sys/bus/pci -name numa_node', 'xl list', 'xe host-list',
                    'xe vm-list name-label=router params=uuid',
                    "xe vm-param-get uuid=${ROUTER} param-name=memory-target",
                    "xe vm-param-set uuid=${ROUTER} name-label=r2", "xe vm-param-remove uuid=${ROUTER} param-name=tags",
                    '/opt/xensource/libexec/xen-cmdline --get-dom0 quiet console',
                    '/opt/xensource/libexec/xen-cmdline --set-dom0 a=1 b=2', 'dmesg']*.toString()
    }

    def "a tool XCP-ng's dom0 does not have is bash's command not found: #tool"() {
        expect:
        new DemoXcpngHost().run("${tool} --version") ==
                new CommandResult("${tool} --version", 127, '', "bash: ${tool}: command not found\n")

        where:
        tool << ['virsh', 'update-grub', 'grubby', 'proxmox-boot-tool', 'update-initramfs', 'dracut']
    }

    def "dom0's reads answer as dom0 does: #command"() {
        given:
        DemoXcpngHost host = new DemoXcpngHost()
        host.state.assignable = [dev.passthru.dsl.PciAddress.parse('0000:04:01.0')]

        expect:
        host.run(command) == new CommandResult(command, 0, stdout, '')

        where:
        command                                                            || stdout
        // a PV dom0's Linux has no IOMMU driver: /sys/kernel/iommu_groups exists and is empty
        'find /sys/kernel/iommu_groups -type l'                            || ''
        'cat /proc/cmdline'                                                || 'root=LABEL=root-xcpng ro nolvm ' +
                'hpet=disable console=hvc0 console=tty0 quiet vga=785 splash plymouth.ignore-serial-consoles ' +
                'xen-pciback.hide=(0000:04:01.0)\n'
        '/opt/xensource/libexec/xen-cmdline --get-dom0 root'               || 'root=LABEL=root-xcpng\n'
        // a key not set: an empty line, as the real script prints (recipes/xcp-ng/tapes/xen-lab-nic.fresh.yaml)
        '/opt/xensource/libexec/xen-cmdline --get-dom0 nomodeset'          || '\n'
        '/opt/xensource/libexec/xen-cmdline --get-xen dom0_mem'            || 'dom0_mem=8192M,max:8192M\n'
        '/opt/xensource/libexec/xen-cmdline --get-xen extra_guest_irqs'    || '\n'
        "xe vm-param-get uuid=${ROUTER} param-name=memory-static-max"      || '4294967296\n'
    }

    /**
     * The Xen fields and the topology tables of a host like the Xen lab's (../shared/research/xen-lab-outputs,
     * xl_info_-n.out: a real Xen 4.17.7 under QEMU, one node, no device topology), byte for byte.
     */
    def "xl info -n prints Xen's version, command line, and memory per node as a real Xen 4.17 does"() {
        given:
        DemoState s = new DemoState()
        s.xenVersion = '4.17.7'
        s.xenCmdline = 'console=com1 com1=115200,8n1 dom0_mem=512M,max:512M iommu=1,verbose loglvl=all ' +
                'guest_loglvl=all noreboot'
        s.cpus = [new DemoCpu(0, 0, 0, 0), new DemoCpu(1, 1, 0, 0)]
        s.numa = [new DemoNumaNode(0, 1535, 1003, [10])]
        s.freeMemoryMib = 1003
        s.pci.clear()
        s.nodes.clear()
        String out = new DemoXcpngHost(s).run('xl info -n').stdout
        List<String> lines = out.readLines()

        expect:
        lines.subList(lines.indexOf('cpu_topology           :'), lines.indexOf('xen_major              : 4')) == [
                'cpu_topology           :',
                'cpu:    core    socket     node',
                '  0:       0        0        0',
                '  1:       1        0        0',
                'device topology        :',
                'device           node',
                'No device topology data available',
                'numa_info              :',
                'node:    memsize    memfree    distances',
                '   0:      1535       1003      10']
        lines.findAll { it ==~ /(xen_(major|minor|extra|version|caps|commandline)|total_memory|free_memory) .*/ } == [
                'total_memory           : 1535',
                'free_memory            : 1003',
                'xen_major              : 4',
                'xen_minor              : 17',
                'xen_extra              : .7',
                'xen_version            : 4.17.7',
                'xen_caps               : xen-3.0-x86_64 hvm-3.0-x86_32 hvm-3.0-x86_32p hvm-3.0-x86_64 ',
                'xen_commandline        : console=com1 com1=115200,8n1 dom0_mem=512M,max:512M iommu=1,verbose ' +
                        'loglvl=all guest_loglvl=all noreboot']
    }

    def "the demo's two nodes: numa_info rows with their distances, and total_memory their sum"() {
        given:
        String out = new DemoXcpngHost().run('xl info -n').stdout

        expect:
        out.contains('numa_info              :\nnode:    memsize    memfree    distances\n' +
                '   0:     65536      58112      10,21\n   1:     65501      60418      21,10\nxen_major')
        out.contains('total_memory           : 131037\n')
    }

    def "an unmodelled command over passthru serve twin:FILE: stderr says so, exit 127"() {
        given: 'the XCP-ng demo twin served on a free port'
        File twin = tmp.resolve('xcp.yaml').toFile()
        twin.text = TwinFile.resource('demo')
        File key = tmp.resolve('id_ed25519').toFile()
        assert new ProcessBuilder('ssh-keygen', '-q', '-t', 'ed25519', '-N', '', '-f', key.path).start().waitFor() == 0
        File authorized = tmp.resolve('authorized_keys').toFile()
        authorized.text = new File(key.path + '.pub').text
        PipedInputStream pipe = new PipedInputStream()
        PrintStream serveOut = new PrintStream(new PipedOutputStream(pipe), true, 'UTF-8')
        Interruption stop = new Interruption()
        Thread server = Thread.start {
            Main.run(['serve', "twin:${twin}", '--port', '0', '--authorized-keys', authorized.path,
                      '--host-key', tmp.resolve('host_key').toString()] as String[], serveOut,
                    new PrintStream(OutputStream.nullOutputStream()), [PASSTHRU_HOME: tmp.toString()], false, stop)
            serveOut.close()
        }
        BufferedReader lines = new BufferedReader(new InputStreamReader(pipe, 'UTF-8'))
        String port = (lines.readLine() =~ /127\.0\.0\.1:(\d+)/)[0][1]
        File known = tmp.resolve('known_hosts').toFile()
        known.text = lines.readLine().substring('known_hosts line: '.length()) + '\n'

        when:
        Process ssh = new ProcessBuilder('ssh', '-n', '-i', key.path, '-o', "UserKnownHostsFile=${known}".toString(),
                '-o', 'StrictHostKeyChecking=yes', '-o', 'BatchMode=yes', '-p', port, 'root@127.0.0.1',
                'xl list').start()
        String stderr = ssh.errorStream.text
        String stdout = ssh.inputStream.text
        int exit = ssh.waitFor()
        stop.request('INT')
        server.join()

        then:
        exit == 127
        stdout == ''
        stderr == 'passthru: the twin cannot answer `xl list`; record a tape\n'
    }
}
