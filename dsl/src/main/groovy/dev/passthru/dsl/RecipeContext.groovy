package dev.passthru.dsl

import groovy.transform.CompileStatic
import groovy.transform.NamedParam

/** The {@code recipe('name') { }} block: devices, host-level steps and VM blocks, in order. */
@CompileStatic
class RecipeContext extends Block {
    private final Aliases aliases
    final List<Step> steps = []
    String description = ''
    /** The flavour the recipe asks for; null means detect it from the host. */
    FlavourName flavour

    RecipeContext(Locator locator, Aliases aliases = new Aliases(), PrintStream printed = System.out) {
        super(locator, printed)
        this.aliases = aliases
    }

    /** A one-line description of what this recipe is for. */
    void description(String text) { this.description = text }

    /**
     * Which kind of host this recipe is for, {@code 'xcpng'} or {@code 'kvm'}, instead of detecting it (the command
     * line's --flavour wins).
     */
    void flavour(String name) {
        try {
            this.flavour = FlavourName.of(name)
        } catch (IllegalArgumentException e) {
            throw locator.error("flavour: ${e.message}")
        }
    }

    /** A PCI device by address: {@code 0000:04:01.0}, or {@code 04:01.0} for domain 0000. */
    Device pci(String bdf) { DeviceArgs.pci(locator, bdf) }

    /**
     * Devices found on the host by ids or class, exactly {@code count:} of them (default 1, or 'all'): {@code pci
     * vendor: '10de', device: '1c81'}.
     */
    Device pci(@NamedParam(value = 'vendor', type = String) @NamedParam(value = 'device', type = String)
               @NamedParam(value = 'class', type = String) @NamedParam(value = 'count', type = Object)
               @NamedParam(value = 'alias', type = String) @NamedParam(value = 'node', type = Integer)
               Map<String, Object> spec) {
        DeviceArgs.select(locator, aliases, spec)
    }

    /** Every GPU on the host (class 0300, 0302 or 0380), at least one; {@code gpus(count: 2)} wants exactly two. */
    Device gpus(@NamedParam(value = 'count', type = Object) @NamedParam(value = 'vendor', type = String)
                @NamedParam(value = 'node', type = Integer) Map<String, Object> options = [:]) {
        Set<String> unknown = options.keySet() - ['count', 'vendor', 'node']
        if (unknown) {
            throw locator.error("gpus: unknown option ${unknown.join(', ')} (only count:, vendor: and node:)")
        }
        DeviceArgs.node(locator, 'gpus', options)
        DeviceArgs.select(locator, aliases, [class: (Object) 'gpu',
                count: options.containsKey('count') ? options.count : 'all'] +
                (options.vendor ? [vendor: options.vendor] : [:]) +
                (options.containsKey('node') ? [node: options.node] : [:]))
    }

    /**
     * For each device given, the NIC nearest it: behind the same PCIe switch, else below the same root port, else on
     * the same NUMA node ({@code nearestNic(gpus())}: one NIC per GPU); read at preflight from the host's PCIe tree.
     */
    Device nearestNic(Object... devices) {
        new Device(new Selector.Nearest(DeviceArgs.of(locator, 'nearestNic', devices),
                new Selector.ById(null, null, 'nic', null), 'nearestNic'), locator.here())
    }

    /**
     * Names a device selector once, for {@code pci(alias: 'name')}: {@code alias 'gtx1050', vendor: '10de', device:
     * '1c81'}.
     */
    void alias(@NamedParam(value = 'vendor', type = String) @NamedParam(value = 'device', type = String)
               @NamedParam(value = 'class', type = String) Map<String, Object> spec, String name) {
        aliases.define(locator, name, spec)
    }

    /** The host CPUs of a device's NUMA node, read at preflight: {@code pinVcpus numaNodeOf(gpu)}. */
    NumaNodeOf numaNodeOf(Object... devices) { new NumaNodeOf(DeviceArgs.of(locator, 'numaNodeOf', devices)) }

    /** Hides devices from the host so VMs can own them (takes effect after a reboot). */
    void hide(Object... devices) { steps << new HideStep(DeviceArgs.of(locator, 'hide', devices), locator.here()) }

    /** Gives hidden devices back to the host (takes effect after a reboot). */
    void unhide(Object... devices) {
        steps << new UnhideStep(DeviceArgs.of(locator, 'unhide', devices), locator.here())
    }

    /**
     * Installs a supplemental pack ISO (its path on the host) unless installed: {@code supplementalPack
     * '/tmp/mxgpu-2.0.0.amd.iso'}; it takes effect after a reboot.
     */
    void supplementalPack(String iso) { supplementalPack([:], iso) }

    /** As above, with {@code label:} the pack's name as XAPI lists it (default: the file name before its version). */
    void supplementalPack(@NamedParam(value = 'label', type = String) Map options, String iso) {
        steps << PackArgs.pack(locator, options, iso)
    }

    /** Reboots the host if an earlier step left a change that needs it, and waits for it to come back. */
    void reboot() { steps << new RebootStep(locator.here()) }

    /** One cpupool per NUMA node now (Xen: xl cpupool-numa-split); runtime only, gone at the host's next boot. */
    void numaSplit() { steps << new NumaSplitStep(locator.here()) }

    /** Kernel command-line arguments to add or remove (KVM hosts); one change, effective after a reboot. */
    void kernel(@DelegatesTo(value = KernelContext, strategy = Closure.DELEGATE_FIRST) Closure body) {
        KernelContext k = new KernelContext(locator, printed())
        run(body, k)
        if (k.add.isEmpty() && k.remove.isEmpty()) throw locator.error('kernel: the block adds and removes nothing')
        steps << new KernelArgsStep(k.add, k.remove, locator.here())
    }

    /**
     * Reserves huge pages on one NUMA node at every boot and now (KVM: a boot-time unit): {@code hugepages 6200, node:
     * 0}, with {@code size: '1G'} for 1G pages (default 2M).
     */
    void hugepages(@NamedParam(value = 'node', type = Integer) @NamedParam(value = 'size', type = String) Map options,
                   long count) {
        if (count <= 0) {
            throw locator.error("hugepages: count ${count} must be positive (noHugepages node: N gives a node's back)")
        }
        steps << HostPrepArgs.hugepages(locator, 'hugepages', options, count)
    }

    /** Gives a node's boot-time huge pages back (what {@code hugepages N, node:} set): {@code noHugepages node: 0}. */
    void noHugepages(@NamedParam(value = 'node', type = Integer) @NamedParam(value = 'size', type = String)
                     Map options) {
        steps << HostPrepArgs.hugepages(locator, 'noHugepages', options, null)
    }

    /** Sets ACS control on the bridges above devices at every boot: {@code acs { paths gpus(); control 0x005d }}. */
    void acs(@DelegatesTo(value = AcsContext, strategy = Closure.DELEGATE_FIRST) Closure body) {
        AcsContext a = new AcsContext(locator, printed())
        run(body, a)
        if (a.devices.isEmpty()) throw locator.error('acs: the block names no device (paths gpus(), ...)')
        steps << new AcsStep(a.devices, a.control, locator.here())
    }

    /** Gives the bridges acs { } changed their old ACS control values back, and stops setting them at boot. */
    void noAcs() { steps << new NoAcsStep(locator.here()) }

    /** Checks that ATS is on for NICs (lspci ATSCtl: Enable+), saying the mlxconfig fix when it is not. */
    void ats(Object... nics) { ats([:], nics) }

    /** As above; {@code enable: true} turns it on with mlxconfig (after a host reboot): {@code ats n, enable: true}. */
    void ats(@NamedParam(value = 'enable', type = Boolean) Map options, Object... nics) {
        steps << HostPrepArgs.ats(locator, options, DeviceArgs.of(locator, 'ats', nics))
    }

    /** Gives NICs the firmware ATS setting {@code ats ..., enable: true} replaced (host reboot): {@code noAts nics}. */
    void noAts(Object... nics) { noAts([:], nics) }

    /** As above; noAts takes no options (this form only says so). */
    void noAts(Map options, Object... nics) {
        steps << HostPrepArgs.noAts(locator, options, DeviceArgs.of(locator, 'noAts', nics))
    }

    /** Xen's own boot options and dom0's kernel arguments (Xen and XCP-ng hosts); one change, after a reboot. */
    void xen(@DelegatesTo(value = XenContext, strategy = Closure.DELEGATE_FIRST) Closure body) {
        XenContext x = new XenContext(locator, printed())
        run(body, x)
        if ([x.xenAdd, x.xenRemove, x.dom0Add, x.dom0Remove].every { List<String> l -> l.isEmpty() }) {
            throw locator.error('xen: the block sets and deletes nothing')
        }
        steps << new XenArgsStep(x.xenAdd, x.xenRemove, x.dom0Add, x.dom0Remove, locator.here())
    }

    /**
     * USB devices the host's passthrough policy allows (XCP-ng's usb-policy.conf, which denies keyboards and mice by
     * default): {@code usbPolicy { allow vendor: '046d', product: 'c31c' }}.
     */
    void usbPolicy(@DelegatesTo(value = UsbPolicyContext, strategy = Closure.DELEGATE_FIRST) Closure body) {
        UsbPolicyContext u = new UsbPolicyContext(locator, printed())
        run(body, u)
        if (u.allow.isEmpty()) throw locator.error('usbPolicy: the block allows nothing')
        steps << new UsbPolicyStep(u.allow, locator.here())
    }

    /** Checks on the host that change nothing. */
    void verify(@DelegatesTo(value = VerifyContext, strategy = Closure.DELEGATE_FIRST) Closure body) {
        run(body, new VerifyContext(locator, printed(), steps))
    }

    /** Steps for one VM, found on the host by its name label. */
    void vm(String name, @DelegatesTo(value = VmContext, strategy = Closure.DELEGATE_FIRST) Closure body) {
        if (name == null || name.isEmpty()) throw locator.error('vm: the VM name is empty')
        run(body, new VmContext(locator, printed(), name, steps))
    }

    private static void run(Closure body, Object delegate) {
        Closure c = (Closure) body.clone()
        c.resolveStrategy = Closure.DELEGATE_FIRST
        c.delegate = delegate
        c.call()
    }
}
