package dev.passthru.runtime.twinmake

import dev.passthru.dsl.PciAddress
import dev.passthru.runtime.pci.Lspci
import dev.passthru.runtime.pci.PciFunction
import groovy.transform.CompileStatic

/**
 * One function of {@code lspci -nnk -D} as a twin keeps it: passthru's reading ({@link Lspci}: ids, driver,
 * modules) plus the text a simulator prints back, the names line after the slot and the Subsystem line.
 */
@CompileStatic
final class LspciBlock {
    final PciAddress address
    final String slot
    final String names
    final String subsystem
    final String ids
    final String driver
    final List<String> modules

    private LspciBlock(PciFunction f, String slot, String names, String subsystem) {
        this.address = f.address
        this.slot = slot
        this.names = names
        this.subsystem = subsystem
        this.ids = "${f.vendorId}:${f.deviceId}".toString()
        this.driver = f.driver
        this.modules = List.copyOf(f.modules)
    }

    /** Every function of the output, in its order. */
    static List<LspciBlock> parse(String text) {
        List<PciFunction> functions = Lspci.parse(text)
        List<String> heads = []
        Map<Integer, String> subsystems = [:]
        text.readLines().each { String line ->
            if (!line.trim()) return
            if (!line.startsWith('\t') && !line.startsWith(' ')) heads << line
            else if (line.trim().startsWith('Subsystem: ')) subsystems[heads.size() - 1] = line.trim().substring(11)
        }
        (0..<functions.size()).collect { int i ->
            String head = heads[i]
            int space = head.indexOf(' ')
            new LspciBlock(functions[i], head.substring(0, space), head.substring(space + 1), subsystems[i])
        }
    }
}
