package dev.passthru.runtime.kvm

import dev.passthru.dsl.HideStep
import dev.passthru.dsl.PciAddress
import dev.passthru.runtime.engine.StepFailedException
import dev.passthru.runtime.operation.Action
import dev.passthru.runtime.operation.Change
import dev.passthru.runtime.operation.HostCommand
import dev.passthru.runtime.operation.Operation
import dev.passthru.runtime.pci.PciFunction
import groovy.transform.CompileStatic

/**
 * hide on KVM: the devices' vendor:device ids in vfio-pci.ids on the kernel command line, plus (when vfio-pci is a
 * module) a modprobe.d softdep so vfio-pci loads before their native drivers, and the initramfs rebuilt to carry it.
 * Effective after a reboot; then the driver in use is vfio-pci. {@link KvmUnhide} is the same with the ids removed.
 */
@CompileStatic
final class KvmHide implements Operation<HideStep, KvmHost> {
    Change plan(HideStep step, KvmHost host) { vfio(host, step.devices*.address, true) }

    /** The change that puts {@code devices} under vfio-pci ({@code hide}) or gives them back to their drivers. */
    static Change vfio(KvmHost host, List<PciAddress> devices, boolean hide) {
        List<PciFunction> fns = host.functions()
        List<PciFunction> mine = devices.collect { PciAddress a ->
            PciFunction f = fns.find { it.address == a }
            if (f == null) {
                throw new StepFailedException("device ${a} is not on this host (lspci -nnk -D does not list it)")
            }
            f
        }
        List<String> ids = mine*.ids().unique()
        List<String> add = hide ? ["vfio-pci.ids=${ids.join(',')}".toString()] : []
        List<String> remove = hide ? [] : ids.collect { "vfio-pci.ids=${it}".toString() }
        BootLoader loader = host.bootLoader()
        List<String> configured = loader.cmdline()
        List<String> target = KernelArgs.apply(configured, add, remove)
        List<String> diff = KernelArgs.diff(configured, target)
        String stale = loader.stale()
        List<Action> actions = target != configured || stale ? loader.change(add, remove) : [] as List<Action>
        List<Action> softdep = []
        String softdepNow = null, softdepWanted = null
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
                softdep.addAll(softdepWanted ? host.writeFile(KvmCommands.SOFTDEP_FILE, softdepWanted,
                        !softdepNow.isEmpty()) : [host.removeFile(KvmCommands.SOFTDEP_FILE)])
            }
        }
        if (stale) diff << "~ ${stale}".toString()
        String image = hide && softdepWanted && softdepNow == softdepWanted ? host.initramfsStale() : null
        if (image) diff << "~ ${image}".toString()
        if (softdep || image) softdep.addAll(host.regenerateInitramfs())
        if (diff) {
            return Change.of(diff, actions + softdep, "takes effect after a reboot (${loader.describe()})")
                    .needingReboot()
        }
        List<PciFunction> notYet = mine.findAll { PciFunction f -> (f.driver == 'vfio-pci') != hide }
        if (notYet) {
            String now = notYet.collect { "${it.address} ${it.driver ?: 'no driver'}" }.join(', ')
            return Change.pendingReboot(hide ? "configured for vfio-pci; bound to it after a reboot (now: ${now})"
                    : "no longer configured for vfio-pci; back with its own driver after a reboot (now: ${now})")
        }
        Change.ok()
    }
}
