package dev.passthru.dsl

import groovy.transform.CompileStatic

/**
 * The host CPUs of the NUMA node a device sits on ({@code pinVcpus numaNodeOf(gpu)}); preflight reads the node from the
 * host.
 */
@CompileStatic
final class NumaNodeOf {
    final List<Device> devices

    NumaNodeOf(List<Device> devices) { this.devices = List.copyOf(devices) }

    @Override
    String toString() { "the NUMA node of ${devices.join(', ')}" }
}
