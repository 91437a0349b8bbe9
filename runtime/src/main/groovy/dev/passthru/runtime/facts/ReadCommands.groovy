package dev.passthru.runtime.facts

import dev.passthru.runtime.hostprep.PrepFacts
import dev.passthru.runtime.kvm.KvmFacts
import dev.passthru.runtime.pcie.PcieFacts
import dev.passthru.runtime.shell.CommandKind
import dev.passthru.runtime.xcpng.XcpngFacts
import groovy.transform.CompileStatic

import java.lang.reflect.Field
import java.lang.reflect.Modifier

/**
 * Whether a command only reads the host: one of passthru's own facts (some use shell syntax: a loop over tools, a
 * sysfs glob, dmesg piped to grep), or a command {@link CommandKind} knows to read. What the idempotence check of a
 * second run ("no write") and the fact cache go by.
 */
@CompileStatic
final class ReadCommands {
    /** The command lines of every fixed fact (those with parameters are plain programs CommandKind knows). */
    static final Set<String> FACTS = Collections.unmodifiableSet(facts().collect { Fact<?> f -> f.command() }.toSet())
    /** How long each fixed fact's command's answer holds. */
    private static final Map<String, Lifetime> LIFETIMES = Collections.unmodifiableMap(facts().collectEntries {
        Fact<?> f -> [(f.command()): f.lifetime()]
    } as Map<String, Lifetime>)

    private ReadCommands() {}

    /**
     * How long a read's answer holds: a fixed fact's lifetime, else until a write (what files and tools show may change
     * with any write).
     */
    static Lifetime lifetime(String command) { LIFETIMES[command] ?: Lifetime.UNTIL_WRITE }

    private static List<Fact<?>> facts() {
        [CommonFacts, KvmFacts, XcpngFacts, PcieFacts, PrepFacts].collectMany { Class<?> c ->
            c.declaredFields.findAll { Field f -> Modifier.isStatic(f.modifiers) && Fact.isAssignableFrom(f.type) }
                    .collect { Field f ->
                        f.accessible = true
                        (Fact<?>) f.get(null)
                    }
        }
    }

    /** READ for a fact's command or a command known to read; WRITE for anything else (standard input included). */
    static CommandKind of(String command, String stdin = null) {
        if (stdin != null) return CommandKind.WRITE
        command in FACTS ? CommandKind.READ : CommandKind.of(command)
    }
}
