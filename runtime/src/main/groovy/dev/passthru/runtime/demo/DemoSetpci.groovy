package dev.passthru.runtime.demo

import dev.passthru.dsl.PciAddress
import dev.passthru.runtime.transport.CommandResult
import groovy.transform.CompileStatic

/**
 * setpci on the KVM demo host, for the one register it models: {@code setpci -s BDF ECAP_ACS+0x6.w} prints the ACS
 * control word ({@code %04x\n}, setpci.c), {@code ...=VALUE} writes it (silently); a function without the ACS
 * capability fails as pciutils does ("Instance #0 of Extended capability 000d not found - there are no capabilities
 * with that id.", exit 1).
 */
@CompileStatic
final class DemoSetpci {
    static final String REGISTER = 'ECAP_ACS+0x6.w'
    private final DemoKvmState state

    DemoSetpci(DemoKvmState state) { this.state = state }

    CommandResult run(String command, List<String> argv) {
        if (argv.size() != 4 || argv[1] != '-s' || !argv[3].startsWith(REGISTER)) {
            throw new TwinCannotAnswerException(command)
        }
        PciAddress a = DemoLspci.address(argv[2])
        if (!state.pci.any { DemoKvmState.Pci p -> p.address == a }) throw new TwinCannotAnswerException(command)
        DemoPcie port = state.pcie[a]
        if (port?.acsCap == null) {
            return new CommandResult(command, 1, '', "setpci: ${argv[2]}: Instance #0 of Extended capability 000d " +
                    'not found - there are no capabilities with that id.\n')
        }
        String rest = argv[3].substring(REGISTER.length())
        int now = port.acsCtl ?: 0
        if (rest.isEmpty()) return new CommandResult(command, 0, String.format('%04x\n', now), '')
        if (!(rest ==~ /=[0-9a-fA-F]{1,4}/)) throw new TwinCannotAnswerException(command)
        state.prep.acsBoot.putIfAbsent(a, now)
        // the control register's bits 7-15 are reserved (read as zero); bits the capability lacks stay zero
        port.acsCtl = Integer.parseInt(rest.substring(1), 16) & 0x7f & port.acsCap
        new CommandResult(command, 0, '', '')
    }
}
