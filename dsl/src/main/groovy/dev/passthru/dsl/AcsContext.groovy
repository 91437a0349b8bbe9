package dev.passthru.dsl

import groovy.transform.CompileStatic

/** The {@code acs { }} block: the devices whose paths get ACS control, and the control value. */
@CompileStatic
class AcsContext extends Block {
    /** NVIDIA's HGX value: SrcValid ReqRedir CmpltRedir UpstreamFwd DirectTrans (0x001d plus DirectTrans). */
    static final int HGX_CONTROL = 0x005d
    /** The ACS control bits a value may have (bits 0-6; the rest of the register is reserved). */
    static final int ALL_BITS = 0x7f

    final List<Device> devices = []
    int control = HGX_CONTROL

    AcsContext(Locator locator, PrintStream printed) { super(locator, printed) }

    /** Devices whose bridges up to their root ports get the control value: {@code paths gpus(), nics}. */
    void paths(Object... devices) { this.devices.addAll(DeviceArgs.of(locator, 'paths', devices)) }

    /** The ACS control value (default 0x005d, NVIDIA's HGX value): {@code control 0x005d}. */
    void control(int value) {
        if (value < 0 || (value & ~ALL_BITS) != 0) {
            throw locator.error("control: ${String.format('0x%x', value)} sets bits beyond the seven ACS control " +
                    'bits (0x0000 to 0x007f)')
        }
        this.control = value
    }
}
