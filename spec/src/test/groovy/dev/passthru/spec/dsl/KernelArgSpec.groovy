package dev.passthru.spec.dsl

import dev.passthru.dsl.KernelArg
import dev.passthru.dsl.RecipeException
import dev.passthru.dsl.RecipeLoader
import spock.lang.Specification

/** A kernel argument is a token, or iommu()'s switch that waits for the host's CPU vendor (a type, not a magic word). */
class KernelArgSpec extends Specification {
    def "#arg on an #vendor host is #token; it turns the IOMMU on: #on"() {
        expect:
        arg.on(vendor) == token
        arg.turnsIommuOn() == on

        where:
        arg                           | vendor  || token            | on
        KernelArg.VENDOR_IOMMU        | 'intel' || 'intel_iommu=on' | true
        KernelArg.VENDOR_IOMMU        | 'amd'   || 'amd_iommu=on'   | true
        KernelArg.of('amd_iommu=on')  | 'intel' || 'amd_iommu=on'   | true
        KernelArg.of('iommu=pt')      | 'amd'   || 'iommu=pt'       | false
        KernelArg.of('intel_iommu=off') | 'intel' || 'intel_iommu=off' | false
    }

    def "arg cannot smuggle in the vendor switch by its old placeholder spelling: it is refused like any bad token"() {
        when:
        new RecipeLoader().load("recipe('k') {\n  kernel { arg '<cpu-vendor>_iommu=on' }\n}\n", 'k.groovy')

        then:
        RecipeException e = thrown()
        e.userMessage().startsWith("k.groovy:2: arg: '<cpu-vendor>_iommu=on' is not a kernel argument passthru writes")
    }
}
