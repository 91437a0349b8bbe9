package dev.passthru.runtime.demo

import dev.passthru.runtime.transport.CommandResult
import groovy.transform.CompileStatic

/**
 * The xe subcommands the demo host understands, with XAPI's answers: {@code --minimal} listings,
 * map parameters as {@code key: value; key: value}, and XAPI's errors for a bad uuid, a power state, or a VM
 * needing more memory than the host has free. xe prints an error on stderr as the error's doc line from
 * xen-api's datamodel_errors.ml, then one {@code param: value} line per parameter, and exits 1
 * (xen-api ocaml/xapi-cli-server/cli_util.ml, server_error). A subcommand, parameter or argument it does not model is
 * a {@link TwinCannotAnswerException}, never an invented answer.
 */
@CompileStatic
class DemoXe {
    private final DemoState state

    DemoXe(DemoState state) { this.state = state }

    CommandResult run(String command, List<String> argv) {
        Map<String, String> args = [:]
        List<String> flags = []
        argv.drop(2).each { String a ->
            int eq = a.indexOf('=')
            if (eq > 0) args[a.substring(0, eq)] = a.substring(eq + 1) else flags << a
        }
        String sub = argv.size() > 1 ? argv[1] : ''
        CommandResult usb = new DemoXeUsb(state).run(command, sub, args, flags)
        if (usb != null) return usb
        if (sub == 'vm-list') return vmList(command, args, flags)
        if (sub in DemoXeGpu.SUBCOMMANDS) return new DemoXeGpu(state).run(command, sub, args, flags)
        if (!(sub in ['vm-param-get', 'vm-param-set', 'vm-param-remove', 'vm-start', 'vm-shutdown'])) {
            return DemoHost.usage(command)
        }
        DemoState.Vm vm = args.uuid ? state.vms[args.uuid] : null
        if (args.uuid && vm == null) {
            return fail(command, "The uuid you supplied was invalid.\ntype: VM\nuuid: ${args.uuid}\n")
        }
        if (vm == null) return DemoHost.usage(command)
        switch (sub) {
            case 'vm-param-get': return paramGet(command, vm, args)
            case 'vm-param-set': return paramSet(command, vm, args)
            case 'vm-param-remove': return paramRemove(command, vm, args)
            case 'vm-start': return power(command, vm, 'halted', 'running')
            case 'vm-shutdown': return power(command, vm, 'running', 'halted')
            default: return DemoHost.usage(command)
        }
    }

    private CommandResult vmList(String command, Map<String, String> args, List<String> flags) {
        if (flags.isEmpty() && args == ['is-control-domain': 'false',
                params: 'uuid,name-label,power-state,other-config,VCPUs-params']) {
            return ok(command, state.vmRecords())
        }
        if (flags != ['--minimal'] || !(args.keySet() in [['name-label'] as Set, [] as Set])) {
            return DemoHost.usage(command)
        }
        List<String> uuids = state.vms.findAll { String u, DemoState.Vm v -> !args.containsKey('name-label') ||
                v.name == args['name-label'] }.keySet().toList()
        ok(command, uuids.join(',') + '\n')
    }

    private CommandResult paramGet(String command, DemoState.Vm vm, Map<String, String> args) {
        switch (args['param-name']) {
            case 'other-config': return ok(command, map(vm.otherConfig) + '\n')
            case 'VCPUs-params': return ok(command, map(vm.vcpusParams) + '\n')
            case 'power-state': return ok(command, vm.powerState + '\n')
            case 'name-label': return ok(command, vm.name + '\n')
            case 'dom-id': return ok(command, "${new DemoXl(state).domid(vm)}\n".toString())
            // an integer parameter: its value in bytes on one line
            case 'memory-static-max': return ok(command, "${vm.memory}\n".toString())
            default: return DemoHost.usage(command)
        }
    }

    private CommandResult paramSet(String command, DemoState.Vm vm, Map<String, String> args) {
        Map<String, String> set = args.findAll { String k, String v -> k != 'uuid' }
        if (set.isEmpty() || set.keySet().any { String k -> !k.startsWith('other-config:') &&
                !k.startsWith('VCPUs-params:') }) {
            return DemoHost.usage(command)
        }
        set.each { String k, String v ->
            if (k.startsWith('other-config:')) vm.otherConfig[k.substring('other-config:'.length())] = v
            else vm.vcpusParams[k.substring('VCPUs-params:'.length())] = v
        }
        ok(command, '')
    }

    private CommandResult paramRemove(String command, DemoState.Vm vm, Map<String, String> args) {
        Map<String, String> target = args['param-name'] == 'other-config' ? vm.otherConfig
                : args['param-name'] == 'VCPUs-params' ? vm.vcpusParams : null
        if (target == null) return DemoHost.usage(command)
        target.remove(args['param-key'])
        ok(command, '')
    }

    private CommandResult power(String command, DemoState.Vm vm, String from, String to) {
        if (vm.powerState != from) {
            return fail(command, "The VM's power state is not valid for this operation.\nvm: ${vm.uuid} " +
                    "(${vm.name})\nexpected: ${from}\nactual: ${vm.powerState}\n")
        }
        long free = state.freeMemoryMib << 20
        if (to == 'running' && vm.memory > free) {
            // HOST_NOT_ENOUGH_FREE_MEMORY, params needed and available in bytes (datamodel_errors.ml)
            return fail(command, 'Not enough host memory is available to perform this operation\n' +
                    "needed: ${vm.memory}\navailable: ${free}\n")
        }
        CommandResult gpus = to == 'running' ? new DemoXeGpu(state).startVgpus(command, vm) : null
        if (gpus != null) return gpus
        vm.powerState = to
        state.usb.powered(vm.uuid, to == 'running')
        if (to == 'halted') state.xl.gone(vm.uuid)
        ok(command, '')
    }

    /** A map parameter as xe prints it: {@code key: value; key: value}. */
    static String map(Map<String, String> m) { m.collect { String k, String v -> "${k}: ${v}" }.join('; ') }

    private static CommandResult ok(String command, String out) { new CommandResult(command, 0, out, '') }

    private static CommandResult fail(String command, String err) { new CommandResult(command, 1, '', err) }
}
