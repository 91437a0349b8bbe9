package dev.passthru.spec.demo

import dev.passthru.runtime.demo.DemoHost
import dev.passthru.runtime.xcpng.XcpngCommands
import dev.passthru.spec.Repo
import spock.lang.Specification

/**
 * The demo hosts render their own output: no class of the demo package names one of passthru's readers or
 * writers of host output (XcpngOutput, KvmOutput, GrubDefaultFile, DomainXml, KernelArgs, Lspci, ...), so a
 * tape recorded from a demo host checks those parsers instead of mirroring them. Only what a simulated host
 * needs to be reached is allowed; everything else in dev.passthru is refused, including classes added later.
 */
class DemoIndependenceSpec extends Specification {
    /** What the demo package may name, and why. */
    static final Map<String, String> ALLOWED = [
        'dev/passthru/runtime/demo/'                            : 'the demo hosts themselves',
        'dev/passthru/runtime/transport/Transport'              : 'the contract a demo host implements',
        'dev/passthru/runtime/transport/CommandResult'          : 'what a command returns through that contract',
        'dev/passthru/runtime/transport/ConnectionLostException': 'how a reboot drops the connection',
        'dev/passthru/runtime/transport/TransportException'     : 'what "the twin cannot answer" is, to its callers',
        'dev/passthru/runtime/facts/CommonFacts'                : 'the tool names passthru probes (a tool the host ' +
                'lacks is bash\'s "command not found"; any other program is not modelled)',
        'dev/passthru/dsl/PciAddress'                           : 'the address value its state is keyed by',
        'dev/passthru/runtime/shell/ShellWords'                 : 'reads the command it is sent as sh would (input)',
        'dev/passthru/runtime/pci/PciCommands'                  : 'the fixed sysfs pipelines it answers whole',
        'dev/passthru/runtime/kvm/KvmCommands'                  : 'the fixed dmesg pipeline it answers whole',
        'dev/passthru/runtime/twin/TwinFile'                    : 'reads the state a demo host starts from (YAML)',
    ]
    /** PciAddress members the demo may use: construction and its fields, never parse or format. */
    static final Set<String> ADDRESS_MEMBERS =
            ['<init>', 'getDomain', 'getBus', 'getSlot', 'getFunction', 'equals', 'hashCode'] as Set

    static boolean allowed(String name) {
        ALLOWED.keySet().any { String a -> name == a || (a.endsWith('/') && name.startsWith(a)) }
    }

    static final File SOURCES = Repo.file('runtime/src/main/groovy/dev/passthru/runtime/demo')

    /** The demo package's classes compiled from today's sources (closures and inner classes included). */
    static Map<String, byte[]> compiled() {
        List<String> topLevel = SOURCES.listFiles().findAll { it.name.endsWith('.groovy') }
                .collect { it.name - '.groovy' }
        ClassReferences.reachable(ClassReferences.packageOf(DemoHost), 'dev/passthru/runtime/demo/', topLevel)
    }

    def "#file names no product class outside the allowed ones"() {
        expect:
        ClassReferences.read(compiled()[file]).names.findAll { !allowed(it) } == [] as Set

        where:
        file << compiled().keySet().toList()
    }

    def "#file uses PciAddress only as a value (no parsing, no formatting)"() {
        expect:
        ClassReferences.read(compiled()[file]).members.findAll { ClassReferences.Member m ->
            m.owner == 'dev/passthru/dsl/PciAddress' && !(m.name in ADDRESS_MEMBERS)
        }*.toString() == []

        where:
        file << compiled().keySet().toList()
    }

    def "#file.name: the source imports and names no product class outside the allowed ones (inlined constants too)"() {
        when:
        Set<String> named = (file.text =~ /dev\.passthru\.[\w.]+/).findAll()
                .collect { String n -> n.replace('.', '/') }.toSet()
        named.remove('dev/passthru/runtime/demo') // the package line

        then:
        named.findAll { !allowed(it) } == [] as Set
        !(file.text =~ /PciAddress\s*\.\s*parse\b/)

        where:
        file << SOURCES.listFiles().findAll { it.name.endsWith('.groovy') }.sort()
    }

    def "the reading of class files sees a product class's use of a parser (the check can fail)"() {
        given: 'XcpngCommands builds the hide value with XcpngOutput'
        byte[] bytes = ClassReferences.packageOf(XcpngCommands)['XcpngCommands.class']

        expect:
        ClassReferences.read(bytes).names.contains('dev/passthru/runtime/xcpng/XcpngOutput')
        !allowed('dev/passthru/runtime/xcpng/XcpngOutput')
        ClassReferences.read(bytes).members.any { ClassReferences.Member m ->
            m.owner == 'dev/passthru/runtime/xcpng/XcpngOutput' && m.name == 'hideValue'
        }
    }

    /** What the twin package (which the demo hosts read their state with) may name besides the demo package. */
    static final List<String> TWIN_ALLOWED = ['dev/passthru/runtime/twin/', 'dev/passthru/runtime/demo/',
            'dev/passthru/runtime/text/Document', 'dev/passthru/runtime/text/DocumentException',
            'dev/passthru/runtime/tape/TapeWriter', 'dev/passthru/dsl/PciAddress',
            'dev/passthru/runtime/transport/Transport']

    def "#file (twin package) names only the demo hosts (and their Transport), the YAML reader and writer, and PciAddress"() {
        expect:
        ClassReferences.read(bytes).names.findAll { String n ->
            n.startsWith('dev/passthru/') && !TWIN_ALLOWED.any { n == it || (it.endsWith('/') && n.startsWith(it)) }
        } == [] as Set

        where:
        [file, bytes] << twinClasses().collect { k, v -> [k, v] }
    }

    /**
     * The twin package's makers (twin make) are readers of a host or a tape: they parse its answers with passthru's
     * own parsers, and no demo host reaches them, so they are not held to the rule above.
     */
    static final List<String> MAKERS = ['XcpngTwinMaker', 'KvmTwinMaker', 'RecordedHost', 'TwinReads', 'TwinMade',
                                        'NotRecordedException']

    static Map<String, byte[]> twinClasses() {
        File dir = Repo.file('runtime/src/main/groovy/dev/passthru/runtime/twin')
        List<String> topLevel = dir.listFiles().findAll { it.name.endsWith('.groovy') }.collect { it.name - '.groovy' }
                .findAll { !(it in MAKERS) }
        ClassReferences.reachable(ClassReferences.packageOf(dev.passthru.runtime.twin.TwinFile),
                'dev/passthru/runtime/twin/', topLevel)
    }

    def "the demo package has classes to check"() {
        expect:
        compiled().keySet().containsAll(['DemoHost.class', 'DemoXcpngHost.class', 'DemoKvmState.class',
                                         'DemoVirsh.class'])
        compiled().keySet().any { it.contains('$') } // closures and inner classes are reached too
    }
}
