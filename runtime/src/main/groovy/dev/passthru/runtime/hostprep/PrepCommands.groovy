package dev.passthru.runtime.hostprep

import dev.passthru.dsl.PciAddress
import groovy.transform.CompileStatic

import static dev.passthru.runtime.shell.ShellQuote.command

/** The commands host preparation sends: systemctl for the boot-time units, setpci for ACS, mlxconfig for ATS. */
@CompileStatic
final class PrepCommands {
    /** The ACS control register: offset 6 of the ACS extended capability, a word (setpci's ECAP_ACS name). */
    static final String ACS_CONTROL = 'ECAP_ACS+0x6.w'

    private PrepCommands() {}

    static String daemonReload() { command('systemctl', 'daemon-reload') }

    static String enable(String unit) { command('systemctl', 'enable', unit) }

    static String disable(String unit) { command('systemctl', 'disable', unit) }

    /** Runs the oneshot unit's commands now (restart: also when it ran before). */
    static String restart(String unit) { command('systemctl', 'restart', unit) }

    /** {@code enabled} (exit 0) or {@code disabled} (exit 1); a unit systemd does not know fails on standard error. */
    static String isEnabled(String unit) { command('systemctl', 'is-enabled', unit) }

    /** Reads a bridge's ACS control register (setpci prints it as four hex digits). */
    static String readAcs(PciAddress bridge) { command('setpci', '-s', bridge.toString(), ACS_CONTROL) }

    /** Writes a bridge's ACS control register: the form apply runs and the ACS unit's ExecStart lines hold. */
    static String writeAcs(PciAddress bridge, int value) {
        command('setpci', '-s', bridge.toString(), "${ACS_CONTROL}=${hex(value)}".toString())
    }

    /** setpci's absolute path, for the unit's ExecStart (systemd wants one; pciutils installs it in /usr/bin). */
    static String unitWriteAcs(PciAddress bridge, int value) { "/usr/bin/${writeAcs(bridge, value)}".toString() }

    /** Writes a node's huge page count now (the value on standard input). */
    static String writeSysfs(String path) { command('tee', path) }

    /** The hugepages unit's ExecStart: a shell, for the redirection into sysfs. */
    static String unitWriteSysfs(String path, long value) {
        command('/bin/sh', '-c', "echo ${value} > ${path}".toString())
    }

    /** mlxconfig's query of one parameter (prints its next-boot value). */
    static String queryAts(PciAddress nic) { command('mlxconfig', '-d', nic.toString(), 'q', 'ATS_ENABLED') }

    /** Turns ATS on in the NIC's firmware for the next boot, without asking (-y). */
    static String enableAts(PciAddress nic) { setAts(nic, true) }

    /** Sets the NIC's firmware ATS for the next boot, without asking (-y): ATS_ENABLED=true or false. */
    static String setAts(PciAddress nic, boolean on) {
        command('mlxconfig', '-d', nic.toString(), '-y', 'set', "ATS_ENABLED=${on}".toString())
    }

    /** Makes passthru's state directory on the host (and its parents) when it is not there. */
    static String makeDir(String path) { command('mkdir', '-p', path) }

    /** Whether mlxconfig is installed (the form the tool probe uses). */
    static final String MLXCONFIG_PROBE = 'for t in mlxconfig; do command -v $t; done'

    /** Four hex digits, as setpci reads and writes a word. */
    static String hex(int value) { String.format('%04x', value) }
}
