package dev.passthru.dsl

import groovy.transform.CompileStatic

/** A compiled recipe: its name, description and steps in order. Immutable. */
@CompileStatic
final class Recipe {
    static final List<String> FLAVOURS = ['xcpng', 'kvm']
    final String name
    final String description
    final List<Step> steps
    /** The recipe file as the user named it. */
    final String source
    /** The flavour the recipe names, or null to detect it from the host. */
    final String flavour

    Recipe(String name, String description, List<Step> steps, String source, String flavour = null) {
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
            deviceList(s).each { Device d -> seen.putIfAbsent(d.address, d) }
        }
        List.copyOf(seen.values())
    }

    static List<Device> deviceList(Step s) {
        switch (s) {
            case HideStep: return ((HideStep) s).devices
            case UnhideStep: return ((UnhideStep) s).devices
            case AssignableStep: return ((AssignableStep) s).devices
            case AttachStep: return ((AttachStep) s).devices
            case DetachStep: return ((DetachStep) s).devices
            default: return []
        }
    }
}
