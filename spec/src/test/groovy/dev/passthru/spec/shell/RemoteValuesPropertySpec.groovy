package dev.passthru.spec.shell

import dev.passthru.dsl.RecipeException
import dev.passthru.dsl.RecipeLoader
import dev.passthru.dsl.KernelArgsStep
import dev.passthru.runtime.kvm.KvmCommands
import dev.passthru.runtime.xcpng.XcpngCommands
import spock.lang.Shared
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Path

/**
 * Property: no value a recipe or a host gives passthru (VM names, uuids read back from xe, paths,
 * kernel arguments) breaks out of its word in a remote command. Each command builder is fed random
 * hostile strings (quotes, $(...), backticks, newlines, ;, |, &, globs, leading dashes, unicode) from
 * a fixed seed; the command line is run by a real sh (dash) and bash, with fake programs on PATH that
 * print the arguments they got; the arguments must be exactly the intended ones, and a canary file
 * that any expansion would create must not appear.
 */
class RemoteValuesPropertySpec extends Specification {
    static final long SEED = 20261122L
    static final int CASES = 100
    static final List<String> PIECES = ["'", '"', '$(', ')', '`', '\n', ';', '|', '&', '*', '?', '[a]', ' ', '\t', '\\', '$HOME', '${IFS}', '!', '#', '~',
                                        '-', '--', '=', ',', ':', '<', '>', 'é', '中', 'x', 'vm', '0', '\'\\\'\'', '$((1+1))', '{a,b}']
    @Shared @TempDir Path bin
    @Shared File canary

    def setupSpec() {
        canary = bin.resolve('CANARY').toFile()
        ['virsh', 'xe', 'cat', 'cp', 'install', 'mv', 'rm', 'stat', 'grubby', 'mkdir'].each { String p ->
            File f = bin.resolve(p).toFile()
            f.text = '#!/bin/sh\nprintf "%s\\0" "$0" "$@"\n'
            f.setExecutable(true)
        }
    }

    /** Random hostile strings, the same ones every run. */
    static List<String> hostile(long seed) {
        Random r = new Random(seed)
        (1..CASES).collect {
            String s = (1..(1 + r.nextInt(6))).collect { PIECES[r.nextInt(PIECES.size())] }.join('')
            s + " \$(touch CANARY) `touch CANARY`"
        }
    }

    /** The arguments a shell passes to the program the command line runs (program name first, as a basename). */
    List<String> argvOf(String shell, String commandLine) {
        Process p = new ProcessBuilder(shell, '-c', commandLine).directory(bin.toFile()).tap { environment().PATH = bin.toString() }.start()
        p.outputStream.close()
        byte[] out = p.inputStream.readAllBytes()
        assert p.waitFor() == 0: "${shell} -c ${commandLine}: ${p.errorStream.text}"
        List<String> words = new String(out, 'UTF-8').split('\u0000', -1).toList().dropRight(1)
        [words[0].substring(words[0].lastIndexOf('/') + 1)] + words.drop(1)
    }

    def "#builder: every hostile value arrives as one intact argument under #shell"() {
        expect:
        hostile(SEED + builder.hashCode()).every { String v ->
            List<String> got = argvOf(shell, build.call(v) as String)
            assert got == expect.call(v)
            assert !canary.exists()
            true
        }

        where:
        [shell, row] << [['sh', 'bash'], [
                ['virsh dumpxml (VM name)', { String v -> KvmCommands.dumpxml(v) }, { String v -> ['virsh', '-c', 'qemu:///system', 'dumpxml', '--inactive', '--security-info', '--domain', v] }],
                ['virsh start (VM name)', { String v -> KvmCommands.start(v) }, { String v -> ['virsh', '-c', 'qemu:///system', 'start', '--domain', v] }],
                ['virsh attach-device (VM name)', { String v -> KvmCommands.attachDevice(v) }, { String v -> ['virsh', '-c', 'qemu:///system', 'attach-device', '--domain', v, '--file', '/dev/stdin', '--config'] }],
                ['xe vm-list (name label)', { String v -> XcpngCommands.vmList(v) }, { String v -> ['xe', 'vm-list', "name-label=${v}".toString(), '--minimal'] }],
                ['xe vm-param-set (uuid read from the host)', { String v -> XcpngCommands.setMask(v, [8, 9]) }, { String v -> ['xe', 'vm-param-set', "uuid=${v}".toString(), 'VCPUs-params:mask=8,9'] }],
                ['cat (path)', { String v -> KvmCommands.cat(v) }, { String v -> ['cat', v] }],
                ['install (path)', { String v -> KvmCommands.writeNew(v) }, { String v -> ['install', '-m', '0644', '/dev/stdin', "${v}.passthru.new".toString()] }],
                ['stat (paths)', { String v -> KvmCommands.mtimes(v, v + '2') }, { String v -> ['stat', '-c', '%Y', v, v + '2'] }],
                ['grubby (kernel args)', { String v -> KvmCommands.grubbyUpdate([v, 'iommu=pt'], [v]) }, { String v -> ['grubby', '--update-kernel=ALL', "--args=${v} iommu=pt".toString(), "--remove-args=${v}".toString()] }],
        ]].combinations()
        builder = row[0]
        build = row[1]
        expect = row[2]
    }

    def "a kernel argument in a recipe is refused unless it is plain: nothing the boot loader's shell file could expand"() {
        given:
        List<String> accepted = []
        List<String> refused = []

        when:
        hostile(SEED).each { String v ->
            String literal = v.replace('\\', '\\\\').replace("'", "\\'").replace('\n', '\\n').replace('\t', '\\t').replace('$', '\\$')
            try {
                KernelArgsStep k = (KernelArgsStep) new RecipeLoader().load("recipe('k') {\n  kernel { arg '${literal}' }\n}\n", 'k.groovy').steps[0]
                accepted.addAll(k.add)
            } catch (RecipeException e) {
                assert e.userMessage().startsWith('k.groovy:2: arg: ')
                refused << v
            }
        }

        then: 'every hostile string (each holds a space and $( ) is refused, with the line'
        refused.size() == CASES
        accepted.isEmpty()

        and: 'and what is accepted is plain'
        ['iommu=pt', 'vfio-pci.ids=10de:1c81,10de:0fb9', 'video=efifb:off', 'isolcpus=2-5', 'nohz_full=2-5'].every { String t ->
            ((KernelArgsStep) new RecipeLoader().load("recipe('k') {\n  kernel { arg '${t}' }\n}\n", 'k.groovy').steps[0]).tokens('intel') == [t]
        }
    }
}
