package dev.passthru.dsl

import groovy.transform.CompileStatic

/**
 * The {@code xen { }} block (Xen and XCP-ng hosts): Xen's own boot options and dom0's kernel arguments to set or
 * delete. The whole block is one step; it takes effect after a reboot.
 */
@CompileStatic
class XenContext extends Block {
    /** dom0's option that {@code hide} and {@code unhide} own. */
    static final String HIDE_KEY = 'xen-pciback.hide'

    final List<String> xenAdd = []
    final List<String> xenRemove = []
    final List<String> dom0Add = []
    final List<String> dom0Remove = []

    XenContext(Locator locator, PrintStream printed) { super(locator, printed) }

    /** Sets Xen boot options, e.g. {@code arg 'extra_guest_irqs=128'}; a key already there gets the new value. */
    void arg(String... tokens) { xenAdd.addAll(checked('arg', tokens, false)) }

    /** Deletes Xen boot options by key, e.g. {@code remove 'iommu'}, whatever their value. */
    void remove(String... tokens) { xenRemove.addAll(checked('remove', tokens, true)) }

    /** Sets dom0 kernel arguments, e.g. {@code dom0Arg 'pci=nomsi'}; a key already there gets the new value. */
    void dom0Arg(String... tokens) { dom0Add.addAll(checked('dom0Arg', tokens, false)) }

    /** Deletes dom0 kernel arguments by key, e.g. {@code removeDom0 'pci'}, whatever their value. */
    void removeDom0(String... tokens) { dom0Remove.addAll(checked('removeDom0', tokens, true)) }

    private List<String> checked(String method, String[] tokens, boolean keyOnly) {
        if (!tokens) throw locator.error("${method}: names no boot option")
        boolean dom0 = method.toLowerCase().contains('dom0')
        (tokens as List<String>).collect { String t ->
            if (dom0 && t != null && (t == HIDE_KEY || t.startsWith(HIDE_KEY + '='))) {
                throw locator.error("${method}: ${HIDE_KEY} is set by hide and unhide, which keep the devices " +
                        'already hidden; use those')
            }
            if (t == null || !KernelContext.TOKEN.matcher(t).matches() || (keyOnly && t.contains('='))) {
                String shape = keyOnly ? 'a key' : 'key or key=value'
                throw locator.error("${method}: '${t}' is not a boot option passthru writes (${shape}; " +
                        'letters, digits and _ . - , : / + @ only; no spaces or quotes)')
            }
            t
        }
    }
}
