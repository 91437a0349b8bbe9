package dev.passthru.spock

import dev.passthru.dsl.PciAddress
import dev.passthru.runtime.facts.CommonFacts
import groovy.transform.CompileStatic

/**
 * The feature's host, read through the same session as its run (its tape, the live host or its twin) and the facts
 * that run left: typed readers built on the runtime's facts, so one assertion holds on a tape, a twin and a live host.
 * After {@link HostRun#applyAgain}, it reads what that run left.
 */
@CompileStatic
final class Host {
    private final Session session

    Host(Session session) { this.session = session }

    private HostReader reader() { HostReader.of(session.facts(), session.flavour()) }

    /** The PCI function at {@code address} ({@code 0000:04:01.0}). */
    PciView pci(String address) { new PciView(PciAddress.parse(address), reader()) }

    /** The running kernel's command line (/proc/cmdline), word by word. */
    List<String> getKernelCmdline() { reader().facts.read(CommonFacts.RUNNING_CMDLINE) }

    /** The VM named {@code name}. */
    VmView vm(String name) { new VmView(name, reader()) }
}
