package dev.passthru.runtime.demo

import dev.passthru.dsl.PciAddress
import dev.passthru.runtime.transport.CommandResult
import groovy.transform.CompileStatic
import org.w3c.dom.Document
import org.w3c.dom.Element
import org.w3c.dom.Node
import org.xml.sax.SAXException

/**
 * The virsh subcommands the KVM demo host understands, answering as virsh 9.0 does: output followed by
 * an empty line, errors as "error: ..." lines on stderr with exit 1 (formats checked against
 * {@code virsh -c test:///default}; the error texts are libvirt's message strings). Definitions are
 * kept as libvirt prints them back (attributes in single quotes); --security-info decides whether
 * graphics passwords are shown.
 */
@CompileStatic
class DemoVirsh {
    private final DemoKvmState state

    DemoVirsh(DemoKvmState state) { this.state = state }

    CommandResult run(String command, List<String> argv, String stdin) {
        if (argv.size() < 4 || argv[1] != '-c' || argv[2] != 'qemu:///system') {
            return fail(command, 'error: demo host: only virsh -c qemu:///system is simulated\n')
        }
        List<String> a = named(argv.drop(3))
        String sub = a[0]
        switch (sub) {
            case 'list': return a == ['list', '--all', '--name']
                    ? ok(command, state.domains.keySet().collect { "${it}\n" }.join('') + '\n') : usage(command)
            case 'dumpxml': return dumpxml(command, a)
            case 'define': return a == ['define', '/dev/stdin'] ? define(command, stdin) : usage(command)
            case 'attach-device': return a.size() == 4 && a[2] == '/dev/stdin' &&
                    a[3] == '--config' ? device(command, a[1], stdin, true) : usage(command)
            case 'detach-device': return a.size() == 4 && a[2] == '/dev/stdin' &&
                    a[3] == '--config' ? device(command, a[1], stdin, false) : usage(command)
            case 'domstate': return withDomain(command, a) { DemoKvmState.Domain d -> ok(command, "${d.state}\n\n") }
            case 'start': return withDomain(command, a) { DemoKvmState.Domain d -> start(command, a[1], d) }
            case 'shutdown': return withDomain(command, a) { DemoKvmState.Domain d ->
                if (d.state != 'running') {
                    return fail(command, "error: Failed to shutdown domain '${a[1]}'\nerror: Requested operation is " +
                            "not valid: domain is not running\n")
                }
                d.state = 'shut off' // the demo guest answers the ACPI power button at once
                ok(command, "Domain '${a[1]}' is being shutdown\n\n")
            }
            default: return fail(command, "error: unknown command: '${sub}'\n")
        }
    }

    /**
     * virsh's named forms as the positional ones this simulator reads: {@code --domain NAME} and
     * {@code --file F} become NAME and F in place (so a name starting with '-' stays a name).
     */
    private static List<String> named(List<String> args) {
        List<String> out = []
        for (int i = 0; i < args.size(); i++) {
            if ((args[i] == '--domain' || args[i] == '--file') && i +
                    1 < args.size()) { out << args[i + 1]; i++ } else out << args[i]
        }
        out
    }

    private CommandResult withDomain(String command, List<String> a, Closure<CommandResult> body) {
        if (a.size() != 2) return usage(command)
        DemoKvmState.Domain d = state.domains[a[1]]
        d == null ? fail(command, "error: failed to get domain '${a[1]}'\n") : body.call(d)
    }

    private CommandResult dumpxml(String command, List<String> a) {
        String name = a.last()
        DemoKvmState.Domain d = state.domains[name]
        if (d == null) return fail(command, "error: failed to get domain '${name}'\n")
        String xml = a.contains('--security-info') ? d.xml : d.xml.replaceAll(/ passwd='[^']*'/, '')
        ok(command, xml + '\n')
    }

    private CommandResult define(String command, String xml) {
        Document doc
        try {
            doc = DemoDomainXml.parse(xml ?: '')
        } catch (SAXException e) {
            return fail(command, "error: Failed to define domain from /dev/stdin\nerror: (domain_definition):1: " +
                    "${e.message}\n")
        }
        if (doc.documentElement.tagName != 'domain') {
            return fail(command, 'error: Failed to define domain from /dev/stdin\n' +
                    "error: XML error: unexpected root element <${doc.documentElement.tagName}>, expecting <domain>\n")
        }
        String name = DemoDomainXml.text(doc, 'name')
        String uuid = DemoDomainXml.text(doc, 'uuid')
        DemoKvmState.Domain old = state.domains[name]
        if (old != null) {
            String oldUuid = DemoDomainXml.text(DemoDomainXml.parse(old.xml), 'uuid')
            if (uuid != oldUuid) {
                return fail(command, 'error: Failed to define domain from /dev/stdin\n' +
                        "error: operation failed: domain '${name}' already exists with uuid ${oldUuid}\n")
            }
            old.xml = DemoDomainXml.print(doc)
        } else {
            state.domains[name] = new DemoKvmState.Domain(DemoDomainXml.print(doc), 'shut off')
        }
        ok(command, "Domain '${name}' defined from /dev/stdin\n\n")
    }

    private CommandResult device(String command, String name, String xml, boolean attach) {
        DemoKvmState.Domain d = state.domains[name]
        if (d == null) return fail(command, "error: failed to get domain '${name}'\n")
        String verb = attach ? 'attach' : 'detach'
        PciAddress a
        try {
            String wrapped = "<domain><devices>${xml}</devices></domain>"
            List<Element> given = DemoDomainXml.pciHostdevs(DemoDomainXml.parse(wrapped))
            a = given ? DemoDomainXml.source(given.first()) : null
        } catch (SAXException e) {
            return fail(command, "error: Failed to ${verb} device from /dev/stdin\nerror: XML error: ${e.message}\n")
        }
        if (a == null) {
            return fail(command, "error: Failed to ${verb} device from /dev/stdin\n" +
                    'error: XML error: no PCI host device source address\n')
        }
        Document doc = DemoDomainXml.parse(d.xml)
        Element existing = DemoDomainXml.pciHostdevs(doc).find { Element h -> DemoDomainXml.source(h) == a }
        if (attach) {
            if (existing != null) {
                return fail(command, 'error: Failed to attach device from /dev/stdin\n' +
                        'error: Requested operation is not valid: device is already in the domain configuration\n')
            }
            String indented = xml.trim().readLines().collect { "    ${it}" }.join('\n')
            d.xml = d.xml.replaceFirst(/(?m)^  <\/devices>$/,
                    java.util.regex.Matcher.quoteReplacement(indented + '\n  </devices>'))
            return ok(command, 'Device attached successfully\n\n')
        }
        if (existing == null) {
            return fail(command, 'error: Failed to detach device from /dev/stdin\n' +
                    "error: device not found: host pci device ${DemoLspci.slot(a)} not found\n")
        }
        Node devices = existing.parentNode
        Node prev = existing.previousSibling
        if (prev != null && prev.nodeType == Node.TEXT_NODE &&
                prev.textContent.trim().isEmpty()) devices.removeChild(prev)
        devices.removeChild(existing)
        d.xml = DemoDomainXml.print(doc)
        ok(command, 'Device detached successfully\n\n')
    }

    private CommandResult start(String command, String name, DemoKvmState.Domain d) {
        if (d.state == 'running') return fail(command, 'error: Domain is already active\n')
        Document doc = DemoDomainXml.parse(d.xml)
        boolean hostdevs = !DemoDomainXml.pciHostdevs(doc).isEmpty()
        if (hostdevs && !state.iommuOn()) {
            return fail(command, "error: Failed to start domain '${name}'\nerror: unsupported configuration: host " +
                    "doesn't support passthrough of host PCI devices\n")
        }
        if (DemoDomainXml.hugepages(doc)) {
            long kib = (d.xml =~ /<memory unit='KiB'>(\d+)<\/memory>/).findAll().collect { ((List) it)[1] as long }
                    .first()
            List<String> cmd = DemoKernelCmdline.params(state.procCmdline)
            long pageKib = DemoBootHugepages.pageKib(cmd.find { it.startsWith('hugepagesz=') }?.substring(11) ?: '2M')
            long count = state.hugepagesOf(pageKib)
            if (count == 0) {
                return fail(command, "error: Failed to start domain '${name}'\nerror: internal error: Unable to find " +
                        "any usable hugetlbfs mount for ${pageKib} KiB\n")
            }
            if (count * pageKib < kib) {
                return fail(command, "error: Failed to start domain '${name}'\nerror: internal error: process exited " +
                        "while connecting to monitor: qemu-system-x86_64: unable to map backing store for guest RAM: " +
                        "Cannot allocate memory\n")
            }
        }
        d.state = 'running'
        ok(command, "Domain '${name}' started\n\n")
    }

    private static CommandResult ok(String command, String out) { new CommandResult(command, 0, out, '') }

    private static CommandResult fail(String command, String err) { new CommandResult(command, 1, '', err) }

    /** A virsh use the simulator does not model: it says so instead of inventing output. */
    private static CommandResult usage(String command) {
        throw new TwinCannotAnswerException(command)
    }
}
