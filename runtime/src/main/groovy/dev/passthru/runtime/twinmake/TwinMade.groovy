package dev.passthru.runtime.twinmake

import dev.passthru.runtime.demo.DemoHost
import dev.passthru.runtime.twin.TwinFile
import groovy.transform.CompileStatic

/**
 * A twin made from a real host or a recording: the simulated host, where it came from, and each part of the twin
 * file that could not be derived from the source (the simulator's default is written there, and the file says so).
 */
@CompileStatic
final class TwinMade {
    final DemoHost host
    final String source
    final List<String> notDerived

    TwinMade(DemoHost host, String source, List<String> notDerived) {
        this.host = host
        this.source = source
        this.notDerived = List.copyOf(notDerived)
    }

    /** The twin file: its header, what it was made from and what was not derived (as comments), then the host. */
    String text() {
        String body = TwinFile.write(host)
        StringBuilder b = new StringBuilder(TwinFile.HEADER)
        b << "# made by passthru twin make from ${source}\n"
        if (notDerived) {
            b << '# not derived from the source (the value written is a default; check it):\n'
            notDerived.each { String n -> b << "#   ${n}\n" }
        }
        b << body.substring(TwinFile.HEADER.length())
        b.toString()
    }
}
