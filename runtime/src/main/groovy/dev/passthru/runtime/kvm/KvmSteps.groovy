package dev.passthru.runtime.kvm

import dev.passthru.runtime.pci.PciFunction

import dev.passthru.dsl.CpuSet
import dev.passthru.dsl.Device
import dev.passthru.dsl.KernelArgsStep
import dev.passthru.dsl.KernelContext
import dev.passthru.dsl.PciAddress
import dev.passthru.runtime.engine.Check
import dev.passthru.runtime.engine.Rebooter
import dev.passthru.runtime.engine.StepFailedException
import dev.passthru.runtime.engine.StepHandler
import groovy.transform.CompileStatic

// How each recipe step is checked and applied on a KVM host with libvirt. One small handler per step
// kind; a handler keeps what its last check read, so apply writes exactly what the check showed.

/** kernel { }: add and remove command-line tokens through the host's boot loader; effective after a reboot. */
@CompileStatic
class KernelArgsHandler implements StepHandler {
    static final String UNSAFE_WARNING = "WARNING: ${KernelContext.UNSAFE_INTERRUPTS} weakens isolation between VMs: a passed-through device can raise interrupts that no VM owns (use it only on platforms without interrupt remapping)"
    private final KvmHost host
    private final KernelArgsStep step
    private List<String> add

    KernelArgsHandler(KvmHost host, KernelArgsStep step) { this.host = host; this.step = step }

    Check check() {
        if (add == null) {
            add = step.add.contains(KernelArgsStep.VENDOR_IOMMU) ? step.add.collect { it == KernelArgsStep.VENDOR_IOMMU ? "${host.cpuVendor()}_iommu=on".toString() : it } : step.add
        }
        String warning = add.contains(KernelContext.UNSAFE_INTERRUPTS) ? UNSAFE_WARNING : null
        BootLoader loader = host.bootLoader()
        List<String> configured = loader.cmdline()
        if (!KernelArgs.satisfied(configured, add, step.remove)) {
            String note = "takes effect after a reboot (${loader.describe()})" + (warning ? "; ${warning}" : '')
            return Check.change(KernelArgs.diff(configured, KernelArgs.apply(configured, add, step.remove)), note).needingReboot()
        }
        String stale = loader.stale()
        if (stale) return Check.change(["~ ${stale}".toString()], 'takes effect after a reboot').needingReboot()
        List<String> running = host.runningCmdline()
        if (!KernelArgs.satisfied(running, add, step.remove)) {
            return Check.pendingReboot("configured in ${loader.describe()}, but /proc/cmdline differs until a reboot: ${KernelArgs.diff(running, KernelArgs.apply(running, add, step.remove)).join(' ')}")
        }
        Check.ok(warning)
    }

    void apply(Check before) { host.bootLoader().change(add, step.remove) }
}

/**
 * hide / unhide: the devices' vendor:device ids in vfio-pci.ids on the kernel command line, plus (when
 * vfio-pci is a module) a modprobe.d softdep so vfio-pci loads before their native drivers, and the
 * initramfs rebuilt to carry it. Effective after a reboot; then the driver in use is vfio-pci (or not).
 */
@CompileStatic
class VfioHandler implements StepHandler {
    private final KvmHost host
    private final List<PciAddress> devices
    private final boolean hide
    private List<String> add
    private List<String> remove
    private boolean cmdlineDiffers
    private String softdepNow
    private String softdepWanted
    private boolean loaderStale
    private boolean initramfsStale

    VfioHandler(KvmHost host, List<Device> devices, boolean hide) { this.host = host; this.devices = devices*.address; this.hide = hide }

    Check check() {
        List<PciFunction> fns = host.functions()
        List<PciFunction> mine = devices.collect { PciAddress a ->
            PciFunction f = fns.find { it.address == a }
            if (f == null) throw new StepFailedException("device ${a} is not on this host (lspci -nnk -D does not list it)")
            f
        }
        List<String> ids = mine*.ids().unique()
        add = hide ? ["vfio-pci.ids=${ids.join(',')}".toString()] : []
        remove = hide ? [] : ids.collect { "vfio-pci.ids=${it}".toString() }
        BootLoader loader = host.bootLoader()
        List<String> configured = loader.cmdline()
        List<String> target = KernelArgs.apply(configured, add, remove)
        cmdlineDiffers = target != configured
        List<String> diff = KernelArgs.diff(configured, target)
        softdepNow = softdepWanted = null
        if (!host.vfioBuiltin()) {
            List<String> finalIds = target.findAll { KernelArgs.key(it) == 'vfio-pci.ids' }.collectMany { (KernelArgs.value(it) ?: '').split(',') as List<String> }
            softdepNow = host.readOptional(KvmCommands.SOFTDEP_FILE) ?: ''
            softdepWanted = VfioSoftdep.text(finalIds, fns)
            if (softdepWanted == null) softdepWanted = softdepNow   // lspci does not say which modules drive a device bound to vfio-pci: keep the file
            if (softdepNow != softdepWanted) {
                List<String> was = softdepNow.readLines().findAll { it.startsWith('softdep') }
                List<String> will = softdepWanted.readLines().findAll { it.startsWith('softdep') }
                (was - will).each { diff << "- ${KvmCommands.SOFTDEP_FILE}: ${it}".toString() }
                (will - was).each { diff << "+ ${KvmCommands.SOFTDEP_FILE}: ${it}".toString() }
                if (diff.isEmpty()) diff << "~ ${KvmCommands.SOFTDEP_FILE}: rewritten".toString()
            }
        }
        String stale = loader.stale()
        loaderStale = stale != null
        if (stale) diff << "~ ${stale}".toString()
        String image = hide && softdepWanted && softdepNow == softdepWanted ? host.initramfsStale() : null
        initramfsStale = image != null
        if (image) diff << "~ ${image}".toString()
        if (diff) return Check.change(diff, "takes effect after a reboot (${loader.describe()})").needingReboot()
        List<PciFunction> notYet = mine.findAll { PciFunction f -> (f.driver == 'vfio-pci') != hide }
        if (notYet) {
            String now = notYet.collect { "${it.address} ${it.driver ?: 'no driver'}" }.join(', ')
            return Check.pendingReboot(hide ? "configured for vfio-pci; bound to it after a reboot (now: ${now})" : "no longer configured for vfio-pci; back with its own driver after a reboot (now: ${now})")
        }
        Check.ok()
    }

    void apply(Check before) {
        if (cmdlineDiffers || loaderStale) host.bootLoader().change(add, remove)
        if (softdepWanted != null && (softdepNow != softdepWanted || initramfsStale)) {
            if (softdepNow != softdepWanted) {
                if (softdepWanted) host.writeFile(KvmCommands.SOFTDEP_FILE, softdepWanted, !softdepNow.isEmpty()) else host.removeFile(KvmCommands.SOFTDEP_FILE)
            }
            host.regenerateInitramfs()
        }
    }
}

/**
 * verify assignable: the IOMMU is on, every device is bound to vfio-pci, and each device's IOMMU group is
 * viable: every other member is bound to vfio-pci, has no driver, or is a bridge. Verifies only.
 */
@CompileStatic
class VfioAssignableHandler implements StepHandler {
    private final KvmHost host
    private final List<PciAddress> devices
    private List<String> problems = []

    VfioAssignableHandler(KvmHost host, List<Device> devices) { this.host = host; this.devices = devices*.address }

    Check check() {
        problems = []
        Map<PciAddress, Integer> groups = host.iommuGroups()
        List<String> messages = host.iommuMessages()
        if (groups.isEmpty()) {
            problems << "IOMMU is off: /sys/kernel/iommu_groups is empty${messages ? '' : " and the kernel logged no 'DMAR: IOMMU enabled' or 'AMD-Vi:'"}; enable VT-d / AMD-Vi in the firmware setup and put iommu() in the recipe's kernel { } block".toString()
            return Check.change(problems.collect { "- ${it}".toString() })
        }
        List<PciFunction> fns = host.functions()
        devices.each { PciAddress a ->
            PciFunction f = fns.find { it.address == a }
            if (f == null) { problems << "${a} is not on this host (lspci -nnk -D)".toString(); return }
            if (f.driver != 'vfio-pci') problems << "${a} is bound to ${f.driver ?: 'no driver'}, not vfio-pci".toString()
            String g = IommuGroups.notViable(a, groups, fns, devices)
            if (g) problems << g
        }
        if (problems) return Check.change(problems.collect { "- ${it}".toString() })
        String evidence = messages ? "kernel: ${messages.first().replaceFirst(/^\[[ 0-9.]+\] /, '').trim()}" : 'IOMMU groups present'
        Check.ok("${evidence}; groups ${devices.collect { groups[it] }.unique().join(', ')} viable".toString())
    }

    void apply(Check before) { throw new StepFailedException("not assignable: ${problems.join('; ')}") }
}

/** Pure: whether a device's IOMMU group lets it go to a VM. */
@CompileStatic
final class IommuGroups {
    private IommuGroups() {}

    /**
     * Null when the group of {@code a} is viable with {@code hidden} given to vfio-pci; otherwise a message
     * naming the members that keep it from being so.
     */
    static String notViable(PciAddress a, Map<PciAddress, Integer> groups, List<PciFunction> fns, Collection<PciAddress> hidden) {
        Integer g = groups[a]
        if (g == null) return "${a} is in no IOMMU group (/sys/kernel/iommu_groups does not list it)".toString()
        List<PciFunction> blocking = others(a, groups, fns, hidden).findAll { PciFunction f -> !(f.driver in [null, 'vfio-pci', 'pci-stub']) }
        blocking ? "IOMMU group ${g} of ${a} is not viable: it also holds ${blocking*.shortText().join('; ')}; hide ${blocking.size() == 1 ? 'it' : 'them'} too, or move the card to a slot with its own group".toString() : null
    }

    /**
     * Stricter, for preflight: null when every other member of the group of {@code a} is a bridge, is
     * hidden by the recipe, or is bound to vfio-pci already; otherwise a message naming the others. A
     * member with no driver does not stop vfio today, but any driver that binds it later (a module
     * loaded at the next boot) makes the VM fail to start, so sharing is refused before any change.
     */
    static String notIsolated(PciAddress a, Map<PciAddress, Integer> groups, List<PciFunction> fns, Collection<PciAddress> hidden) {
        Integer g = groups[a]
        if (g == null) return null
        List<PciFunction> shared = others(a, groups, fns, hidden).findAll { PciFunction f -> f.driver != 'vfio-pci' }
        shared ? "IOMMU group ${g} of ${a} is not isolated: it also holds ${shared*.shortText().join('; ')}; vfio gives a VM whole groups, so hide ${shared.size() == 1 ? 'it' : 'them'} too, or move the card to a slot with its own group".toString() : null
    }

    /** The other members of the group of {@code a} that the recipe does not hide and that are not bridges. */
    private static List<PciFunction> others(PciAddress a, Map<PciAddress, Integer> groups, List<PciFunction> fns, Collection<PciAddress> hidden) {
        Integer g = groups[a]
        groups.findAll { PciAddress m, Integer n -> n == g && m != a && !hidden.contains(m) }.keySet().collect { PciAddress m ->
            fns.find { it.address == m } ?: new PciFunction(m, '????', 'unknown device', '????', '????', '', null, [])
        }.findAll { PciFunction f -> !f.isBridge() }
    }
}

/** A step on one libvirt domain's persistent configuration; notes when the VM runs, since the change applies at its next start. */
@CompileStatic
abstract class DomainHandler implements StepHandler {
    protected final KvmHost host
    protected final String vm
    protected String xml

    DomainHandler(KvmHost host, String vm) { this.host = host; this.vm = vm }

    protected String read() { xml = host.domainXml(vm); xml }

    protected Check changed(List<String> diff) {
        String note = host.state(vm) == 'running' ? "VM '${vm}' is running: the change is in its persistent configuration; restart it to take effect".toString() : null
        Check.change(diff, note)
    }
}

/** attach: a managed {@code <hostdev>} per device, with virsh attach-device --config (other devices kept). */
@CompileStatic
class DomainAttachHandler extends DomainHandler {
    private final List<PciAddress> devices
    private final boolean attach
    private List<PciAddress> todo = []

    DomainAttachHandler(KvmHost host, String vm, List<Device> devices, boolean attach) { super(host, vm); this.devices = devices*.address; this.attach = attach }

    Check check() {
        List<PciAddress> has = DomainXml.hostdevs(read())
        todo = attach ? devices.findAll { !has.contains(it) } : devices.findAll { has.contains(it) }
        todo ? changed(todo.collect { "${attach ? '+' : '-'} <hostdev type='pci' managed='yes'> ${it}".toString() }) : Check.ok()
    }

    void apply(Check before) {
        todo.each { PciAddress a -> attach ? host.attach(vm, DomainXml.hostdev(a)) : host.detach(vm, DomainXml.hostdev(a)) }
    }
}

/** pinVcpus: vcpupin per vCPU on the host's real SMT siblings, emulatorpin, and the guest topology to match. */
@CompileStatic
class DomainPinHandler extends DomainHandler {
    private final CpuSet cpus
    private final CpuSet emulator
    /** True when {@link #cpus} is a pool (a NUMA node's CPUs) to pick the VM's vCPU count from. */
    private final boolean pool
    private Pinning wanted

    DomainPinHandler(KvmHost host, String vm, CpuSet cpus, CpuSet emulator, boolean pool = false) {
        super(host, vm)
        this.cpus = cpus
        this.emulator = emulator
        this.pool = pool
    }

    Check check() {
        read()
        int vcpus = DomainXml.vcpus(xml)
        CpuSet chosen = pool ? CpuPlacement.pick(host.cpus(), cpus, vcpus, vm) : cpus
        wanted = CpuPlacement.place(host.cpus(), chosen, emulator, vcpus, vm)
        Pinning now = DomainXml.pinning(xml)
        now == wanted ? Check.ok() : changed(["- ${now.describe()}".toString(), "+ ${wanted.describe()}".toString()])
    }

    void apply(Check before) { host.define(DomainXml.withPinning(xml, wanted)) }
}

/** unpinVcpus: drop vcpupin, emulatorpin and the guest topology. */
@CompileStatic
class DomainUnpinHandler extends DomainHandler {
    DomainUnpinHandler(KvmHost host, String vm) { super(host, vm) }

    Check check() {
        Pinning now = DomainXml.pinning(read())
        now.isEmpty() ? Check.ok() : changed(["- ${now.describe()}".toString(), '+ (not pinned)'])
    }

    void apply(Check before) { host.define(DomainXml.withoutPinning(xml)) }
}

/** numaMemory / noNumaMemory: {@code <numatune><memory mode='strict' nodeset='N'/>}, or none. */
@CompileStatic
class DomainNumaHandler extends DomainHandler {
    private final Integer node

    DomainNumaHandler(KvmHost host, String vm, Integer node) { super(host, vm); this.node = node }

    Check check() {
        String now = DomainXml.numaMemory(read())
        String want = node == null ? null : "strict:${node}".toString()
        now == want ? Check.ok() : changed(["- numatune memory ${now ?: '(none)'}".toString(), "+ numatune memory ${want ?: '(none)'}".toString()])
    }

    void apply(Check before) { host.define(DomainXml.withNumaMemory(xml, node)) }
}

/** hugepages / noHugepages: {@code <memoryBacking><hugepages/>}. */
@CompileStatic
class DomainHugepagesHandler extends DomainHandler {
    private final boolean on

    DomainHugepagesHandler(KvmHost host, String vm, boolean on) { super(host, vm); this.on = on }

    Check check() {
        boolean now = DomainXml.hugepages(read())
        now == on ? Check.ok() : changed(["- memoryBacking hugepages ${now ? 'on' : 'off'}".toString(), "+ memoryBacking hugepages ${on ? 'on' : 'off'}".toString()])
    }

    void apply(Check before) { host.define(DomainXml.withHugepages(xml, on)) }
}

/**
 * start / stop: bring the domain to running or shut off. virsh shutdown only asks the guest (ACPI), so
 * stop then polls virsh domstate until the domain is shut off, up to a timeout.
 */
@CompileStatic
class DomainPowerHandler implements StepHandler {
    static final long STOP_POLL_MS = 2_000L
    private final KvmHost host
    private final String vm
    private final boolean start
    private final Rebooter.Pause pause
    private final long stopTimeoutMs

    DomainPowerHandler(KvmHost host, String vm, boolean start, Rebooter.Pause pause, long stopTimeoutMs) {
        this.host = host
        this.vm = vm
        this.start = start
        this.pause = pause
        this.stopTimeoutMs = stopTimeoutMs
    }

    Check check() {
        String wanted = start ? 'running' : 'shut off'
        String from = start ? 'shut off' : 'running'
        String state = host.state(vm)
        if (state == wanted) return Check.ok()
        if (state != from) throw new StepFailedException("VM '${vm}' is ${state}; passthru moves a VM only from ${from} to ${wanted} (resume or shut it down first)")
        Check.change(["- state ${state}".toString(), "+ state ${wanted}".toString()])
    }

    void apply(Check before) {
        if (start) { host.start(vm); return }
        host.shutdown(vm)
        for (long waited = 0; waited <= stopTimeoutMs; waited += STOP_POLL_MS) {
            if (host.state(vm) == 'shut off') return
            pause.pause(STOP_POLL_MS)
        }
        throw new StepFailedException("VM '${vm}' did not shut down within ${stopTimeoutMs.intdiv(1000)}s of virsh shutdown (does the guest handle ACPI power button events?)")
    }
}
