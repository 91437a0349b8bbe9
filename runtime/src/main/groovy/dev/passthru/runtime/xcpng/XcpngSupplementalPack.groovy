package dev.passthru.runtime.xcpng

import dev.passthru.dsl.SupplementalPackStep
import dev.passthru.runtime.operation.Change
import dev.passthru.runtime.operation.HostCommand
import dev.passthru.runtime.operation.Operation
import groovy.transform.CompileStatic

/**
 * supplementalPack on XCP-ng: {@code xe-install-supplemental-pack ISO} unless XAPI lists an update of that name applied
 * on a host ({@code xe update-list}: the script uploads the ISO as an update and applies it, xen-api
 * scripts/xe-install-supplemental-pack); then a reboot, until the host's updates-requiring-reboot no longer lists it.
 */
@CompileStatic
final class XcpngSupplementalPack implements Operation<SupplementalPackStep, XcpngHost> {
    Change plan(SupplementalPackStep step, XcpngHost host) {
        XcpngGpus gpus = new XcpngGpus(host.facts)
        List<PoolUpdate> applied = gpus.updates(step.label).findAll { PoolUpdate u -> u.hosts }
        if (!applied) {
            return Change.of(["+ supplemental pack ${step.label} (${step.iso})".toString()],
                    [new HostCommand(XcpngGpuCommands.installPack(step.iso))], 'takes effect after a reboot')
                    .needingReboot()
        }
        Set<String> uuids = applied*.uuid.toSet()
        boolean pending = gpus.updatesRequiringReboot().values().any { List<String> l -> l.any { it in uuids } }
        pending ? Change.pendingReboot("supplemental pack ${step.label} ${applied[0].version} installed; it takes " +
                'effect after a reboot') : Change.ok()
    }
}
