package dev.passthru.runtime.cli

import dev.passthru.dsl.Recipe
import dev.passthru.runtime.demo.DemoHgx
import dev.passthru.runtime.demo.DemoHost
import dev.passthru.runtime.demo.DemoKvmHost
import dev.passthru.runtime.demo.DemoXcpngHost
import dev.passthru.runtime.engine.RunResult
import dev.passthru.runtime.tape.RecordingTransport
import dev.passthru.runtime.tape.Redactor
import dev.passthru.runtime.tape.TapeWriter
import groovy.transform.CompileStatic
import picocli.CommandLine.Command
import picocli.CommandLine.Parameters
import picocli.CommandLine.ParentCommand

import java.util.concurrent.Callable

/**
 * Maintainers' tool: records the shipped XCP-ng tapes from the demo host. Each scenario applies
 * some recipes first (not recorded) to bring the host to a state, then records one apply.
 */
@CompileStatic
@Command(name = 'record-demo-tapes', mixinStandardHelpOptions = true, hidden = true,
        description = 'Re-record recipes/xcp-ng/tapes and recipes/kvm/tapes from the demo hosts.')
class RecordDemoTapesCommand implements Callable<Integer> {
    static final String SOURCE = '''\
hand-made: recorded from passthru's built-in demo host, a simulated XCP-ng 8.3 (no real host was recorded).
Output formats, as the simulator renders them itself (it never calls passthru's readers or writers):
  command -v: one path per tool found (POSIX sh)
  xen-cmdline --get-dom0 KEY: "KEY=VALUE", or an empty line when not set (XCP-ng docs, Compute > PCI passthrough)
  xl pci-assignable-list: "%04x:%02x:%02x.%01x %s" per line, the name empty without -n (xen tools/xl/xl_pci.c, ''' +
        '''pciassignable_list; a real Xen 4.17 printed the trailing space: xen-lab xl_pci-assignable-list.out)
  xl info -n: "%-23s: %s" lines, with the cpu_topology ("%3d:    %4d     %4d     %4d") and device topology ''' +
        '''("%04x:%02x:%02x.%01x      %d") tables (xen tools/xl/xl_info.c, output_topologyinfo) and numa_info ''' +
        '''("%4d:    %6lu     %6lu      %d", ",%d" per further distance; output_numainfo), as a real Xen 4.17 ''' +
        '''printed them (xen-lab xl_info_-n.out)
  xe ... --minimal: comma-separated values, an empty line for none (xe CLI)
  xe vm-param-get of a map parameter: "key: value; key: value" (XenServer Administrator's Guide, Parameter types)
  xe vm-list params=...: records in records.ml's field order, keys padded to 4 + the longest, the first on the ''' +
        '''right, the others on the left, two blank lines after each (xen-api records.ml, cli_printer.ml)
  lspci -nnk -D: "DDDD:BB:SS.F Class [cccc]: Name [vvvv:dddd] (rev NN)", no "(prog-if)" (only with -v), then ''' +
        '''"\\tSubsystem:", "\\tKernel driver in use:", "\\tKernel modules: a, b" (pciutils lspci.c show_terse, ''' +
        '''ls-kernel.c show_kernel)
  sysfs physfn listing: "VF ../PF" per SR-IOV virtual function (our own loop over /sys/bus/pci/devices/*/physfn, ''' +
        '''readlink)
  reboot: the connection drops (recorded as error: connection lost)'''

    /** The XCP-ng formats, and those of the GPU and supplemental pack commands the vgpu recipes add. */
    static final String GPU_SOURCE = SOURCE + '''
  xe pgpu-list/vgpu-type-list/vgpu-list/update-list/host-list params=...: fields in xen-api records.ml order, ''' +
        '''"name ( RO)"/"(SRO)"/"(SRW)"/"(MRW)" keys padded to 4 + the longest, the first on the right, the others ''' +
        '''on the left, ": " and the value (a trailing space when empty), two blank lines after each record ''' +
        '''(xen-api cli_printer.ml multi_line_record, cli_operations.ml print_field); reference sets joined "; ", ''' +
        '''an update's hosts ", " (records.ml)
  xe vgpu-create: the new uuid; xe gpu-group-get-remaining-capacity: the integer (cli_operations.ml); xe errors on ''' +
        '''stderr, the datamodel_errors.ml doc line then "param: value" lines, exit 1 (cli_util.ml server_error)
  xe-install-supplemental-pack ISO: prints nothing (xen-api scripts/xe-install-supplemental-pack: update-upload, ''' +
        '''update-apply, update-pool-clean)
  vGPU types: passthrough (vendor "", 0x0; xapi_vgpu_type.ml passthrough_gpu) and, once the MxGPU pack is loaded, ''' +
        '''the S7150's types from an assumed /etc/mxgpu-whitelist'''

    /** What the USB tapes add to {@link #SOURCE}: the formats of USB passthrough's commands. */
    static final String USB_SOURCE = '''
  xe pusb-list/usb-group-list/vusb-list params=...: xen-api cli_printer.ml multi_line_record (keys with their ''' +
        '''"( RO)"/"(SRO)"/"(MRW)" suffix padded to 4 + the longest, the first on the right and the rest on the ''' +
        '''left, ": " then the value, two blank lines after each record), fields in records.ml's order, speed ''' +
        '''"%.3f"; --minimal: comma-joined uuids; vusb-create: the new uuid (xen-api e2ee48d6)
  xe errors: the datamodel_errors.ml doc line, then "param: value" lines, on stderr, exit 1 (cli_util.ml ''' +
        '''server_error)
  /etc/xensource/usb-policy.conf: xen-api scripts/usb-policy.conf as shipped; /etc/xensource-inventory: ''' +
        '''KEY='value' lines (xapi-inventory inventory.ml)
  /opt/xensource/libexec/usb_scan.py -d: json.dumps of the allowed devices, keys in to_pusb's order; a policy ''' +
        '''it refuses: the log_exit message on stderr, exit 1 (xen-api python3/libexec/usb_scan.py)
  grep -H '' /sys/bus/usb/devices/*/ATTR: "PATH:VALUE" lines, globs expanded in sorted order (GNU grep -H; ''' +
        '''sysfs-bus-usb ABI)'''

    static final String KVM_SOURCE = '''\
hand-made: recorded from passthru's built-in KVM demo host, a simulated Debian 12 host with libvirt 9 (no real ''' +
        '''host was recorded).
Output formats, as the simulator renders them itself (it never calls passthru's readers or writers):
  /etc/os-release, /etc/default/grub: Debian 12's files as shipped (base-files, grub2-common)
  command -v: one path per tool found (POSIX sh)
  lspci -nnk -D: "DDDD:BB:SS.F Class [cccc]: Name [vvvv:dddd] (rev NN)", no "(prog-if)" (only with -v), then ''' +
        '''"\\tSubsystem:", "\\tKernel driver in use:", "\\tKernel modules: a, b" (pciutils lspci.c show_terse, ''' +
        '''ls-kernel.c show_kernel)
  /proc/cmdline: grub-mkconfig's line, "BOOT_IMAGE=... root=... ro" then GRUB_CMDLINE_LINUX and ''' +
        '''GRUB_CMDLINE_LINUX_DEFAULT as sh reads /etc/default/grub (grub 10_linux); parameters read as the kernel ''' +
        '''does (lib/cmdline.c next_arg)
  find /sys/kernel/iommu_groups -type l: /sys/kernel/iommu_groups/N/devices/BDF (sysfs-kernel-iommu_groups ABI), ''' +
        '''in sysfs order (kernfs name-hash order, fs/kernfs/dir.c kernfs_name_hash; the lab kernel lists the same)
  grep -H . /sys/bus/pci/devices/*/numa_node: "PATH:N", -1 for no node (sysfs-bus-pci ABI)
  dmesg: "[    0.000000] DMAR: IOMMU enabled" (drivers/iommu/intel/iommu.c)
  lscpu -p=CPU,CORE,SOCKET,NODE: header comments then "cpu,core,socket,node" (util-linux lscpu, as printed on this ''' +
        '''project's build machine)
  modinfo -F filename: the module's path (kmod modinfo(8)); assumed "(builtin)" for a built-in module
  cp -p: the copy keeps the original's modification time (coreutils cp --preserve)
  update-grub, update-initramfs: their Debian 12 progress messages (update-grub on stderr)
  virsh 9.0: output then an empty line; "error: ..." on stderr (checked against virsh -c test:///default); domain ''' +
        '''XML re-printed with single-quoted attributes (parsed and printed with the JDK's DOM); update-initramfs ''' +
        '''copies every /etc/modprobe.d/*.conf
  reboot: the connection drops (recorded as error: connection lost)'''

    /** What the HGX demo (demo-hgx) adds for host preparation, after {@link #KVM_SOURCE}. */
    static final String PREP_SOURCE = '''\
  the host is demo-hgx (8 GPUs behind PCIe switches, ConnectX-7s, NVSwitches, two NUMA nodes)
  setpci -s BDF ECAP_ACS+0x6.w: "%04x" (pciutils setpci.c); =VALUE writes silently; a reboot restores the boot value
  systemctl 252: enable prints "Created symlink ... → ..." on stderr; restart runs a oneshot unit's ExecStart lines
  mlxconfig: the device block and "Configurations: ... Next Boot" rows (NVIDIA MFT documentation, "Examples of ''' +
        '''mlxconfig Usage"); set takes effect at the next boot
  tee into nr_hugepages: the kernel gives no more pages than the node holds'''

    @ParentCommand
    Main main

    @Parameters(index = '0', paramLabel = 'RECIPES', description = 'The recipes directory (tapes go to its ' +
            'xcp-ng/tapes and kvm/tapes).')
    File dir

    /** name -> [recipes applied first, the recipe recorded] */
    static final Map<String, List<String>> SCENARIOS = [
        'xcp-ng/nic-passthrough.fresh'     : ['nic-passthrough'],
        'xcp-ng/nic-passthrough.second-run': ['nic-passthrough', 'nic-passthrough'],
        'xcp-ng/gpu-passthrough.fresh'     : ['gpu-passthrough'],
        'xcp-ng/gpu-passthrough.second-run': ['gpu-passthrough', 'gpu-passthrough'],
        'xcp-ng/nic-detach.fresh'          : ['nic-passthrough', 'nic-detach'],
        'xcp-ng/nic-detach.second-run'     : ['nic-passthrough', 'nic-detach', 'nic-detach'],
        'xcp-ng/xen-boot-options.fresh'    : ['xen-boot-options'],
        'xcp-ng/xen-boot-options.second-run': ['xen-boot-options', 'xen-boot-options'],
        'xcp-ng/vgpu-passthrough.fresh'    : ['vgpu-passthrough'],
        'xcp-ng/vgpu-passthrough.second-run': ['vgpu-passthrough', 'vgpu-passthrough'],
        'xcp-ng/vgpu-mxgpu.fresh'          : ['vgpu-mxgpu'],
        'xcp-ng/vgpu-mxgpu.second-run'     : ['vgpu-mxgpu', 'vgpu-mxgpu'],
        'xcp-ng/usb-stick.fresh'           : ['usb-stick'],
        'xcp-ng/usb-stick.second-run'      : ['usb-stick', 'usb-stick'],
        'xcp-ng/usb-keyboard.fresh'        : ['usb-keyboard'],
        'xcp-ng/usb-keyboard.second-run'   : ['usb-keyboard', 'usb-keyboard'],
        'xcp-ng/numa-runtime.fresh'        : ['numa-runtime'],
        'xcp-ng/numa-runtime.second-run'   : ['numa-runtime', 'numa-runtime'],
        'kvm/vfio-gpu.fresh'               : ['vfio-gpu'],
        'kvm/vfio-gpu.second-run'          : ['vfio-gpu', 'vfio-gpu'],
        'kvm/vfio-gpu-undo.fresh'          : ['vfio-gpu', 'vfio-gpu-undo'],
        'kvm/vfio-gpu-undo.second-run'     : ['vfio-gpu', 'vfio-gpu-undo', 'vfio-gpu-undo'],
        'kvm/hgx-host-prep.fresh'          : ['hgx-host-prep'],
        'kvm/hgx-host-prep.second-run'     : ['hgx-host-prep', 'hgx-host-prep'],
        'kvm/hgx-host-prep-undo.fresh'     : ['hgx-host-prep', 'hgx-host-prep-undo'],
        'kvm/hgx-host-prep-undo.second-run': ['hgx-host-prep', 'hgx-host-prep-undo', 'hgx-host-prep-undo'],
        'kvm/hgx-mirror.fresh'             : ['hgx-mirror'],
        'kvm/hgx-mirror.second-run'        : ['hgx-mirror', 'hgx-mirror'],
    ]

    Integer call() {
        Runner quiet = new Runner(new PrintStream(OutputStream.nullOutputStream()), main.err, false)
        RunOptions demoRun = new RunOptions(rebootTimeoutMillis: 1000L)
        SCENARIOS.each { String key, List<String> steps ->
            String kind = key.tokenize('/')[0]
            File recipes = new File(dir, kind)
            DemoHost demo = kind == 'kvm' ? (key.contains('/hgx-') ? DemoHgx.host() : new DemoKvmHost())
                    : new DemoXcpngHost()
            steps.dropRight(1).each { String r ->
                check(quiet.run(Runner.load(new File(recipes, "${r}.groovy")), demo, demoRun), r)
            }
            RecordingTransport rec = new RecordingTransport(demo, new Redactor([]))
            Recipe recipe = Runner.load(new File(recipes, "${steps.last()}.groovy"))
            check(quiet.run(recipe, rec, demoRun), steps.last())
            File f = new File(recipes, "tapes/${key.tokenize('/')[1]}.yaml")
            f.parentFile.mkdirs()
            f.setText(TapeWriter.write(rec.tape(demo.label(), quiet.lastFlavour, steps.last(),
                    kind == 'kvm' ? (key.contains('/hgx-') ? KVM_SOURCE + '\n' + PREP_SOURCE : KVM_SOURCE) :
                            key.contains('/vgpu-') ? GPU_SOURCE :
                            key.startsWith('xcp-ng/usb-') ? SOURCE + USB_SOURCE : SOURCE)),
                    'UTF-8')
            main.out.println("wrote ${f}")
        }
        0
    }

    private static void check(RunResult r, String recipe) {
        if (r.failed) throw new IllegalStateException("recipe ${recipe} failed on the demo host; tapes not written")
    }
}
