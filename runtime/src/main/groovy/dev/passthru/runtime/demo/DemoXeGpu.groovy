package dev.passthru.runtime.demo

import dev.passthru.dsl.PciAddress
import dev.passthru.runtime.transport.CommandResult
import groovy.transform.CompileStatic

/**
 * The demo host's xe subcommands about GPUs (pgpu-list, gpu-group-list, vgpu-type-list, vgpu-list, vgpu-create,
 * vgpu-destroy, gpu-group-get-remaining-capacity), supplemental packs (update-list, host-list of the updates needing a
 * reboot, xe-install-supplemental-pack) and the vGPUs a VM start allocates, as XAPI answers them (xen-api at e2ee48d6:
 * records.ml for fields and modes, cli_printer.ml for layout, cli_util.ml for errors, xapi_pgpu.ml, xapi_vgpu_type.ml,
 * xapi_gpu_group.ml, xapi_pgpu_helpers.ml for behaviour). Anything else is a {@link TwinCannotAnswerException}.
 */
@CompileStatic
class DemoXeGpu {
    /** The subcommands answered here. */
    static final Set<String> SUBCOMMANDS = ['pgpu-list', 'gpu-group-list', 'vgpu-type-list', 'vgpu-list', 'vgpu-create',
                                            'vgpu-destroy', 'gpu-group-get-remaining-capacity', 'update-list',
                                            'host-list'] as Set<String>
    /** A reference XAPI prints for a null one (records.ml nid). */
    static final String NID = '<not in database>'
    static final String AMD = 'Advanced Micro Devices, Inc. [AMD/ATI]'
    /**
     * The MxGPU pack's /etc/mxgpu-whitelist for the S7150 (format of xen-api ocaml/tests/test_data/mxgpu-whitelist-*:
     * {@code 6929 experimental=0 name='...' framebuffer_sz=MiB vgpus_per_pgpu=n}; these lines are assumed, the pack's
     * own file was not read).
     */
    static final List<Whitelisted> WHITELIST = [new Whitelisted('FirePro S7150 4GB', 4096, 2),
                                                new Whitelisted('FirePro S7150 2GB', 2048, 4)]

    /** One MxGPU whitelist line: model name, framebuffer in MiB, vGPUs per pGPU. */
    @CompileStatic
    static final class Whitelisted {
        final String model
        final long framebufferMib
        final int perPgpu

        Whitelisted(String model, long framebufferMib, int perPgpu) {
            this.model = model
            this.framebufferMib = framebufferMib
            this.perPgpu = perPgpu
        }
    }

    /** A vGPU type: passthrough (perPgpu 1, the whole GPU) or an MxGPU one. */
    @CompileStatic
    static final class VType {
        final String vendor
        final String model
        final long framebuffer
        final int perPgpu
        final String identifier

        VType(String vendor, String model, long framebuffer, int perPgpu, String identifier) {
            this.vendor = vendor
            this.model = model
            this.framebuffer = framebuffer
            this.perPgpu = perPgpu
            this.identifier = identifier
        }

        /** Its uuid, derived from its identifier. */
        String uuid() { UUID.nameUUIDFromBytes("demo vgpu-type ${identifier}".bytes).toString() }

        /** Whether this is the whole-GPU type. */
        boolean passthrough() { model == 'passthrough' }
    }

    /** xapi_vgpu_type.ml passthrough_gpu. */
    static final VType PASSTHROUGH = new VType('', 'passthrough', 0, 1, '0001:passthrough')

    private final DemoState state

    DemoXeGpu(DemoState state) { this.state = state }

    /** One of {@link #SUBCOMMANDS} with its {@code key=value} arguments and flags. */
    CommandResult run(String command, String sub, Map<String, String> args, List<String> flags) {
        boolean minimal = flags == ['--minimal']
        if (flags && !minimal) return DemoHost.usage(command)
        Map<String, String> filters = args.findAll { String k, String v -> k != 'params' }
        switch (sub) {
            case 'pgpu-list': return ok(command, DemoXeRecords.list(state.gpu.gpus.collect { pgpu(it) }, filters,
                    args.params, ['uuid', 'pci-uuid', 'vendor-name', 'device-name', 'gpu-group-uuid'], minimal))
            case 'gpu-group-list': return ok(command, DemoXeRecords.list(groups().collect { group(it) }, filters,
                    args.params, ['uuid', 'name-label', 'name-description'], minimal))
            case 'vgpu-type-list': return ok(command, DemoXeRecords.list(types().collect { type(it) }, filters,
                    args.params, ['uuid', 'vendor-name', 'model-name', 'max-resolution', 'max-heads'], minimal))
            case 'vgpu-list': return ok(command, DemoXeRecords.list(state.gpu.vgpus.collect { vgpu(it) }, filters,
                    args.params, ['uuid', 'vm-uuid', 'device', 'gpu-group-uuid'], minimal))
            case 'update-list': return ok(command, DemoXeRecords.list(state.gpu.packs.findAll { it.installed }
                    .collect { update(it) }, filters, args.params, ['uuid', 'name-label', 'name-description',
                    'version', 'installation-size', 'hosts', 'after-apply-guidance'], minimal))
            case 'host-list': return hostList(command, args, minimal)
            case 'vgpu-create': return create(command, args)
            case 'vgpu-destroy': return destroy(command, args)
            case 'gpu-group-get-remaining-capacity': return capacity(command, args)
            default: return DemoHost.usage(command)
        }
    }

    /**
     * xe-install-supplemental-pack ISO (xen-api scripts/): update-upload, update-apply on this host, update-pool-clean;
     * it prints nothing. An ISO the twin does not hold, or one installed already, is not modelled.
     */
    CommandResult installPack(String command, List<String> argv) {
        DemoPack pack = argv.size() == 2 ? state.gpu.packs.find { it.iso == argv[1] } : null
        if (pack == null || pack.installed) return DemoHost.usage(command)
        pack.installed = true
        pack.rebootNeeded = true
        ok(command, '')
    }

    /**
     * At vm-start: each vGPU of the VM gets a pGPU of its group with capacity left, or the start fails with
     * VM_REQUIRES_GPU (passthrough) or VM_REQUIRES_VGPU (vgpuops.ml fail_creation; texts from datamodel_errors.ml).
     * Null when every vGPU found one.
     */
    CommandResult startVgpus(String command, DemoState.Vm vm) {
        List<DemoVgpu> mine = state.gpu.vgpus.findAll { it.vmUuid == vm.uuid }
        Map<DemoVgpu, PciAddress> placed = [:]
        for (DemoVgpu v : mine) {
            VType t = types().find { it.model == v.typeModel }
            DemoGpu on = t == null ? null : state.gpu.gpus.find { DemoGpu g ->
                g.groupName() == v.groupName && remaining(g, t, placed) > 0
            }
            if (on == null) {
                String group = "${groupUuid(v.groupName)} (${v.groupName})"
                String err = t?.passthrough() ? "You attempted to run a VM on a host which doesn't have a pGPU " +
                        'available in the GPU group needed by the VM. The VM has a vGPU attached to this GPU group.\n' +
                        "vm: ${vm.uuid} (${vm.name})\nGPU_group: ${group}\n"
                        : 'You attempted to run a VM on a host on which the vGPU required by the VM cannot be ' +
                        'allocated on any pGPUs in the GPU_group needed by the VM.\n' +
                        "vm: ${vm.uuid} (${vm.name})\nGPU_group: ${group}\nvGPU_type: ${t?.uuid() ?: NID}\n"
                return fail(command, err)
            }
            placed[v] = on.address
        }
        placed.each { DemoVgpu v, PciAddress a -> v.residentOn = a }
        null
    }

    /** The vGPU types XAPI has: passthrough, and the MxGPU ones while the pack is loaded. */
    List<VType> types() {
        List<VType> out = [PASSTHROUGH]
        if (state.gpu.mxgpuLoaded() && state.gpu.gpus.any { s7150(it) }) {
            WHITELIST.each { Whitelisted w ->
                long fb = w.framebufferMib << 20
                out << new VType(AMD, w.model, fb, w.perPgpu, "0001:mxgpu,6929,${Long.toHexString(fb)}".toString())
            }
        }
        out
    }

    /**
     * A pGPU's supported types (xapi_vgpu_type.ml find_or_create_supported_types): an S7150 with the MxGPU whitelist
     * loaded gets only its MxGPU types (AMD: pt_when_vgpu = false); any other GPU the passthrough type, except the
     * system display device while dom0 holds it.
     */
    List<VType> supported(DemoGpu g) {
        if (s7150(g) && state.gpu.mxgpuLoaded()) return types().findAll { !it.passthrough() }
        g.address == state.gpu.systemDisplay && !hidden(g) ? [] : [PASSTHROUGH]
    }

    /** A pGPU's enabled types: its supported ones but those disabled on it. */
    List<VType> enabled(DemoGpu g) {
        List<String> off = state.gpu.disabled[g.address] ?: []
        supported(g).findAll { VType t -> !(t.model in off) }
    }

    /**
     * How many more vGPUs of the type the pGPU can run (xapi_pgpu_helpers.ml get_remaining_capacity_internal); 0 for
     * a type it does not support or enable, or when it runs another type.
     */
    private long remaining(DemoGpu g, VType t, Map<DemoVgpu, PciAddress> placed = [:]) {
        if (!(t.model in enabled(g)*.model)) return 0
        List<DemoVgpu> resident = residentOn(g) + placed.findAll { k, v -> v == g.address }.keySet().toList()
        if (resident.any { it.typeModel != t.model }) return 0
        Math.max(0, t.perPgpu - resident.size())
    }

    private List<DemoVgpu> residentOn(DemoGpu g) {
        state.gpu.vgpus.findAll { DemoVgpu v -> v.residentOn == g.address && running(v) }
    }

    private boolean running(DemoVgpu v) { state.vms[v.vmUuid]?.powerState == 'running' }

    private boolean hidden(DemoGpu g) { state.assignable.contains(g.address) }

    private boolean s7150(DemoGpu g) { state.pci[g.address]?.contains("[${DemoGpuState.S7150}]") }

    private List<String> groups() { state.gpu.gpus*.groupName().unique() }

    private static String groupUuid(String name) { UUID.nameUUIDFromBytes("demo gpu-group ${name}".bytes).toString() }

    private static String pgpuUuid(PciAddress a) {
        UUID.nameUUIDFromBytes("demo pgpu ${DemoLspci.slot(a)}".bytes).toString()
    }

    private String hostUuid() { UUID.nameUUIDFromBytes("demo host ${hostName()}".bytes).toString() }

    /** The host's name-label: xl info's host. */
    private static String hostName() { 'xcp-ng-demo' }

    private List<DemoXeField> pgpu(DemoGpu g) {
        PciAddress a = g.address
        List<String> deps = state.pci.keySet().findAll { PciAddress o ->
            o != a && o.domain == a.domain && o.bus == a.bus && o.slot == a.slot
        }.collect { DemoLspci.slot(it) }
        [f('uuid', ' RO', pgpuUuid(a)),
         f('pci-uuid', ' RO', UUID.nameUUIDFromBytes("demo pci ${DemoLspci.slot(a)}".bytes).toString()),
         f('vendor-name', ' RO', g.vendorName), f('device-name', ' RO', g.deviceName),
         f('dom0-access', ' RO', hidden(g) ? 'disabled' : 'enabled'),
         f('is-system-display-device', ' RO', String.valueOf(a == state.gpu.systemDisplay)),
         f('gpu-group-uuid', ' RW', groupUuid(g.groupName())), f('gpu-group-name-label', ' RO', g.groupName()),
         f('host-uuid', ' RO', hostUuid()), f('host-name-label', ' RO', hostName()),
         f('pci-id', ' RO', DemoLspci.slot(a)), f('dependencies', 'SRO', deps.join('; ')),
         f('other-config', 'MRW', ''), f('supported-VGPU-types', ' RO', supported(g)*.uuid().join('; ')),
         f('enabled-VGPU-types', 'SRW', enabled(g)*.uuid().join('; ')),
         f('resident-VGPUs', ' RO', residentOn(g)*.uuid.join('; '))]
    }

    private List<DemoXeField> group(String name) {
        List<DemoGpu> members = state.gpu.gpus.findAll { it.groupName() == name }
        [f('uuid', ' RO', groupUuid(name)), f('name-label', ' RW', name), f('name-description', ' RW', ''),
         f('VGPU-uuids', 'SRO', state.gpu.vgpus.findAll { it.groupName == name }*.uuid.join('; ')),
         f('PGPU-uuids', 'SRO', members.collect { pgpuUuid(it.address) }.join('; ')),
         f('other-config', 'MRW', ''),
         f('enabled-VGPU-types', ' RO', members.collectMany { enabled(it)*.uuid() }.unique().join('; ')),
         f('supported-VGPU-types', ' RO', members.collectMany { supported(it)*.uuid() }.unique().join('; ')),
         f('allocation-algorithm', ' RW', 'depth-first')]
    }

    private List<DemoXeField> type(VType t) {
        List<DemoGpu> sup = state.gpu.gpus.findAll { DemoGpu g -> t.model in supported(g)*.model }
        List<DemoGpu> en = state.gpu.gpus.findAll { DemoGpu g -> t.model in enabled(g)*.model }
        [f('uuid', ' RO', t.uuid()), f('vendor-name', ' RO', t.vendor), f('model-name', ' RO', t.model),
         f('framebuffer-size', ' RO', String.valueOf(t.framebuffer)), f('max-heads', ' RO', '0'),
         f('max-resolution', ' RO', '0x0'),
         f('supported-on-PGPUs', ' RO', sup.collect { pgpuUuid(it.address) }.join('; ')),
         f('enabled-on-PGPUs', ' RO', en.collect { pgpuUuid(it.address) }.join('; ')),
         f('supported-on-GPU-groups', ' RO', sup*.groupName().unique().collect { groupUuid(it) }.join('; ')),
         f('enabled-on-GPU-groups', ' RO', en*.groupName().unique().collect { groupUuid(it) }.join('; ')),
         f('VGPU-uuids', ' RO', state.gpu.vgpus.findAll { it.typeModel == t.model }*.uuid.join('; ')),
         f('experimental', ' RO', 'false'), f('compatible-types-in-vm', ' RO', '')]
    }

    private List<DemoXeField> vgpu(DemoVgpu v) {
        DemoState.Vm vm = state.vms[v.vmUuid]
        boolean on = running(v) && v.residentOn != null
        VType t = types().find { it.model == v.typeModel }
        [f('uuid', ' RO', v.uuid), f('vm-uuid', ' RO', v.vmUuid), f('vm-name-label', ' RO', vm?.name ?: NID),
         f('device', ' RO', '0'), f('gpu-group-uuid', ' RO', groupUuid(v.groupName)),
         f('gpu-group-name-label', ' RO', v.groupName), f('currently-attached', ' RO', String.valueOf(on)),
         f('other-config', 'MRW', ''), f('type-uuid', ' RO', t?.uuid() ?: NID),
         f('type-model-name', ' RO', v.typeModel), f('resident-on', ' RO', on ? pgpuUuid(v.residentOn) : NID),
         f('compatibility-metadata', ' RO', ''), f('extra_args', ' RW', ''),
         f('pci', ' RO', on ? DemoLspci.slot(v.residentOn) : NID)]
    }

    /** An installed pack as an update record; its hosts joined with ", " (records.ml concat_with_comma). */
    private List<DemoXeField> update(DemoPack p) {
        [f('uuid', ' RO', p.uuid()), f('name-label', ' RO', p.label), f('name-description', ' RO', ''),
         f('version', ' RO', p.version), f('installation-size', ' RO', '0'), f('hosts', 'SRO', hostUuid()),
         f('after-apply-guidance', 'SRO', 'restartHost'), f('enforce-homogeneity', ' RO', 'false')]
    }

    /** host-list with params=uuid,updates-requiring-reboot only (the host's other fields are not modelled). */
    private CommandResult hostList(String command, Map<String, String> args, boolean minimal) {
        if (minimal || args.keySet() != ['params'] as Set ||
                (args.params.split(',') as List<String>).toSet() != ['uuid', 'updates-requiring-reboot'] as Set) {
            return DemoHost.usage(command)
        }
        List<DemoXeField> host = [f('uuid', ' RO', hostUuid()), f('updates-requiring-reboot', 'SRO',
                state.gpu.packs.findAll { it.installed && it.rebootNeeded }*.uuid().join('; '))]
        ok(command, DemoXeRecords.record(host) + '\n\n')
    }

    /** vgpu-create (cli_operations.ml): prints the new vGPU's uuid; the VM must be halted (VM_BAD_POWER_STATE). */
    private CommandResult create(String command, Map<String, String> args) {
        if (!args.keySet().containsAll(['vm-uuid', 'gpu-group-uuid']) ||
                !(args.keySet() - ['vm-uuid', 'gpu-group-uuid', 'vgpu-type-uuid']).isEmpty()) {
            return DemoHost.usage(command)
        }
        DemoState.Vm vm = state.vms[args['vm-uuid']]
        if (vm == null) return invalid(command, 'VM', args['vm-uuid'])
        String group = groups().find { groupUuid(it) == args['gpu-group-uuid'] }
        if (group == null) return invalid(command, 'GPU_group', args['gpu-group-uuid'])
        String typeUuid = args['vgpu-type-uuid'] ?: PASSTHROUGH.uuid()
        VType t = types().find { it.uuid() == typeUuid }
        if (t == null) return invalid(command, 'VGPU_type', typeUuid)
        if (vm.powerState != 'halted') {
            return fail(command, "The VM's power state is not valid for this operation.\nvm: ${vm.uuid} " +
                    "(${vm.name})\nexpected: halted\nactual: ${vm.powerState}\n")
        }
        int n = state.gpu.vgpus.count { it.vmUuid == vm.uuid } as int
        String uuid = UUID.nameUUIDFromBytes("demo vgpu ${vm.uuid} ${t.model} ${n}".bytes).toString()
        state.gpu.vgpus << new DemoVgpu(uuid, vm.uuid, t.model, group, null)
        ok(command, uuid + '\n')
    }

    /** vgpu-destroy (xapi_vgpu.ml destroy): refused while the VM runs (OPERATION_NOT_ALLOWED). */
    private CommandResult destroy(String command, Map<String, String> args) {
        if (args.keySet() != ['uuid'] as Set) return DemoHost.usage(command)
        DemoVgpu v = state.gpu.vgpus.find { it.uuid == args.uuid }
        if (v == null) return invalid(command, 'VGPU', args.uuid)
        if (state.vms[v.vmUuid]?.powerState == 'running') {
            return fail(command, 'You attempted an operation that was not allowed.\nreason: vGPU currently attached ' +
                    'to a running VM\n')
        }
        state.gpu.vgpus.remove(v)
        ok(command, '')
    }

    /**
     * gpu-group-get-remaining-capacity: the sum over the group's pGPUs; 0 when none can run one more, as
     * xapi_gpu_group.ml get_remaining_capacity returns 0 for the error it would choose.
     */
    private CommandResult capacity(String command, Map<String, String> args) {
        if (args.keySet() != ['uuid', 'vgpu-type-uuid'] as Set) return DemoHost.usage(command)
        String group = groups().find { groupUuid(it) == args.uuid }
        if (group == null) return invalid(command, 'GPU_group', args.uuid)
        VType t = types().find { it.uuid() == args['vgpu-type-uuid'] }
        if (t == null) return invalid(command, 'VGPU_type', args['vgpu-type-uuid'])
        long sum = state.gpu.gpus.findAll { it.groupName() == group }.sum(0L) { DemoGpu g -> remaining(g, t) } as long
        ok(command, "${sum}\n".toString())
    }

    /** UUID_INVALID (datamodel_errors.ml): "The uuid you supplied was invalid." with type and uuid. */
    private static CommandResult invalid(String command, String type, String uuid) {
        fail(command, "The uuid you supplied was invalid.\ntype: ${type}\nuuid: ${uuid}\n")
    }

    private static DemoXeField f(String name, String mode, String value) { new DemoXeField(name, mode, value) }

    private static CommandResult ok(String command, String out) { new CommandResult(command, 0, out, '') }

    private static CommandResult fail(String command, String err) { new CommandResult(command, 1, '', err) }
}
