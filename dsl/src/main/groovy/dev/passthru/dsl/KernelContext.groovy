package dev.passthru.dsl

import groovy.transform.CompileStatic
import groovy.transform.NamedParam

import java.util.regex.Pattern

/**
 * The {@code kernel { }} block (KVM hosts): kernel command-line arguments to add or remove. The whole
 * block is one step, written to the boot loader in one change; it takes effect after a reboot.
 */
@CompileStatic
class KernelContext extends Block {
    /** What passthru writes into boot configuration: no spaces, quotes, $, backslashes or backticks. */
    static final Pattern TOKEN = ~/[A-Za-z0-9_][A-Za-z0-9_.\-]*(=[A-Za-z0-9_.,:\/+@\-]+)?/
    static final String UNSAFE_INTERRUPTS = 'vfio_iommu_type1.allow_unsafe_interrupts=1'
    /** The most memory an x86-64 host can address (52-bit physical addresses, 4 PiB). */
    static final long MAX_MEMORY = 1L << 52

    final List<KernelArg> add = []
    final List<String> remove = []

    KernelContext(Locator locator, PrintStream printed) { super(locator, printed) }

    /** Turns the IOMMU on: intel_iommu=on or amd_iommu=on (from the host's CPU vendor), plus iommu=pt. */
    void iommu() {
        add << KernelArg.VENDOR_IOMMU
        put('iommu', ['iommu=pt'])
    }

    /**
     * Adds kernel arguments as given, e.g. {@code arg 'modprobe.blacklist=nouveau'}; a key already there gets the new
     * value (list values are merged).
     */
    void arg(String... tokens) {
        if (!tokens) throw locator.error('arg: names no kernel argument')
        put('arg', tokens as List<String>)
    }

    /** Reserves hugepages at boot: {@code hugepages 8, size: '1G'} (sizes 2M or 1G; the size becomes the default). */
    void hugepages(@NamedParam(value = 'size', type = String) Map options = [:], long count) {
        Set<String> unknown = options.keySet().collect { it.toString() }.toSet() - ['size']
        if (unknown) throw locator.error("hugepages: unknown option ${unknown.join(', ')} (only size: '2M' or '1G')")
        String size = (options.size ?: '2M').toString()
        if (!(size in ['2M', '1G'])) throw locator.error("hugepages: size '${size}' is not 2M or 1G")
        if (count <= 0) throw locator.error("hugepages: count ${count} must be positive")
        long most = MAX_MEMORY.intdiv(size == '1G' ? 1L << 30 : 1L << 21) as long
        if (count > most) {
            throw locator.error("hugepages: ${count} pages of ${size} is more memory than a host can have (x86-64 " +
                    "addresses 4 PiB: at most ${most} pages of ${size})")
        }
        put('hugepages', ["default_hugepagesz=${size}".toString(), "hugepagesz=${size}".toString(),
                "hugepages=${count}".toString()])
    }

    /**
     * Adds vfio_iommu_type1.allow_unsafe_interrupts=1, for platforms without interrupt remapping.
     * This weakens isolation between VMs (a device can raise interrupts a VM does not own); use only when you must.
     */
    void allowUnsafeInterrupts() { put('allowUnsafeInterrupts', [UNSAFE_INTERRUPTS]) }

    /**
     * Removes kernel arguments: a key ({@code 'hugepages'}) drops it whatever its value; {@code key=value} drops just
     * that value.
     */
    void remove(String... tokens) {
        if (!tokens) throw locator.error('remove: names no kernel argument')
        (tokens as List<String>).each { String t -> remove << check('remove', t) }
    }

    /** Removes what {@link #iommu} adds (intel_iommu, amd_iommu and iommu, whatever their values). */
    void removeIommu() { remove.addAll(['intel_iommu', 'amd_iommu', 'iommu']) }

    /** Removes what {@link #hugepages} adds (default_hugepagesz, hugepagesz, hugepages). */
    void removeHugepages() { remove.addAll(['default_hugepagesz', 'hugepagesz', 'hugepages']) }

    private void put(String method, List<String> tokens) {
        tokens.each { String t -> add << KernelArg.of(check(method, t)) }
    }

    private String check(String method, String t) {
        if (t == null || !TOKEN.matcher(t).matches()) {
            throw locator.error("${method}: '${t}' is not a kernel argument passthru writes (key or key=value; " +
                    "letters, digits and _ . - , : / + @ only; no spaces or quotes)")
        }
        t
    }
}
