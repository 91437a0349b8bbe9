package dev.passthru.runtime.kvm

import dev.passthru.runtime.pci.PciFunction

import dev.passthru.dsl.Device
import dev.passthru.dsl.PciAddress
import dev.passthru.runtime.engine.Check
import dev.passthru.runtime.engine.StepFailedException
import dev.passthru.runtime.engine.StepHandler
import groovy.transform.CompileStatic

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

    VfioHandler(KvmHost host, List<Device> devices, boolean hide) {
        this.host = host
        this.devices = devices*.address
        this.hide = hide
    }

    Check check() {
        List<PciFunction> fns = host.functions()
        List<PciFunction> mine = devices.collect { PciAddress a ->
            PciFunction f = fns.find { it.address == a }
            if (f == null) {
                throw new StepFailedException("device ${a} is not on this host (lspci -nnk -D does not list it)")
            }
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
            List<String> finalIds = target.findAll { KernelArgs.key(it) == 'vfio-pci.ids' }.collectMany {
                (KernelArgs.value(it) ?: '').split(',') as List<String>
            }
            softdepNow = host.readOptional(KvmCommands.SOFTDEP_FILE) ?: ''
            softdepWanted = VfioSoftdep.text(finalIds, fns)
            // lspci does not say which modules drive a device bound to vfio-pci: keep the file
            if (softdepWanted == null) softdepWanted = softdepNow
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
            return Check.pendingReboot(hide ? "configured for vfio-pci; bound to it after a reboot (now: ${now})"
                    : "no longer configured for vfio-pci; back with its own driver after a reboot (now: ${now})")
        }
        Check.ok()
    }

    void apply(Check before) {
        if (cmdlineDiffers || loaderStale) host.bootLoader().change(add, remove)
        if (softdepWanted != null && (softdepNow != softdepWanted || initramfsStale)) {
            if (softdepNow != softdepWanted) {
                if (softdepWanted) {
                    host.writeFile(KvmCommands.SOFTDEP_FILE, softdepWanted, !softdepNow.isEmpty())
                } else {
                    host.removeFile(KvmCommands.SOFTDEP_FILE)
                }
            }
            host.regenerateInitramfs()
        }
    }
}
