package dev.passthru.runtime.kvm

import dev.passthru.dsl.UnhideStep
import dev.passthru.runtime.operation.Change
import dev.passthru.runtime.operation.Operation
import groovy.transform.CompileStatic

/** unhide on KVM: the devices' ids out of vfio-pci.ids (and the softdep), as {@link KvmHide#vfio} does it. */
@CompileStatic
final class KvmUnhide implements Operation<UnhideStep, KvmHost> {
    Change plan(UnhideStep step, KvmHost host) { KvmHide.vfio(host, step.devices*.address, false) }
}
