package dev.passthru.spec.dsl

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
        'a Groovy syntax error'| 3    | "Groovy syntax error: unexpected input at 'vm('r') { attach nic ]'" | "recipe('x') {\n  def nic = pci '04:01.0'\n  vm('r') { attach nic ]\n}\n"
        'an unclosed block'    | 4    | 'Groovy syntax error'                            | "recipe('x') {\n  def nic = pci '04:01.0'\n  hide nic nic nic (\n}\n"
        'a malformed BDF'      | 2    | "malformed PCI address '04:01'"                  | "recipe('x') {\n  def nic = pci '04:01'\n}\n"
        'a slot out of range'  | 3    | 'slot 0x20 is above 0x1f'                        | "recipe('x') {\n\n  hide '0000:04:20.0'\n}\n"
        'a misspelt method'    | 3    | "unknown method 'hdie'"                          | "recipe('x') {\n  def nic = pci '04:01.0'\n  hdie nic\n}\n"
        'an unknown name'      | 2    | "unknown name 'nick'"                            | "recipe('x') {\n  hide nick\n}\n"
        'a CPU that is text'   | 3    | "pinVcpus: 'eight' is not a CPU number"          | "recipe('x') {\n  vm('a') {\n    pinVcpus 'eight'\n  }\n}\n"
        'a negative CPU'       | 2    | 'CPU -1 is negative'                             | "recipe('x') {\n  vm('a') { pinVcpus(-1) }\n}\n"
        'an empty VM name'     | 2    | 'vm: the VM name is empty'                       | "recipe('x') {\n  vm('') { start() }\n}\n"
        'a device of a wrong type' | 2 | "hide: expected a device (pci 'BDF') but got Integer '4'" | "recipe('x') {\n  hide 4\n}\n"
        'two recipes'          | 2    | "a file holds one recipe, and 'x' came first"    | "recipe('x') {}\nrecipe('y') {}\n"
        'no recipe'            | 0    | "holds no recipe('name')"                        | "def x = 1\n"
    }

    def "a missing file is a recipe error naming it"() {
        when:
        loader.load(new File('/nonexistent/r.groovy'), 'r.groovy')

        then:
        RecipeException e = thrown()
        e.userMessage() == 'r.groovy: no such recipe file'
    }
}
