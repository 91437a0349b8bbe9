package dev.passthru.runtime.twin

import dev.passthru.runtime.demo.DemoUsb
import dev.passthru.runtime.demo.DemoUsbDevice
import dev.passthru.runtime.demo.DemoVusb
import groovy.transform.CompileStatic

import static dev.passthru.runtime.twin.TwinFields.child

/** An XCP-ng twin's optional {@code usb} key (docs/twins.md) to and from the simulator's USB state. */
@CompileStatic
final class XcpngUsbTwin {
    static final List<String> USB = ['host_uuid', 'policy', 'policy_files', 'devices', 'vusbs']
    static final List<String> DEVICE = ['path', 'vendor', 'product', 'vendor_desc', 'product_desc', 'serial',
                                        'version', 'speed', 'rel', 'interfaces', 'pusb', 'usb_group',
                                        'passthrough_enabled']
    static final List<String> VUSB = ['uuid', 'vm', 'usb_group', 'attached']

    private XcpngUsbTwin() {}

    /** Whether the state differs from a host without USB devices (files of such hosts then keep no usb key). */
    static boolean worthWriting(DemoUsb u) {
        DemoUsb none = new DemoUsb()
        u.devices || u.vusbs || u.files != none.files || u.hostUuid != none.hostUuid
    }

    /** The {@code usb} key's content. */
    static Map<String, Object> toMap(DemoUsb u) {
        Map<String, Object> m = new LinkedHashMap<>()
        m.host_uuid = u.hostUuid
        // the policy only when it is not xen-api's shipped file (null: the file is missing)
        if (u.files[DemoUsb.POLICY] != DemoUsb.DEFAULT_POLICY) m.policy = u.files[DemoUsb.POLICY]
        Map<String, Object> others = new LinkedHashMap<>(u.files.findAll { String k, String v -> k != DemoUsb.POLICY })
        if (others) m.policy_files = others
        m.devices = u.devices.collect { DemoUsbDevice d ->
            Map<String, Object> x = [path: d.path, vendor: d.vendor, product: d.product, vendor_desc: d.vendorDesc,
                    product_desc: d.productDesc, serial: d.serial, version: d.version, speed: d.speed, rel: d.rel,
                    interfaces: new ArrayList<Object>(d.interfaces)] as Map<String, Object>
            // what XAPI made of it, only once a scan listed it
            if (d.pusb != null) x.putAll([pusb: d.pusb, usb_group: d.group, passthrough_enabled: d.passthroughEnabled])
            x
        }
        m.vusbs = u.vusbs.collect { DemoVusb v ->
            [uuid: v.uuid, vm: v.vm, usb_group: v.group, attached: v.attached] as Map<String, Object>
        }
        m
    }

    /** The USB state of a twin file: none (and xen-api's default policy) when it has no {@code usb} key. */
    static DemoUsb read(TwinFields f) {
        DemoUsb u = new DemoUsb()
        if (!f.has([], 'usb')) return u
        List<Object> at = ['usb']
        f.map(at, USB)
        if (f.has(at, 'host_uuid')) u.hostUuid = f.string(child(at, 'host_uuid'))
        if (f.has(at, 'policy')) {
            String policy = f.optString(child(at, 'policy'))
            if (policy == null) u.files.remove(DemoUsb.POLICY) else u.files[DemoUsb.POLICY] = policy
        }
        if (f.has(at, 'policy_files')) u.files.putAll(f.stringMap(child(at, 'policy_files')))
        if (f.has(at, 'devices')) {
            List<Object> l = f.list(child(at, 'devices'))
            (0..<l.size()).each { int i -> u.devices << device(f, child(child(at, 'devices'), i)) }
        }
        if (f.has(at, 'vusbs')) {
            List<Object> l = f.list(child(at, 'vusbs'))
            (0..<l.size()).each { int i ->
                List<Object> v = child(child(at, 'vusbs'), i)
                f.map(v, VUSB)
                u.vusbs << new DemoVusb(f.string(child(v, 'uuid')), f.string(child(v, 'vm')),
                        f.string(child(v, 'usb_group')), f.bool(child(v, 'attached')))
            }
        }
        u
    }

    private static DemoUsbDevice device(TwinFields f, List<Object> at) {
        f.map(at, DEVICE)
        DemoUsbDevice d = new DemoUsbDevice()
        d.path = f.string(child(at, 'path'))
        d.vendor = f.string(child(at, 'vendor'))
        d.product = f.string(child(at, 'product'))
        if (f.has(at, 'vendor_desc')) d.vendorDesc = f.string(child(at, 'vendor_desc'))
        if (f.has(at, 'product_desc')) d.productDesc = f.string(child(at, 'product_desc'))
        if (f.has(at, 'serial')) d.serial = f.string(child(at, 'serial'))
        if (f.has(at, 'version')) d.version = f.string(child(at, 'version'))
        if (f.has(at, 'speed')) d.speed = f.string(child(at, 'speed'))
        if (f.has(at, 'rel')) d.rel = f.string(child(at, 'rel'))
        d.interfaces = f.strings(child(at, 'interfaces'))
        d.pusb = f.has(at, 'pusb') ? f.optString(child(at, 'pusb')) : null
        d.group = f.has(at, 'usb_group') ? f.optString(child(at, 'usb_group')) : null
        if (f.has(at, 'passthrough_enabled')) d.passthroughEnabled = f.bool(child(at, 'passthrough_enabled'))
        d
    }
}
