package dev.passthru.runtime.demo

import dev.passthru.runtime.transport.CommandResult
import groovy.transform.CompileStatic

/**
 * The demo's xe for USB passthrough: pusb-list, pusb-param-set, pusb-scan, usb-group-list, vusb-list, vusb-create,
 * vusb-unplug, vusb-destroy, and a VM's platform and HVM-boot-policy. Records print as xen-api's cli_printer.ml
 * multi_line_record does (keys with their mode suffix padded to 4 + the longest key, the first on the right and the
 * rest on the left, then two blank lines), fields in records.ml's order; errors as cli_util.ml's server_error (the
 * datamodel_errors.ml doc line, then one {@code param: value} line each, on stderr, exit 1). Anything else: null
 * (DemoXe answers) or a {@link TwinCannotAnswerException}.
 */
@CompileStatic
class DemoXeUsb {
    private static final List<String> PUSB_DEFAULT = ['uuid', 'path', 'vendor-id', 'vendor-desc', 'product-id',
                                                      'product-desc', 'serial', 'version', 'description', 'speed']
    private static final List<String> GROUP_DEFAULT = ['uuid', 'name-label', 'name-description']
    private static final List<String> VUSB_DEFAULT = ['uuid', 'vm-uuid', 'usb-group-uuid']

    private final DemoState state

    DemoXeUsb(DemoState state) { this.state = state }

    /** The answer to one xe subcommand, or null when it is not one of USB's. */
    CommandResult run(String command, String sub, Map<String, String> args, List<String> flags) {
        switch (sub) {
            case 'pusb-list': return list(command, pusbs(), args, flags, PUSB_DEFAULT)
            case 'usb-group-list': return list(command, groups(), args, flags, GROUP_DEFAULT)
            case 'vusb-list': return list(command, vusbs(), args, flags, VUSB_DEFAULT)
            case 'pusb-param-set': return pusbParamSet(command, args, flags)
            case 'pusb-scan': return pusbScan(command, args, flags)
            case 'vusb-create': return vusbCreate(command, args, flags)
            case 'vusb-unplug': return vusbUnplug(command, args, flags)
            case 'vusb-destroy': return vusbDestroy(command, args, flags)
            case 'vm-param-get': return vmParamGet(command, args)
            case 'vm-param-set': return vmParamSet(command, args)
            default: return null
        }
    }

    /** One field of a record: its name with xe's mode suffix, and its value as xe prints it. */
    private static DemoXeField f(String name, String mode, String value) { new DemoXeField(name, mode, value) }

    private List<List<DemoXeField>> pusbs() {
        state.usb.listed().collect { DemoUsbDevice d ->
            [f('uuid', ' RO', d.pusb), f('usb-group-uuid', ' RO', d.group), f('host-uuid', ' RO', state.usb.hostUuid),
             f('host-name-label', ' RO', 'xcp-ng-demo'), f('path', ' RO', d.path), f('vendor-id', ' RO', d.vendor),
             f('vendor-desc', ' RO', d.vendorDesc), f('product-id', ' RO', d.product),
             f('product-desc', ' RO', d.productDesc), f('serial', ' RO', d.serial), f('version', ' RO', d.version),
             f('description', ' RO', description(d)),
             // records.ml prints speed with "%.3f"
             f('speed', ' RO', String.format('%.3f', Double.parseDouble(d.speed))),
             f('passthrough-enabled', ' RW', String.valueOf(d.passthroughEnabled))]
        }
    }

    private List<List<DemoXeField>> groups() {
        state.usb.listed().collect { DemoUsbDevice d ->
            [f('uuid', ' RO', d.group), f('name-label', ' RW', "Group of ${d.vendor} ${d.product} USBs".toString()),
             f('name-description', ' RW', ''),
             f('VUSB-uuids', 'SRO', state.usb.vusbs.findAll { it.group == d.group }*.uuid.join('; ')),
             f('PUSB-uuids', 'SRO', d.pusb), f('other-config', 'MRW', '')]
        }
    }

    private List<List<DemoXeField>> vusbs() {
        state.usb.vusbs.collect { DemoVusb v ->
            DemoUsbDevice d = state.usb.byGroup(v.group)
            [f('uuid', ' RO', v.uuid), f('vm-uuid', ' RO', v.vm),
             f('vm-name-label', ' RO', state.vms[v.vm]?.name ?: ''),
             f('usb-group-uuid', ' RO', v.group),
             f('usb-group-name-label', ' RO', d ? "Group of ${d.vendor} ${d.product} USBs".toString() : ''),
             f('other-config', 'MRW', ''), f('currently-attached', ' RO', String.valueOf(v.attached)),
             f('allowed-operations', 'SRO', v.attached ? 'unplug' : ''), f('current-operations', 'SRO', '')]
        }
    }

    private static String description(DemoUsbDevice d) {
        d.vendorDesc + (d.productDesc ? '_' + d.productDesc : '') + (d.serial ? '_' + d.serial : '')
    }

    /** A *-list: records filtered by field=value (a set field by membership), then params= or the default fields. */
    private static CommandResult list(String command, List<List<DemoXeField>> records, Map<String, String> args,
                                      List<String> flags, List<String> defaults) {
        if (!(flags in [[], ['--minimal']])) return DemoHost.usage(command)
        List<String> fields = args.params ? args.params.split(',') as List<String> : defaults
        Map<String, String> filters = args.findAll { String k, String v -> k != 'params' }
        List<List<DemoXeField>> kept = []
        for (List<DemoXeField> r : records) {
            boolean all = true
            filters.each { String k, String v ->
                DemoXeField field = r.find { DemoXeField x -> x.name == k }
                if (field == null) DemoHost.usage(command)
                boolean set = field.mode.startsWith('S')
                if (set ? !(field.value.split('; ') as List<String>).contains(v) : field.value != v) {
                    all = false
                }
            }
            if (all) kept << r
        }
        if (flags) {
            List<String> uuids = []
            for (List<DemoXeField> r : kept) uuids << r[0].value
            return ok(command, uuids.join(',') + '\n')
        }
        StringBuilder out = new StringBuilder()
        for (List<DemoXeField> r : kept) {
            List<DemoXeField> shown = r.findAll { DemoXeField x -> fields.contains(x.name) }
            if (shown.size() != fields.size()) DemoHost.usage(command)
            out << DemoXeRecords.record(shown) << '\n\n'
        }
        ok(command, out.toString())
    }

    private CommandResult pusbParamSet(String command, Map<String, String> args, List<String> flags) {
        if (flags || args.keySet() != ['uuid', 'passthrough-enabled'] as Set ||
                !(args['passthrough-enabled'] in ['true', 'false'])) {
            return DemoHost.usage(command)
        }
        DemoUsbDevice d = state.usb.byPusb(args.uuid)
        if (d == null) return invalid(command, 'PUSB', args.uuid)
        boolean on = args['passthrough-enabled'] == 'true'
        if (!on && state.usb.vusbs.any { DemoVusb v -> v.group == d.group && v.attached }) {
            // USB_ALREADY_ATTACHED (PUSB, VM): turning passthrough off while a VM has the device
            DemoVusb v = state.usb.vusbs.find { DemoVusb x -> x.group == d.group && x.attached }
            return fail(command, "The USB device is currently attached to a VM.\nPUSB: ${d.pusb}\nVM: ${v.vm} " +
                    "(${state.vms[v.vm]?.name})\n")
        }
        if (!on) state.usb.vusbs.removeAll { DemoVusb v -> v.group == d.group }
        d.passthroughEnabled = on
        ok(command, '')
    }

    /** pusb-scan only signals XAPI's scan thread: a policy usb_scan.py refuses is not reported here (xapi_pusb.ml). */
    private CommandResult pusbScan(String command, Map<String, String> args, List<String> flags) {
        if (flags || args.keySet() != ['host-uuid'] as Set) return DemoHost.usage(command)
        if (args['host-uuid'] != state.usb.hostUuid) return invalid(command, 'host', args['host-uuid'])
        state.usb.scan()
        ok(command, '')
    }

    private CommandResult vusbCreate(String command, Map<String, String> args, List<String> flags) {
        if (flags || args.keySet() != ['usb-group-uuid', 'vm-uuid'] as Set) return DemoHost.usage(command)
        DemoState.Vm vm = state.vms[args['vm-uuid']]
        if (vm == null) return invalid(command, 'VM', args['vm-uuid'])
        DemoUsbDevice d = state.usb.byGroup(args['usb-group-uuid'])
        if (d == null) return invalid(command, 'USB_group', args['usb-group-uuid'])
        // xapi_vusb.ml create: at most 6 per VM, then one VUSB per USB group
        if (state.usb.vusbs.count { DemoVusb v -> v.vm == vm.uuid } > 5) {
            return fail(command, 'The VM has too many VUSBs.\nnumber: 6\n')
        }
        if (state.usb.vusbs.any { DemoVusb v -> v.group == d.group }) {
            return fail(command, 'USB_groups are currently restricted to contain no more than one VUSB.\n' +
                    "USB_group: ${d.group} (Group of ${d.vendor} ${d.product} USBs)\n")
        }
        String uuid = UUID.nameUUIDFromBytes("demo vusb ${vm.uuid} ${d.group}".bytes).toString()
        state.usb.vusbs << new DemoVusb(uuid, vm.uuid, d.group, false)
        ok(command, uuid + '\n')
    }

    private CommandResult vusbUnplug(String command, Map<String, String> args, List<String> flags) {
        if (flags || args.keySet() != ['uuid'] as Set) return DemoHost.usage(command)
        DemoVusb v = state.usb.vusbs.find { DemoVusb x -> x.uuid == args.uuid }
        if (v == null) return invalid(command, 'VUSB', args.uuid)
        DemoState.Vm vm = state.vms[v.vm]
        // xapi_vusb_helpers.ml: unplug only while Running and attached
        if (vm.powerState != 'running') {
            return fail(command, 'You attempted an operation on a VM that was not in an appropriate power state at ' +
                    'the time; for example, you attempted to start a VM that was already running. The parameters ' +
                    "returned are the VM's handle, and the expected and actual VM state at the time of the call.\n" +
                    "vm: ${vm.uuid} (${vm.name})\nexpected: running\nactual: ${vm.powerState}\n")
        }
        if (!v.attached) return fail(command, "The device is not currently attached\ndevice: ${v.uuid}\n")
        v.attached = false
        ok(command, '')
    }

    private CommandResult vusbDestroy(String command, Map<String, String> args, List<String> flags) {
        if (flags || args.keySet() != ['uuid'] as Set) return DemoHost.usage(command)
        DemoVusb v = state.usb.vusbs.find { DemoVusb x -> x.uuid == args.uuid }
        if (v == null) return invalid(command, 'VUSB', args.uuid)
        if (v.attached) {
            return fail(command, "You attempted an operation that was not allowed.\nreason: VUSB '${v.uuid}' still " +
                    "attached to '${v.vm}'\n")
        }
        state.usb.vusbs.remove(v)
        ok(command, '')
    }

    /** platform (a map) and HVM-boot-policy; other parameters are DemoXe's. */
    private CommandResult vmParamGet(String command, Map<String, String> args) {
        DemoState.Vm vm = state.vms[args.uuid]
        if (vm == null || !(args['param-name'] in ['platform', 'HVM-boot-policy'])) return null
        if (args['param-name'] == 'HVM-boot-policy') return ok(command, vm.hvmBootPolicy + '\n')
        ok(command, vm.platform.collect { String k, String v -> "${k}: ${v}" }.join('; ') + '\n')
    }

    private CommandResult vmParamSet(String command, Map<String, String> args) {
        DemoState.Vm vm = state.vms[args.uuid]
        Map<String, String> set = args.findAll { String k, String v -> k != 'uuid' }
        if (vm == null || set.isEmpty() || !set.keySet().every { String k -> k.startsWith('platform:') }) return null
        set.each { String k, String v -> vm.platform[k.substring('platform:'.length())] = v }
        ok(command, '')
    }

    /** HANDLE_INVALID is printed by the CLI as "The uuid you supplied was invalid." with the class and uuid. */
    private static CommandResult invalid(String command, String type, String uuid) {
        fail(command, "The uuid you supplied was invalid.\ntype: ${type}\nuuid: ${uuid}\n")
    }

    private static CommandResult ok(String command, String out) { new CommandResult(command, 0, out, '') }

    private static CommandResult fail(String command, String err) { new CommandResult(command, 1, '', err) }
}
