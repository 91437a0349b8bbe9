package dev.passthru.runtime.xcpng

import dev.passthru.dsl.AttachStep
import dev.passthru.dsl.CpuSet
import dev.passthru.dsl.Device
import dev.passthru.dsl.HugepageMemoryStep
import dev.passthru.dsl.KernelArgsStep
import dev.passthru.dsl.NumaMemoryStep
import dev.passthru.dsl.PciAddress
import dev.passthru.dsl.PinVcpusStep
import dev.passthru.dsl.Recipe
import dev.passthru.dsl.Step
import dev.passthru.dsl.VgpuStep
import dev.passthru.dsl.VmStep
import dev.passthru.dsl.XenArgsStep
import dev.passthru.runtime.engine.Finding
import dev.passthru.runtime.engine.StepFailedException
import dev.passthru.runtime.numa.CpuRow
import dev.passthru.runtime.numa.MissingCpus
import dev.passthru.runtime.pci.HostDevices
import dev.passthru.runtime.pci.PciFunction
import dev.passthru.runtime.preflight.DevicePreflight
import dev.passthru.runtime.preflight.DeviceUse
import dev.passthru.runtime.preflight.VmNames
import dev.passthru.runtime.operation.Operations
import dev.passthru.runtime.vm.VmPower
import dev.passthru.runtime.xcpng.usb.UsbPreflight
import groovy.transform.CompileStatic

/**
 * Everything checked on an XCP-ng host before any change: selectors resolved and NUMA placement held
 * (nodes from Xen's {@code xl info -n}, not dom0's sysfs, which a PV dom0 cannot know); steps only KVM
 * has refused; the devices are there; the IOMMU is on ({@code hvm_directio}); a USB controller on 8.2
 * (shared RMRR) and an NVMe drive without extra_guest_irqs are warned about; no VF with its PF; no
 * device given while another running VM has it; every VM name finds one VM; every pinned CPU exists. On a Xen
 * host without XAPI (xl, no xe), the steps that need it are refused ({@link XapiSteps}).
 */
@CompileStatic
class XcpngPreflight extends DevicePreflight {
    static final String GROUPS_UNAVAILABLE = "XCP-ng's dom0 does not see IOMMU groups (Xen owns the IOMMU); name the " +
            "devices, or use withFunctions()"
    /** Xen's default number of extra PIRQs for a domU (xen-command-line.pandoc, extra_guest_irqs). */
    static final int DEFAULT_EXTRA_GUEST_IRQS = 32
    /** The recipe line the NVMe finding proposes: more guest interrupts than Xen's default. */
    static final String IRQS_FIX = 'extra_guest_irqs=64'

    private final XcpngHost host
    private final Operations<XcpngHost> operations

    XcpngPreflight(XcpngHost host, Operations<XcpngHost> operations) {
        this.host = host
        this.operations = operations
    }

    protected HostDevices devices() { host.devices() }

    protected String groupsUnavailable() { GROUPS_UNAVAILABLE }

    protected List<CpuRow> cpus() { XcpngOutput.cpuTopology(xlInfo()) }

    protected String nodeSource() { 'xl info -n (device topology)' }

    /** Steps this flavour cannot do, and, on a Xen host without XAPI (read only when asked), the steps needing it. */
    protected List<Finding> refused(Recipe recipe) {
        List<Finding> problems = unsupported(recipe)
        if (XapiSteps.of(recipe) && !host.hasXapi()) problems.addAll(XapiSteps.refused(recipe))
        problems
    }

    private String xlInfo() { host.xlInfoNuma() }

    protected List<Finding> checks(Recipe recipe, HostDevices devices) {
        List<Finding> problems = []
        List<Step> deviceSteps = DeviceUse.claiming(recipe.steps)
        if (deviceSteps) {
            Map<String, String> info = XcpngOutput.xlInfo(xlInfo())
            if (!XcpngOutput.iommuOn(info)) {
                problems << Finding.error(deviceSteps[0], 'the IOMMU is off: Xen reports no hvm_directio, so no ' +
                        'device can be passed through',
                        "xl info -n: virt_caps : ${info['virt_caps']}", 'enable VT-d (Intel) or AMD-Vi / IOMMU (AMD) ' +
                                'in the BIOS/UEFI setup, then reboot; a firmware update can reset it')
            }
            problems.addAll(classChecks(recipe, devices))
            problems.addAll(DeviceUse.pfWithVfs(recipe, devices))
        }
        problems.addAll(vmChecks(recipe))
        if (recipe.steps.any { it instanceof VgpuStep } && host.hasXapi()) {
            problems.addAll(new XcpngVgpuPreflight(host).check(recipe))
        }
        if (UsbPreflight.concerns(recipe) && host.hasXapi()) problems.addAll(new UsbPreflight(host).check(recipe))
        problems
    }

    /** USB controllers on 8.2 and NVMe drives: findings that depend on the device's class. */
    private List<Finding> classChecks(Recipe recipe, HostDevices devices) {
        List<Finding> out = []
        Map<PciAddress, Step> given = [:]
        DeviceUse.taking(recipe.steps).each { Step s ->
            Recipe.deviceList(s).each { Device d -> given.putIfAbsent(d.address, s) }
        }
        List<PciFunction> usb = given.keySet().collect { devices.function(it) }.findAll { it.inClass(['0c03']) }
        if (usb) {
            String version = host.osRelease().VERSION_ID ?: ''
            if (version.startsWith('8.2')) usb.each { PciFunction f ->
                out << Finding.warning(given[f.address], "${f.address} is a USB controller; on XCP-ng 8.2 Xen " +
                        "refuses to assign one that shares an RMRR (\"It's disallowed to assign ... with shared " +
                        "RMRR\" in hypervisor.log)",
                        "cat /etc/os-release: VERSION_ID=\"${version}\"; lspci -nnk -D: ${f.address} ${f.className} " +
                                "[${f.classId}]", 'XCP-ng 8.3 lifts this restriction; on 8.2 pass through a USB ' +
                                'controller without an RMRR, or use USB passthrough of single devices')
            }
        }
        List<PciFunction> nvme = given.keySet().collect { devices.function(it) }.findAll { it.inClass(['0108']) }
        if (nvme) {
            String irqs = host.xenOption('extra_guest_irqs')
            if (!enoughIrqs(irqs) && !recipeSetsIrqs(recipe)) nvme.each { PciFunction f ->
                out << Finding.warning(given[f.address], "${f.address} is an NVMe drive, whose many MSI-X queues " +
                        "need more guest interrupts than Xen's default ${DEFAULT_EXTRA_GUEST_IRQS}; the guest may " +
                        "see timeouts or fewer queues",
                        "${XcpngCommands.getXen('extra_guest_irqs')}: " +
                                "${irqs == null ? '(not set)' : 'extra_guest_irqs=' + irqs}",
                                "add to the recipe, before this step: xen { arg '${IRQS_FIX}' } and reboot() " +
                                        '(recipes/xcp-ng/xen-boot-options.groovy)')
            }
        }
        out
    }

    /** Whether an extra_guest_irqs value gives a domU more than Xen's default (its first field, domU's count). */
    private static boolean enoughIrqs(String value) {
        String domU = value?.split(',', -1)?.first()
        domU ==~ /\d+/ && (domU as int) > DEFAULT_EXTRA_GUEST_IRQS
    }

    /** Whether the recipe's own xen { } block sets enough extra_guest_irqs (it then fixes this itself). */
    private static boolean recipeSetsIrqs(Recipe recipe) {
        recipe.steps.findAll { Step s -> s instanceof XenArgsStep }.any { Step s ->
            ((XenArgsStep) s).xenAdd.any { String t ->
                t.startsWith('extra_guest_irqs=') && enoughIrqs(t.substring('extra_guest_irqs='.length()))
            }
        }
    }

    private List<Finding> vmChecks(Recipe recipe) {
        List<Finding> problems = []
        Map<String, Step> firstStepOfVm = [:]
        recipe.steps.findAll { it instanceof VmStep }.each { Step s -> firstStepOfVm.putIfAbsent(((VmStep) s).vm, s) }
        List<Map<String, String>> records = null
        firstStepOfVm.each { String vm, Step s ->
            if (!host.hasXapi()) {
                Finding f = XlDomainCheck.missing(host, s, vm)
                if (f) problems << f
                return
            }
            try {
                host.vmUuid(vm)
            } catch (XcpngHost.NoSuchVmException e) {
                if (records == null) records = host.vmRecords()
                List<String> names = records.collect { it['name-label'] }
                problems << VmNames.missing(s, vm, "${XcpngCommands.vmList(vm)}: (nothing)", names)
            } catch (StepFailedException e) {
                problems << new Finding(s, e.message)
            }
        }
        if (recipe.steps.any { it instanceof AttachStep }) {
            if (records == null) records = host.vmRecords()
            List<DeviceUse.VmDevices> vms = records.collect { Map<String, String> r ->
                new DeviceUse.VmDevices(r['name-label'], VmPower.ofXe(r['power-state']).running,
                        XcpngOutput.pciEntries(XcpngOutput.xeMap(r['other-config'] ?: '')['pci'])*.address,
                                'xe vm-list params=...other-config')
            }
            problems.addAll(DeviceUse.attachedElsewhere(recipe, vms))
        }
        List<PinVcpusStep> pins = recipe.steps.findAll { it instanceof PinVcpusStep &&
                !((PinVcpusStep) it).pending } as List<PinVcpusStep>
        if (pins) {
            int n = XcpngOutput.cpuCount(xlInfo())
            CpuSet host = CpuSet.range(0, n - 1)
            pins.each { PinVcpusStep p ->
                String missing = MissingCpus.message(p.cpus, host)
                if (missing) problems << Finding.error(p, missing, "xl info -n: nr_cpus : ${n}", "pin to CPUs ${host}")
            }
        }
        problems
    }

    /** Steps this flavour has no operation for (the registry's reasons), and emulator pinning (a KVM word). */
    private List<Finding> unsupported(Recipe recipe) {
        List<Finding> problems = []
        recipe.steps.each { Step s ->
            String refusal = operations.refusal(s)
            if (refusal) problems << new Finding(s, refusal)
            if (s instanceof PinVcpusStep && ((PinVcpusStep) s).emulator != null) problems << new Finding(s,
                    'pinVcpus emulator: is for KVM hosts (libvirt emulatorpin); on XCP-ng give the CPUs alone')
        }
        problems
    }
}
