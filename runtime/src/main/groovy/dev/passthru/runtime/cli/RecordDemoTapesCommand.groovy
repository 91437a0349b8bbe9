package dev.passthru.runtime.cli

import dev.passthru.dsl.Recipe
import dev.passthru.runtime.demo.DemoXcpngHost
import dev.passthru.runtime.engine.RunResult
import dev.passthru.runtime.tape.RecordingTransport
import dev.passthru.runtime.tape.Redactor
import dev.passthru.runtime.tape.TapeWriter
import dev.passthru.runtime.xcpng.XcpngFlavour
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
@Command(name = 'record-demo-tapes', hidden = true, description = 'Re-record recipes/xcp-ng/tapes from the demo host.')
class RecordDemoTapesCommand implements Callable<Integer> {
    static final String SOURCE = '''\
hand-made: recorded from passthru's built-in demo host, a simulated XCP-ng 8.3 (no real host was recorded).
Output formats, as the simulator renders them:
  xen-cmdline --get-dom0 KEY: "KEY=VALUE" or nothing (XCP-ng docs, Compute > PCI passthrough)
  xl pci-assignable-list: one "%04x:%02x:%02x.%01x" per line (xen tools/xl/xl_pci.c, pciassignable_list)
  xl info: "%-23s: %s" lines (xen tools/xl/xl_info.c)
  xe ... --minimal: comma-separated values, an empty line for none (xe CLI)
  xe vm-param-get of a map parameter: "key: value; key: value" (XenServer Administrator's Guide, Parameter types)
  lspci -D: "DDDD:BB:SS.F Class: Vendor Device (rev NN)" (pciutils lspci(8))
  reboot: the connection drops (recorded as error: connection lost)'''

    @ParentCommand
    Main main

    @Parameters(index = '0', paramLabel = 'DIR', description = 'Where to write the tapes.')
    File dir

    /** name -> [recipes applied first, the recipe recorded] */
    static final Map<String, List<String>> SCENARIOS = [
        'nic-passthrough.fresh'     : ['nic-passthrough'],
        'nic-passthrough.second-run': ['nic-passthrough', 'nic-passthrough'],
        'gpu-passthrough.fresh'     : ['gpu-passthrough'],
        'gpu-passthrough.second-run': ['gpu-passthrough', 'gpu-passthrough'],
        'nic-detach.fresh'          : ['nic-passthrough', 'nic-detach'],
        'nic-detach.second-run'     : ['nic-passthrough', 'nic-detach', 'nic-detach'],
    ]

    Integer call() {
        File recipes = new File('recipes/xcp-ng')
        dir.mkdirs()
        Runner quiet = new Runner(new PrintStream(OutputStream.nullOutputStream()), main.err, false)
        SCENARIOS.each { String name, List<String> steps ->
            DemoXcpngHost demo = new DemoXcpngHost()
            steps.dropRight(1).each { String r -> check(quiet.run(Runner.load(new File(recipes, "${r}.groovy")), demo, false, null, 1000L, false), r) }
            RecordingTransport rec = new RecordingTransport(demo, Redactor.none())
            Recipe recipe = Runner.load(new File(recipes, "${steps.last()}.groovy"))
            check(quiet.run(recipe, rec, false, null, 1000L, false), steps.last())
            File f = new File(dir, "${name}.yaml")
            f.setText(TapeWriter.write(rec.tape(DemoXcpngHost.LABEL, XcpngFlavour.NAME, SOURCE)), 'UTF-8')
            main.out.println("wrote ${f}")
        }
        0
    }

    private static void check(RunResult r, String recipe) {
        if (r.failed) throw new IllegalStateException("recipe ${recipe} failed on the demo host; tapes not written")
    }
}
