package dev.passthru.runtime.demo

import dev.passthru.runtime.twin.TwinFile
import groovy.transform.CompileStatic

/**
 * The built-in HGX demo host ({@code --host demo-hgx}): an HGX H200-like KVM host, as its shipped twin file
 * (runtime/src/main/resources/dev/passthru/runtime/twin/demo-hgx.yaml) describes it: two NUMA nodes, CPUs 0-95 (even
 * on node 0, odd on node 1), eight H200 GPUs each behind a Broadcom PEX890xx switch with a ConnectX-7 beside it, four
 * NVSwitches.
 */
@CompileStatic
final class DemoHgx {
    private DemoHgx() {}

    /** The name --host, serve and inventories take, and the host's label. */
    static final String NAME = 'demo-hgx'

    /** A fresh state of the shipped twin. */
    static DemoKvmState state() { TwinFile.kvm(TwinFile.resource(NAME), "${NAME}.yaml".toString()) }

    /** The simulated host, fresh. */
    static DemoKvmHost host() { new DemoKvmHost(state()) }
}
