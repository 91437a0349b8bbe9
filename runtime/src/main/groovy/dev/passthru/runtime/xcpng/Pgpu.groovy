package dev.passthru.runtime.xcpng

import dev.passthru.dsl.PciAddress
import groovy.transform.CompileStatic
import groovy.transform.EqualsAndHashCode
import groovy.transform.ToString

/** One physical GPU as xe pgpu-list prints it: its PCI function, dom0's access, group and vGPU types. */
@CompileStatic
@EqualsAndHashCode
@ToString(includeNames = true)
final class Pgpu {
    final String uuid
    final PciAddress pciId
    final String vendorName
    final String deviceName
    /** enabled, disabled, enable_on_reboot or disable_on_reboot (XAPI's pgpu_dom0_access). */
    final String dom0Access
    /** The GPU the host's console runs on. */
    final boolean systemDisplay
    final String groupUuid
    final String groupName
    final List<String> supportedTypes
    final List<String> enabledTypes

    Pgpu(String uuid, PciAddress pciId, String vendorName, String deviceName, String dom0Access,
         boolean systemDisplay, String groupUuid, String groupName, List<String> supportedTypes,
         List<String> enabledTypes) {
        this.uuid = uuid
        this.pciId = pciId
        this.vendorName = vendorName
        this.deviceName = deviceName
        this.dom0Access = dom0Access
        this.systemDisplay = systemDisplay
        this.groupUuid = groupUuid
        this.groupName = groupName
        this.supportedTypes = List.copyOf(supportedTypes)
        this.enabledTypes = List.copyOf(enabledTypes)
    }

    /** Whether dom0 lets go of the GPU (hidden from it in this boot). */
    boolean releasedByDom0() { dom0Access == 'disabled' }
}
