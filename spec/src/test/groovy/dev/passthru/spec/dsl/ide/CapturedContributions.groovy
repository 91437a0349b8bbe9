package dev.passthru.spec.dsl.ide

/**
 * Stands in for the IDE inside a contributor (GDSL) or contribute (DSLD) body: records each method and
 * property it declares, with the block it was declared for.
 */
final class CapturedContributions {
    final String block
    final List<Map> methods = []
    final List<Map> properties = []

    CapturedContributions(String block) { this.block = block }

    /** GDSL and DSLD: declares a method. */
    void method(Map args) { methods << args }

    /** GDSL and DSLD: declares a property. */
    void property(Map args) { properties << args }

    /** GDSL: describes one named parameter of a method. */
    Map parameter(Map args) { args }
}
