package dev.passthru.spec.dsl

import dev.passthru.dsl.AssignableStep
import dev.passthru.dsl.AttachStep
import dev.passthru.dsl.CpuSet
import dev.passthru.dsl.DetachStep
import dev.passthru.dsl.Device
import dev.passthru.dsl.DeviceStep
import dev.passthru.dsl.HideStep
import dev.passthru.dsl.PciAddress
import dev.passthru.dsl.PinVcpusStep
import dev.passthru.dsl.Recipe
import dev.passthru.dsl.Selector
import dev.passthru.dsl.SourceLocation
import dev.passthru.dsl.StartStep
import dev.passthru.dsl.Step
import dev.passthru.dsl.UnhideStep
import dev.passthru.dsl.VmStep
import spock.lang.Shared
import spock.lang.Specification
import spock.lang.Timeout

import java.lang.reflect.Constructor
import java.lang.reflect.ParameterizedType
import java.lang.reflect.Type

/**
 * Every step kind that names devices is a {@link DeviceStep}, so preflight resolves and checks its devices without a
 * list of step classes: the step classes are found in the compiled dsl package, so a new kind is checked too.
 */
@Timeout(30)
class DeviceStepSpec extends Specification {
    /** Steps that name devices for another purpose than passing them through, and why they are no DeviceStep. */
    static final Map<Class, String> NOT_DEVICE_STEPS = [
            (PinVcpusStep): 'its devices (numaNodeOf) only choose CPUs; preflight fills in the CPUs, not the devices',
    ]

    @Shared SourceLocation at = new SourceLocation('gpu.passthru', 7)
    @Shared Device selector = new Device(new Selector.ById('10de', '1c81', null, null), at)
    @Shared List<Device> resolved = [new Device(PciAddress.parse('0000:04:00.0'), at),
                                     new Device(PciAddress.parse('0000:04:00.1'), at)]

    def "the dsl package's step kinds are found by scanning its classes"() {
        expect:
        StepKinds.all().containsAll([HideStep, UnhideStep, AssignableStep, AttachStep, DetachStep, PinVcpusStep,
                                   StartStep])
    }

    def "every step kind whose constructor takes devices is a DeviceStep (or says why not)"() {
        expect:
        StepKinds.all().findAll { takesDevices(it) && !NOT_DEVICE_STEPS.containsKey(it) }
                .findAll { !DeviceStep.isAssignableFrom(it) }*.simpleName == []
    }

    def "every DeviceStep's withDevices keeps its kind, VM and location and names the resolved devices"() {
        given:
        List<Class> kinds = StepKinds.all().findAll { DeviceStep.isAssignableFrom(it) }

        expect:
        kinds.size() >= 5
        kinds.each { Class kind ->
            Step step = build(kind)
            Step copy = ((DeviceStep) step).withDevices(resolved)
            assert copy.getClass() == kind
            assert copy.location.is(at)
            assert !(step instanceof VmStep) || ((VmStep) copy).vm == 'gpu-vm'
            assert ((DeviceStep) copy).devices == resolved
            assert ((DeviceStep) step).devices == [selector]
            assert !step.resolved() && copy.resolved()
            assert Recipe.withDevices(step, resolved).describe() == copy.describe()
            assert Recipe.deviceList(copy) == resolved
        }
    }

    def "#kind.simpleName #claim its devices (the host must have them: #required)"() {
        given:
        DeviceStep step = (DeviceStep) ((DeviceStep) build(kind)).withDevices(resolved)

        expect:
        step.claim.name() == claim
        step.claim.claims() == required
        step.requiredDevices() == (required ? resolved : [])

        where:
        kind           || claim      | required
        HideStep       || 'TAKES'    | true
        AttachStep     || 'TAKES'    | true
        AssignableStep || 'VERIFIES' | true
        UnhideStep     || 'RELEASES' | false
        DetachStep     || 'RELEASES' | false
    }

    def "a recipe is resolved once its selectors are addresses and its numaNodeOf pinning has CPUs"() {
        given:
        PinVcpusStep pending = new PinVcpusStep('gpu-vm', CpuSet.EMPTY, null, at, resolved)
        Step hide = new HideStep([selector], at)

        expect:
        !recipe([hide]).resolved
        recipe([hide.withDevices(resolved)]).resolved
        !recipe([pending]).resolved
        recipe([pending.withCpus([2, 3], resolved)]).resolved
        recipe([new StartStep('gpu-vm', at)]).resolved
        pending.requiredDevices() == resolved
        new StartStep('gpu-vm', at).requiredDevices() == []
    }

    private static Recipe recipe(List<Step> steps) { new Recipe('r', '', steps, 'gpu.passthru') }

    /** A step of {@code kind} for VM gpu-vm naming the selector, through its widest constructor. */
    private Step build(Class kind) {
        Constructor c = kind.constructors.max { it.parameterCount }
        List<Object> args = c.parameterTypes.collect { Class t ->
            if (t == String) return 'gpu-vm'
            if (t == List) return [selector]
            if (t == SourceLocation) return at
            if (t == boolean) return false
            if (t == int) return 0x005d
            throw new IllegalStateException("${kind.simpleName}: no sample value for a ${t.simpleName} parameter")
        }
        (Step) c.newInstance(args as Object[])
    }

    /** True when a constructor of the class takes a Device or a list of them. */
    private static boolean takesDevices(Class kind) {
        kind.constructors.any { Constructor c -> c.genericParameterTypes.any { Type t -> namesDevices(t) } }
    }

    private static boolean namesDevices(Type t) {
        t == Device || (t instanceof ParameterizedType && ((ParameterizedType) t).actualTypeArguments.contains(Device))
    }
}
