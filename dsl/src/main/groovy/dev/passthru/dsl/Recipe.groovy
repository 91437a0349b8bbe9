package dev.passthru.dsl

import groovy.transform.CompileStatic

/** A compiled recipe: its name, description and steps in order. Immutable. */
@CompileStatic
final class Recipe {
    final String name
    final String description
    final List<Step> steps
    /** The recipe file as the user named it. */
    final String source
    /** The flavour the recipe names, or null to detect it from the host. */
    final FlavourName flavour

    Recipe(String name, String description, List<Step> steps, String source, FlavourName flavour = null) {
        this.flavour = flavour
        this.name = name
        this.description = description
        this.steps = List.copyOf(steps)
        this.source = source
    }

    /** Every device any step names, in first-mention order. */
    List<Device> devices() {
        LinkedHashMap<PciAddress, Device> seen = [:]
        steps.each { Step s ->
            deviceList(s).findAll { Device d -> d.resolved }.each { Device d -> seen.putIfAbsent(d.address, d) }
        }
        List.copyOf(seen.values())
    }

    /** The same step naming {@code devices} instead (preflight's resolved selectors); other steps unchanged. */
    static Step withDevices(Step s, List<Device> devices) {
        s instanceof DeviceStep ? ((DeviceStep) s).withDevices(devices) : s
    }

    /** This recipe with other steps (preflight's resolved ones), same name, source and flavour. */
    Recipe withSteps(List<Step> resolved) { new Recipe(name, description, resolved, source, flavour) }

    /** True when every device is an address and every pinning has its CPUs (nothing left for preflight to resolve). */
    boolean isResolved() {
        steps.every { Step s -> s.resolved() }
    }

    /** The devices a step names (see {@link DeviceStep}); none for other steps. */
    static List<Device> deviceList(Step s) { s instanceof DeviceStep ? ((DeviceStep) s).devices : [] }
}
