package dev.passthru.spec.dsl

import dev.passthru.dsl.FlavourName
import dev.passthru.dsl.AssignableStep
import dev.passthru.dsl.AttachStep
import dev.passthru.dsl.HideStep
import dev.passthru.dsl.PinVcpusStep
import dev.passthru.dsl.RebootStep
import dev.passthru.dsl.Recipe
import dev.passthru.dsl.RecipeException
import dev.passthru.dsl.RecipeLoader
import dev.passthru.dsl.StartStep
import dev.passthru.dsl.StopStep
import dev.passthru.dsl.DetachStep
import dev.passthru.dsl.UnhideStep
import dev.passthru.dsl.HugepageMemoryStep
import dev.passthru.dsl.KernelArgsStep
import dev.passthru.dsl.NumaMemoryStep
import dev.passthru.dsl.UnpinVcpusStep
import spock.lang.Specification

class RecipeLoaderSpec extends Specification {
    RecipeLoader loader = new RecipeLoader()

    Recipe load(String text) { loader.load(text, 'lab/test.groovy') }

    def "a recipe becomes its steps, in order, each with its line"() {
        when:
        Recipe r = load('''\
            recipe('nic') {
                description 'a NIC'
                def nic = pci '04:01.0'
                hide nic
                reboot()
                verify { assignable nic }
                vm('my "lab" vm') {
                    attach nic
                    pinVcpus 8..11
                    pinVcpus([0, 2], 4)
                    start()
                    stop()
                    detach '0000:04:01.0'
                }
                unhide nic
            }
            '''.stripIndent())

        then:
        r.name == 'nic'
        r.description == 'a NIC'
        r.steps*.class == [HideStep, RebootStep, AssignableStep, AttachStep, PinVcpusStep, PinVcpusStep, StartStep, StopStep, DetachStep, UnhideStep]
        r.steps*.location*.line == [4, 5, 6, 8, 9, 10, 11, 12, 13, 15]
        r.steps*.location*.file.unique() == ['lab/test.groovy']
        r.steps[3].describe() == "attach 0000:04:01.0 to VM 'my \"lab\" vm'"
        r.steps[4].describe() == "pin VM 'my \"lab\" vm' vCPUs to host CPUs 8-11"
        (r.steps[5] as PinVcpusStep).cpus as List == [0, 2, 4]
        r.devices()*.toString() == ['0000:04:01.0']
        r.devices()[0].declaredAt.line == 3
    }

    def "#what is reported at line #line: #message"() {
        when:
        load(text)

        then:
        RecipeException e = thrown()
        e.location.file == 'lab/test.groovy'
        e.location.line == line
        e.userMessage().startsWith(line ? "lab/test.groovy:${line}: " : 'lab/test.groovy: ')
        e.userMessage().contains(message)

        where:
        what                   | line | message                                          | text
        'a Groovy syntax error'| 3    | "']' here closes nothing; the innermost open bracket is the '{' of line 3" | "recipe('x') {\n  def nic = pci '04:01.0'\n  vm('r') { attach nic ]\n}\n"
        'an unclosed block'    | 3    | "'(' opened here is never closed"                | "recipe('x') {\n  def nic = pci '04:01.0'\n  hide nic nic nic (\n}\n"
        'a malformed BDF'      | 2    | "malformed PCI address '04:01'"                  | "recipe('x') {\n  def nic = pci '04:01'\n}\n"
        'a slot out of range'  | 3    | 'slot 0x20 is above 0x1f'                        | "recipe('x') {\n\n  hide '0000:04:20.0'\n}\n"
        'a misspelt method'    | 3    | "unknown word 'hdie' in recipe('name') { }: did you mean 'hide'?" | "recipe('x') {\n  def nic = pci '04:01.0'\n  hdie nic\n}\n"
        'an unknown name'      | 2    | "unknown name 'nick'"                            | "recipe('x') {\n  hide nick\n}\n"
        'a CPU that is text'   | 3    | "pinVcpus: 'eight' is not a CPU number"          | "recipe('x') {\n  vm('a') {\n    pinVcpus 'eight'\n  }\n}\n"
        'a negative CPU'       | 2    | 'CPU -1 is negative'                             | "recipe('x') {\n  vm('a') { pinVcpus(-1) }\n}\n"
        'an empty VM name'     | 2    | 'vm: the VM name is empty'                       | "recipe('x') {\n  vm('') { start() }\n}\n"
        'a device of a wrong type' | 2 | "hide: expected a device (pci 'BDF' or pci(vendor: ..., device: ...)) but got Integer '4'" | "recipe('x') {\n  hide 4\n}\n"
        'two recipes'          | 2    | "a file holds one recipe, and 'x' came first"    | "recipe('x') {}\nrecipe('y') {}\n"
        'no recipe'            | 0    | "holds no recipe('name')"                        | "def x = 1\n"
        'an unknown flavour'   | 2    | "flavour: 'esxi' is not one of xcpng, kvm"       | "recipe('x') {\n  flavour 'esxi'\n}\n"
        'a kernel arg with a space' | 3 | "arg: 'quiet splash' is not a kernel argument passthru writes" | "recipe('x') {\n  kernel {\n    arg 'quiet splash'\n  }\n}\n"
        'a kernel arg that would run a command' | 3 | "arg: 'x=\$(reboot)' is not a kernel argument" | "recipe('x') {\n  kernel {\n    arg 'x=\$(reboot)'\n  }\n}\n"
        'a quote in a removal' | 3    | "remove: 'a\"b' is not a kernel argument"        | "recipe('x') {\n  kernel {\n    remove 'a\"b'\n  }\n}\n"
        'an empty kernel block'| 2    | 'kernel: the block adds and removes nothing'     | "recipe('x') {\n  kernel { }\n}\n"
        'a hugepage size'      | 3    | "hugepages: size '4M' is not 2M or 1G"           | "recipe('x') {\n  kernel {\n    hugepages 8, size: '4M'\n  }\n}\n"
        'a hugepage option'    | 3    | 'hugepages: unknown option sz'                   | "recipe('x') {\n  kernel {\n    hugepages 8, sz: '1G'\n  }\n}\n"
        'an emulator CPU as text' | 3 | "pinVcpus emulator:: 'one' is not a CPU number"  | "recipe('x') {\n  vm('a') {\n    pinVcpus 2, 3, emulator: 'one'\n  }\n}\n"
        'a pin option'         | 3    | 'pinVcpus: unknown option emulater'              | "recipe('x') {\n  vm('a') {\n    pinVcpus 2, emulater: 1\n  }\n}\n"
        'a negative NUMA node' | 2    | 'numaMemory: node -1 is negative'                | "recipe('x') {\n  vm('a') { numaMemory(-1) }\n}\n"
    }

    def "the KVM language: kernel block, flavour, VM memory and pinning steps"() {
        when:
        Recipe r = load('''\
            recipe('gpu') {
                flavour 'kvm'
                kernel {
                    iommu()
                    arg 'modprobe.blacklist=nouveau', 'video=efifb:off'
                    hugepages 16, size: '1G'
                    allowUnsafeInterrupts()
                }
                kernel { removeIommu(); remove 'hugepages', 'modprobe.blacklist=nouveau' }
                vm('win10') {
                    pinVcpus 2, 3, 10, 11, emulator: [1, 9]
                    pinVcpus 4..7
                    unpinVcpus()
                    numaMemory 1
                    noNumaMemory()
                    hugepages()
                    noHugepages()
                }
            }
            '''.stripIndent())

        then:
        r.flavour == FlavourName.KVM
        r.steps*.class == [KernelArgsStep, KernelArgsStep, PinVcpusStep, PinVcpusStep, UnpinVcpusStep, NumaMemoryStep, NumaMemoryStep, HugepageMemoryStep, HugepageMemoryStep]
        r.steps*.location*.line == [3, 9, 11, 12, 13, 14, 15, 16, 17]
        (r.steps[0] as KernelArgsStep).add*.vendorIommu == [true] + [false] * 7
        (r.steps[0] as KernelArgsStep).tokens('amd') == ['amd_iommu=on', 'iommu=pt', 'modprobe.blacklist=nouveau', 'video=efifb:off',
                                              'default_hugepagesz=1G', 'hugepagesz=1G', 'hugepages=16', 'vfio_iommu_type1.allow_unsafe_interrupts=1']
        (r.steps[1] as KernelArgsStep).remove == ['intel_iommu', 'amd_iommu', 'iommu', 'hugepages', 'modprobe.blacklist=nouveau']
        (r.steps[2] as PinVcpusStep).emulator as List == [1, 9]
        (r.steps[3] as PinVcpusStep).emulator == null
        r.steps[2].describe() == "pin VM 'win10' vCPUs to host CPUs 2-3,10-11, emulator to 1,9"
        (r.steps[5] as NumaMemoryStep).node == 1 && (r.steps[6] as NumaMemoryStep).node == null
        r.steps[7].describe() == "back VM 'win10' memory with hugepages"
    }

    def "a missing file is a recipe error naming it"() {
        when:
        loader.load(new File('/nonexistent/r.groovy'), 'r.groovy')

        then:
        RecipeException e = thrown()
        e.userMessage() == 'r.groovy: no such recipe file'
    }
}
