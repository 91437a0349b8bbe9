package dev.passthru.runtime.detect

import dev.passthru.dsl.Recipe
import dev.passthru.dsl.SourceLocation
import dev.passthru.dsl.Step
import dev.passthru.runtime.engine.Flavour
import dev.passthru.runtime.engine.HostShell
import dev.passthru.runtime.engine.Finding
import dev.passthru.runtime.engine.Preflight
import dev.passthru.runtime.engine.Rebooter
import dev.passthru.runtime.engine.StepHandler
import dev.passthru.runtime.kvm.KvmFlavour
import dev.passthru.runtime.kvm.KvmOutput
import dev.passthru.runtime.transport.CommandResult
import dev.passthru.runtime.transport.Transport
import dev.passthru.runtime.xcpng.XcpngFlavour
import groovy.transform.CompileStatic

import static dev.passthru.runtime.shell.ShellQuote.command

/**
 * The flavour of a host, decided at preflight (so a host that cannot be read fails there, with the
 * rest of preflight): the command line's --flavour, else the recipe's {@code flavour}, else detected
 * from /etc/os-release and the tools present. Until then it knows nothing; afterwards it is the flavour.
 */
@CompileStatic
class DetectedFlavour implements Flavour {
    static final List<String> TOOLS = ['xe', 'xl', 'virsh', 'update-grub', 'grubby', 'proxmox-boot-tool',
            'update-initramfs', 'dracut']
    static final String OS_RELEASE = command('cat', '/etc/os-release')
    /**
     * The path of each tool found. POSIX {@code command -v} takes one name (busybox ash stops at the
     * first missing one), so one call per tool; the exit status is not used.
     */
    static final String PROBE = "for t in ${TOOLS.join(' ')}; do command -v \$t; done".toString()

    private final Transport transport
    private final String override
    private final Rebooter.Pause pause
    private final Chosen listener
    private Flavour chosen
    /** How the flavour was chosen, for the report. */
    String reason

    /** Hears which flavour was chosen and why. */
    static interface Chosen { void chosen(String flavour, String reason) }

    DetectedFlavour(Transport transport, String override, Rebooter.Pause pause, Chosen listener = null) {
        this.transport = transport
        this.override = override
        this.pause = pause
        this.listener = listener
    }

    String name() { chosen?.name() ?: override }

    Preflight preflight(Recipe recipe) {
        String undecided = choose(recipe.flavour)
        if (undecided) {
            return new Preflight(recipe, [new Finding(null, undecided, new SourceLocation(recipe.source, 0))])
        }
        chosen.preflight(recipe)
    }

    /** Decides the flavour (--flavour, else {@code recipeFlavour}, else detected); a message when it cannot. */
    String choose(String recipeFlavour) {
        String wanted = override ?: recipeFlavour
        if (wanted == XcpngFlavour.NAME) {
            chosen = new XcpngFlavour(transport)
            reason = override ? 'from --flavour' : 'named in the recipe'
        } else {
            CommandResult os = transport.run(OS_RELEASE)
            Map<String, String> release = os.exit == 0 ? KvmOutput.osRelease(os.stdout) : [:] as Map<String, String>
            Set<String> tools = KvmOutput.commandsFound(new HostShell(transport).run(PROBE).stdout)
            String detected = HostKind.decide(release, tools)
            String kind = wanted ?: detected
            if (kind == null) {
                return ("cannot tell which kind of host this is (${HostKind.describe(release, tools)}): " +
                        "it has neither XCP-ng's xe and xl nor libvirt's virsh; " +
                        'give --flavour xcpng or --flavour kvm if it is one').toString()
            }
            chosen = kind == KvmFlavour.NAME ? new KvmFlavour(transport, tools, pause) : new XcpngFlavour(transport)
            reason = wanted ? ("${override ? 'from --flavour' : 'named in the recipe'}" +
                    "${detected && detected != wanted ? "; the host looks like ${detected}" : ''}").toString()
                    : "detected: ${HostKind.describe(release, tools)}".toString()
        }
        listener?.chosen(chosen.name(), reason)
        null
    }

    Map<String, Object> facts() {
        Map<String, Object> f = new LinkedHashMap<String, Object>()
        f.flavour = flavour().name()
        f.chosen = reason
        f.putAll(flavour().facts())
        f
    }

    StepHandler handler(Step step) { flavour().handler(step) }

    String bootIdCommand() { flavour().bootIdCommand() }

    String rebootCommand() { flavour().rebootCommand() }

    private Flavour flavour() {
        if (chosen == null) throw new IllegalStateException('the flavour is decided at preflight, which has not run')
        chosen
    }
}
