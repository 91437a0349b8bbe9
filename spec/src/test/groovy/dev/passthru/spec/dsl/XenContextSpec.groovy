package dev.passthru.spec.dsl

import dev.passthru.dsl.Recipe
import dev.passthru.dsl.RecipeException
import dev.passthru.dsl.RecipeLoader
import dev.passthru.dsl.XenArgsStep
import spock.lang.Specification

/** The xen { } block: Xen's and dom0's boot options as one step, and the mistakes it refuses with file:line. */
class XenContextSpec extends Specification {
    static Recipe load(String body) { new RecipeLoader().load("recipe('x') {\n  ${body}\n}\n", 'x.groovy') }

    def "every word of the block lands in its list, in the recipe's order, as one step"() {
        when:
        Recipe r = load("xen { arg 'extra_guest_irqs=128', 'iommu=1,verbose'; remove 'noreboot'; " +
                "dom0Arg 'pci=nomsi'; removeDom0 'quiet' }")
        XenArgsStep s = (XenArgsStep) r.steps[0]

        then:
        r.steps.size() == 1
        s.xenAdd == ['extra_guest_irqs=128', 'iommu=1,verbose']
        s.xenRemove == ['noreboot']
        s.dom0Add == ['pci=nomsi']
        s.dom0Remove == ['quiet']
        s.location.line == 2
        s.describe() == 'xen args +extra_guest_irqs=128 +iommu=1,verbose -noreboot +dom0:pci=nomsi -dom0:quiet'
    }

    def "#body is refused: #message"() {
        when:
        load(body)

        then:
        RecipeException e = thrown()
        e.userMessage() == "x.groovy:2: ${message}".toString()

        where:
        body                                             || message
        'xen { }'                                        || 'xen: the block sets and deletes nothing'
        'xen { arg() }'                                  || 'arg: names no boot option'
        "xen { arg 'a b' }"                              || "arg: 'a b' is not a boot option passthru writes (key or key=value; letters, digits and _ . - , : / + @ only; no spaces or quotes)"
        "xen { arg 'x=\$(reboot)' }"                     || "arg: 'x=\$(reboot)' is not a boot option passthru writes (key or key=value; letters, digits and _ . - , : / + @ only; no spaces or quotes)"
        "xen { remove 'iommu=1' }"                       || "remove: 'iommu=1' is not a boot option passthru writes (a key; letters, digits and _ . - , : / + @ only; no spaces or quotes)"
        "xen { dom0Arg 'xen-pciback.hide=(0000:04:01.0)' }" || 'dom0Arg: xen-pciback.hide is set by hide and unhide, which keep the devices already hidden; use those'
        "xen { dom0Arg 'xen-pciback.hide=x' }"           || 'dom0Arg: xen-pciback.hide is set by hide and unhide, which keep the devices already hidden; use those'
        "xen { removeDom0 'xen-pciback.hide' }"          || 'removeDom0: xen-pciback.hide is set by hide and unhide, which keep the devices already hidden; use those'
    }

}
