package dev.passthru.runtime.twinmake

import dev.passthru.runtime.twin.TwinException
import groovy.transform.CompileStatic

/** Makes a Xcpng twin from what a host or a recording answers (read-only). */
@CompileStatic
final class XcpngTwinMaker {
    private XcpngTwinMaker() {}

    /** The twin of the host {@code reads} reads, named {@code label}, made from {@code source} (for the file's header). */
    static TwinMade make(TwinReads reads, String label, String source) {
        throw new TwinException('twin make: not yet for this flavour')
    }
}
