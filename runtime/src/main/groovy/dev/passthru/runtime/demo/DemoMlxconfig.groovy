package dev.passthru.runtime.demo

import dev.passthru.dsl.PciAddress
import dev.passthru.runtime.transport.CommandResult
import groovy.transform.CompileStatic

/**
 * mlxconfig (NVIDIA MFT) on the KVM demo host, for ATS_ENABLED: {@code -d BDF q ATS_ENABLED} prints the device block
 * and the parameter's next-boot value, {@code -d BDF -y set ATS_ENABLED=true|false} sets it for the next boot and
 * asks for a reboot (layout of NVIDIA's "Examples of mlxconfig Usage", MFT documentation v4.28).
 */
@CompileStatic
final class DemoMlxconfig {
    /** The set forms passthru sends (mlxconfig also takes 1/0 and True/False; passthru does not send them). */
    private static final Map<String, Boolean> SET = ['ATS_ENABLED=true': true, 'ATS_ENABLED=false': false]

    private final DemoKvmState state

    DemoMlxconfig(DemoKvmState state) { this.state = state }

    CommandResult run(String command, List<String> argv) {
        if (argv.size() < 4 || argv[1] != '-d') throw new TwinCannotAnswerException(command)
        PciAddress a = DemoLspci.address(argv[2])
        DemoMlxNic nic = state.prep.nic(a, state)
        if (nic == null) {
            return new CommandResult(command, 1, '', "-E- Failed to open device: ${argv[2]}. No such file or " +
                    'directory\n')
        }
        List<String> rest = argv.drop(3)
        if (rest == ['q', 'ATS_ENABLED']) {
            return new CommandResult(command, 0, device(argv[2], nic) + row('Next Boot', '') +
                    row(value(nic.atsNextBoot), '', true), '')
        }
        if (rest.size() == 3 && rest[0..1] == ['-y', 'set'] && SET.containsKey(rest[2])) {
            boolean on = SET[rest[2]]
            String out = device(argv[2], nic) + row('Next Boot', 'New') +
                    row(value(nic.atsNextBoot), value(on), true) +
                    '\n Apply new Configuration? (y/n) [n] : y\nApplying... Done!\n' +
                    '-I- Please reboot machine to load new configurations.\n'
            nic.atsNextBoot = on
            return new CommandResult(command, 0, out, '')
        }
        throw new TwinCannotAnswerException(command)
    }

    private static String device(String bdf, DemoMlxNic nic) {
        "\nDevice #1:\n----------\n\n${field('Device type:', nic.type)}${field('Name:', nic.name)}" +
                "${field('Description:', nic.description)}${field('Device:', bdf)}\n"
    }

    private static String field(String name, String v) { String.format('%-20s%s\n', name, v) }

    /** The Configurations header (param false) or the ATS_ENABLED row. */
    private static String row(String first, String second, boolean param = false) {
        String left = param ? String.format('        %-44s', 'ATS_ENABLED') : String.format('%-52s', 'Configurations:')
        (left + String.format('%-16s%s', first, second)).replaceAll(/\s+$/, '') + '\n'
    }

    private static String value(boolean on) { on ? 'True(1)' : 'False(0)' }
}
