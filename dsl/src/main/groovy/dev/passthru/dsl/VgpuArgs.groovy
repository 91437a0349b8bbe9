package dev.passthru.dsl

import groovy.transform.CompileStatic

/** The options of the vgpu words ({@code vgpu type: ...}, {@code noVgpu}), checked with the recipe's line. */
@CompileStatic
final class VgpuArgs {
    private VgpuArgs() {}

    /** {@code vgpu type: 'passthrough', gpu: device, group: 'name', halt: true} as a step. */
    static VgpuStep vgpu(Locator locator, String vm, Map options) {
        known(locator, 'vgpu', options, ['type', 'gpu', 'group', 'halt'])
        String type = type(locator, 'vgpu', options, true)
        Object gpu = options.gpu
        if (options.containsKey('gpu') && !(gpu instanceof Device)) {
            throw locator.error("vgpu: gpu: takes a device (pci '0000:81:00.0' or a selector), not " +
                    "${gpu == null ? 'null' : gpu.getClass().simpleName}")
        }
        Object group = options.group
        if (options.containsKey('group') && !(group instanceof CharSequence && group.toString().trim())) {
            throw locator.error("vgpu: group: takes a GPU group's name-label, e.g. 'Group of NVIDIA Corporation " +
                    "GP107 [GeForce GTX 1050 Ti] GPUs'")
        }
        if (gpu != null && group != null) throw locator.error('vgpu: give gpu: or group:, not both')
        new VgpuStep(vm, type, gpu == null ? [] : [(Device) gpu], group?.toString(), halt(locator, 'vgpu', options),
                locator.here())
    }

    /** {@code noVgpu()} or {@code noVgpu type: 'name', halt: true} as a step. */
    static NoVgpuStep noVgpu(Locator locator, String vm, Map options) {
        known(locator, 'noVgpu', options, ['type', 'halt'])
        new NoVgpuStep(vm, type(locator, 'noVgpu', options, false), halt(locator, 'noVgpu', options), locator.here())
    }

    private static void known(Locator locator, String word, Map options, List<String> names) {
        Set<String> unknown = options.keySet().collect { it.toString() }.toSet() - names
        if (unknown) {
            throw locator.error("${word}: unknown option ${unknown.sort().join(', ')} (only " +
                    "${names.collect { it + ':' }.join(', ')})")
        }
    }

    private static String type(Locator locator, String word, Map options, boolean required) {
        if (!options.containsKey('type')) {
            if (!required) return null
            throw locator.error("${word}: type: is missing: the vGPU type's model name ('passthrough' for the " +
                    "whole GPU, or a model as xe vgpu-type-list prints it)")
        }
        Object t = options.type
        if (!(t instanceof CharSequence) || !t.toString().trim() || t.toString() != t.toString().trim()) {
            throw locator.error("${word}: type: takes a model name such as 'passthrough' or 'FirePro S7150 4GB', " +
                    "not ${t == null ? 'null' : "'" + t + "'"}")
        }
        t.toString()
    }

    private static boolean halt(Locator locator, String word, Map options) {
        if (!options.containsKey('halt')) return false
        if (!(options.halt instanceof Boolean)) throw locator.error("${word}: halt: takes true or false")
        (boolean) options.halt
    }
}
