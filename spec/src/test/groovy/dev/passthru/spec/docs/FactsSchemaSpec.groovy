package dev.passthru.spec.docs

import dev.passthru.runtime.demo.DemoKvmHost
import dev.passthru.runtime.demo.DemoKvmState
import dev.passthru.runtime.detect.Detection
import dev.passthru.runtime.detect.FlavourDetection
import dev.passthru.runtime.facts.Facts
import dev.passthru.runtime.engine.Rebooter
import dev.passthru.spec.Repo
import dev.passthru.spec.cli.CliRun
import groovy.json.JsonOutput
import groovy.json.JsonSlurper
import spock.lang.Shared
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Path

/**
 * docs/facts.schema.json documents {@code passthru facts --json}: the demo hosts' output of both flavours
 * conforms, and a document with a key renamed, missing or of the wrong type does not. (The lab's output is
 * checked against it in LabAcceptanceSpec, which reads a real kernel.)
 */
class FactsSchemaSpec extends Specification {

    @Shared
    @TempDir
    Path tmp

    @Shared
    Map<String, String> outputs = [:]

    String facts(String host) {
        if (!outputs.containsKey(host)) {
            CliRun r = CliRun.of(tmp, ['facts', '--json', '--host', host])
            assert r.code == 0: r.err
            outputs[host] = r.out
        }
        outputs[host]
    }

    def "passthru facts --json --host #host conforms to docs/facts.schema.json"() {
        expect:
        FactsSchema.errors(facts(host)) == []
        new JsonSlurper().parseText(facts(host)).flavour == flavour

        where:
        host       || flavour
        'demo'     || 'xcpng'
        'demo-kvm' || 'kvm'
        'demo-hgx' || 'kvm'
    }

    def "facts --inventory --json: each host's value conforms"() {
        when:
        CliRun r = CliRun.of(tmp, ['facts', '--json', '--inventory', Repo.file('recipes/fleet/demo-rack.ini').path])
        Map<String, Object> all = (Map<String, Object>) new JsonSlurper().parseText(r.out)

        then:
        r.code == 0
        all.keySet() == ['rack1-01', 'rack1-02', 'rack1-03'] as Set
        all.values().every { Object host -> FactsSchema.errors(JsonOutput.toJson(host)) == [] }
    }

    def "the facts of a KVM host with IOMMU groups, SR-IOV links, pinned VMs and a function behind VMD conform"() {
        given:
        DemoKvmState s = DemoKvmState.standard()
        s.pci << new DemoKvmState.Pci('10000:e0:17.0', 'SATA controller [0106]: Intel Corporation Tiger Lake-LP SATA ' +
                'Controller [8086:a0d3] (rev 20)', 'Dell Device [1028:0a20]', '8086:a0d3', 'ahci', ['ahci'], 10)
        s.procCmdline = s.procCmdline + ' intel_iommu=on'
        Detection f = new FlavourDetection(new Facts(new DemoKvmHost(s)), null, { long ms -> } as Rebooter.Pause).detect(null)
        assert f.decided
        Map<String, Object> doc = [host: 'demo-kvm'] + f.facts()

        expect:
        doc.pci.any { it.iommuGroup != null && it.groupMembers } && doc.pci.any { it.physfn }
        FactsSchema.errors(JsonOutput.toJson(doc)) == []
    }

    def "a document with #change fails validation, naming #where"() {
        given:
        Map doc = (Map) new JsonSlurper().parseText(facts(host))
        mutate(doc)

        when:
        List<String> errors = FactsSchema.errors(JsonOutput.toJson(doc))

        then:
        !errors.isEmpty()
        errors.any { it.contains(where) }

        where:
        host       | change                  | where           | mutate
        'demo-kvm' | 'kernelCmdline renamed' | 'cmdline'       | { Map d -> d.cmdline = d.remove('kernelCmdline') }
        'demo'     | 'kernelCmdline missing' | 'kernelCmdline' | { Map d -> d.remove('kernelCmdline') }
        'demo-kvm' | 'pci driver renamed'    | 'drivers'       | { Map d -> d.pci[0].drivers = d.pci[0].remove('driver') }
        'demo-kvm' | 'iommuGroup missing'    | 'iommuGroup'    | { Map d -> d.pci[0].remove('iommuGroup') }
        'demo'     | 'hidden missing'        | 'hidden'        | { Map d -> d.pci[0].remove('hidden') }
        'demo'     | 'a KVM key on XCP-ng'   | 'iommuGroup'    | { Map d -> d.pci[0].iommuGroup = 3 }
        'demo-kvm' | 'numaNode a string'     | 'numaNode'      | { Map d -> d.pci[0].numaNode = '0' }
        'demo-kvm' | 'a short address'       | 'address'       | { Map d -> d.pci[0].address = '00:00.0' }
        'demo'     | 'VM uuid renamed'       | 'uuid'          | { Map d -> d.vms[0].id = d.vms[0].remove('uuid') }
        'demo-kvm' | 'cpus.count missing'    | 'count'         | { Map d -> d.cpus.remove('count') }
        'demo-kvm' | 'an unknown flavour'    | 'flavour'       | { Map d -> d.flavour = 'proxmox' }
        'demo-kvm' | 'kernel renamed'        | 'kernel'        | { Map d -> d.product.release = d.product.remove('kernel') }
        'demo-hgx' | 'pcie missing on KVM'   | 'pcie'          | { Map d -> d.remove('pcie') }
        'demo-hgx' | 'ACS as a number'       | 'acsCtl'        | { Map d -> d.pcie.functions.find { it.acsCtl }.acsCtl = 29 }
        'demo-hgx' | 'an unknown fabric mode' | 'mode'         | { Map d -> d.pcie.fabric.mode = 'nvlink' }
        'demo-hgx' | 'ats as a boolean'      | 'ats'           | { Map d -> d.pcie.functions.find { it.ats }.ats = false }
    }
}
