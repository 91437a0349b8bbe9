package dev.passthru.runtime.hostprep

import dev.passthru.dsl.PciAddress
import dev.passthru.runtime.engine.RemoteCommandException
import dev.passthru.runtime.facts.CommandFact
import dev.passthru.runtime.facts.Fact
import dev.passthru.runtime.transport.CommandResult
import groovy.transform.CompileStatic

/** What host preparation reads: units enabled, ACS control words, mlxconfig's next-boot ATS, mlxconfig installed. */
@CompileStatic
final class PrepFacts {
    private PrepFacts() {}

    /** Whether systemd starts the unit at boot (a unit it does not know is not enabled). */
    static Fact<Boolean> enabled(String unit) {
        CommandFact.of(PrepCommands.isEnabled(unit), { CommandResult r ->
            if (r.exit == 0 || r.stdout.trim()) return PrepOutput.enabled(r.stdout)
            if (r.stderr.contains('No such file or directory')) return false
            throw new RemoteCommandException(r)
        } as CommandFact.Reads<Boolean>)
    }

    /** A bridge's ACS control word now, or null when it has no ACS capability. */
    static Fact<Integer> acsControl(PciAddress bridge) {
        CommandFact.of(PrepCommands.readAcs(bridge), { CommandResult r ->
            if (r.exit == 0) return (Integer) PrepOutput.setpciWord(r.stdout)
            if (r.stderr.contains(PrepOutput.NO_CAPABILITY)) return (Integer) null
            throw new RemoteCommandException(r)
        } as CommandFact.Reads<Integer>)
    }

    /** Whether the NIC's firmware has ATS on for the next boot (mlxconfig q ATS_ENABLED). */
    static Fact<Boolean> atsNextBoot(PciAddress nic) {
        CommandFact.output(PrepCommands.queryAts(nic),
                { String out -> PrepOutput.atsNextBoot(out) } as CommandFact.Parses<Boolean>)
    }

    /** The NIC's next-boot ATS_ENABLED as mlxconfig prints it (True(1) or False(0)). */
    static Fact<String> atsSetting(PciAddress nic) {
        CommandFact.output(PrepCommands.queryAts(nic),
                { String out -> PrepOutput.atsSetting(out) } as CommandFact.Parses<String>)
    }

    /** As {@link #atsSetting}, or null for a device mlxconfig cannot open (not an NVIDIA/Mellanox adapter). */
    static Fact<String> atsSettingIfAny(PciAddress nic) {
        CommandFact.of(PrepCommands.queryAts(nic), { CommandResult r ->
            r.exit == 0 ? PrepOutput.atsSetting(r.stdout) : (String) null
        } as CommandFact.Reads<String>)
    }

    /** Whether mlxconfig (NVIDIA MFT) is installed. */
    static final Fact<Boolean> MLXCONFIG = CommandFact.of(PrepCommands.MLXCONFIG_PROBE,
            { CommandResult r -> r.exit == 0 && r.stdout.trim() as boolean } as CommandFact.Reads<Boolean>).forTheRun()
}
