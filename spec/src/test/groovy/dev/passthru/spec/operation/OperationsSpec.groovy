package dev.passthru.spec.operation

import dev.passthru.dsl.KernelArgsStep
import dev.passthru.dsl.RebootStep
import dev.passthru.dsl.CpupoolStep
import dev.passthru.dsl.NodeAffinityStep
import dev.passthru.dsl.NumaSplitStep
import dev.passthru.dsl.UsbAttachStep
import dev.passthru.dsl.VcpusOnNodeStep
import dev.passthru.dsl.UsbDetachStep
import dev.passthru.dsl.UsbPolicyStep
import dev.passthru.dsl.XenArgsStep
import dev.passthru.dsl.VgpuStep
import dev.passthru.dsl.NoVgpuStep
import dev.passthru.dsl.SupplementalPackStep
import dev.passthru.runtime.kvm.KvmFlavour
import dev.passthru.runtime.operation.Operation
import dev.passthru.runtime.operation.Operations
import dev.passthru.runtime.xcpng.XcpngFlavour
import dev.passthru.spec.dsl.StepKinds
import spock.lang.Specification

import java.lang.reflect.Field
import java.lang.reflect.Modifier

/**
 * Each flavour says, in one registry, which operation does each step kind (or why it refuses it); operations are
 * stateless, so "how does hide work on KVM?" is one class and a plan is what the operation returns.
 */
class OperationsSpec extends Specification {
    /** USB passthrough's step kinds (XAPI's VUSBs and usb-policy.conf): XCP-ng only. */
    static final List<Class> USB = [UsbAttachStep, UsbDetachStep, UsbPolicyStep]
    static final List<Class> XEN_RUNTIME = [NumaSplitStep, CpupoolStep, VcpusOnNodeStep, NodeAffinityStep]

    static final Map<String, Operations> FLAVOURS = [kvm: KvmFlavour.operations(1000L), xcpng: XcpngFlavour.OPERATIONS]

    def "every step kind of the dsl has an operation or a reason on the #flavour flavour (a new kind is caught here)"() {
        given:
        Operations ops = FLAVOURS[flavour]
        List<Class> unknown = StepKinds.all().findAll { Class kind ->
            kind != RebootStep && !(kind in ops.kinds()) && ops.refusal(kind)?.contains('has no operation')
        }

        expect:
        unknown == []

        where:
        flavour << ['kvm', 'xcpng']
    }

    def "the KVM flavour does every step kind but the XCP-ng ones; XCP-ng refuses the KVM-only ones with the guide's reason"() {
        expect:
        (StepKinds.all() - RebootStep - XenArgsStep - VgpuStep - NoVgpuStep - SupplementalPackStep - USB - XEN_RUNTIME)
                .every { it in FLAVOURS.kvm.kinds() }
        XEN_RUNTIME.every { Class k ->
            FLAVOURS.kvm.refusal(k).contains('is for Xen and XCP-ng hosts') && k in FLAVOURS.xcpng.kinds()
        }
        FLAVOURS.kvm.refusal(XenArgsStep).startsWith('xen { } is for XCP-ng and Xen hosts')
        FLAVOURS.kvm.refusal(VgpuStep).startsWith('vgpu is for XCP-ng hosts')
        FLAVOURS.kvm.refusal(NoVgpuStep).startsWith('noVgpu is for XCP-ng hosts')
        FLAVOURS.kvm.refusal(SupplementalPackStep).startsWith('supplementalPack is for XCP-ng hosts')
        [VgpuStep, NoVgpuStep, SupplementalPackStep].every { it in FLAVOURS.xcpng.kinds() }
        USB.every { Class k -> FLAVOURS.kvm.refusal(k).contains('is for XCP-ng hosts') && k in FLAVOURS.xcpng.kinds() }
        XenArgsStep in FLAVOURS.xcpng.kinds()
        FLAVOURS.xcpng.refusal(KernelArgsStep).startsWith('kernel { } is for KVM hosts')
        FLAVOURS.xcpng.refusal(RebootStep) == null
    }

    def "#op.class.simpleName keeps no state: every field is final"() {
        expect:
        fields(op.class).findAll { Field f -> !Modifier.isFinal(f.modifiers) }*.name == []

        where:
        op << FLAVOURS.values().collectMany { Operations ops -> ops.kinds().collect { operation(ops, it) } }
    }

    static Operation operation(Operations ops, Class kind) { ops.@byKind[kind] as Operation }

    /** The instance fields a class declares (Groovy's own metaClass field aside). */
    static List<Field> fields(Class c) {
        c.declaredFields.findAll { Field f ->
            !Modifier.isStatic(f.modifiers) && !f.synthetic && f.name != 'metaClass'
        }
    }
}
