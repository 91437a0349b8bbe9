package dev.passthru.runtime.kvm

import dev.passthru.runtime.operation.Action
import groovy.transform.CompileStatic

/** How a host's kernel command line is configured for the next boot. */
@CompileStatic
interface BootLoader {
    /** For messages: the file or tool, e.g. {@code /etc/default/grub + update-grub}. */
    String describe()

    /** The command line configured for the next boot. */
    List<String> cmdline()

    /** The actions that make the change (see {@link KernelArgs}) and regenerate the boot configuration. */
    List<Action> change(List<String> add, List<String> remove)

    /**
     * Why the boot configuration is older than the command line configured (an earlier run cut off in between), or
     * null.
     */
    String stale()
}
