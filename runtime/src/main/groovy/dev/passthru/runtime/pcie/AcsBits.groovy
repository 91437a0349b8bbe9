package dev.passthru.runtime.pcie

import groovy.transform.CompileStatic

/**
 * The seven ACS capability/control bits (PCIe base spec 7.7.8; pciutils ls-ecaps.c cap_acs prints them in this
 * order, with {@code +} or {@code -}: {@code SrcValid+ TransBlk+ ReqRedir+ CmpltRedir+ UpstreamFwd+ EgressCtrl-
 * DirectTrans-}). Bit 0 is SrcValid.
 */
@CompileStatic
final class AcsBits {
    private AcsBits() {}

    /** lspci's names of bits 0 to 6. */
    static final List<String> NAMES = ['SrcValid', 'TransBlk', 'ReqRedir', 'CmpltRedir', 'UpstreamFwd', 'EgressCtrl',
                                       'DirectTrans'].asImmutable()

    /** The control value NVIDIA's HGX appendix uses on the GPU and NIC paths: the usual 0x001d plus DirectTrans. */
    static final int HGX_CONTROL = 0x005d

    /** The bits as lspci prints them: {@code SrcValid+ TransBlk- ...}. */
    static String describe(int bits) {
        (0..6).collect { int i -> NAMES[i] + ((bits >> i) & 1 ? '+' : '-') }.join(' ')
    }

    /** The names of the bits set, e.g. {@code [SrcValid, ReqRedir]}. */
    static List<String> set(int bits) { (0..6).findAll { int i -> (bits >> i) & 1 }.collect { NAMES[it] } }
}
