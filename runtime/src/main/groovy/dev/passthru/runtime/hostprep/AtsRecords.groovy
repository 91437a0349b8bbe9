package dev.passthru.runtime.hostprep

import dev.passthru.runtime.kvm.KvmHost
import dev.passthru.runtime.operation.Action
import dev.passthru.runtime.operation.HostCommand
import groovy.transform.CompileStatic

/** Reads the ATS record on the host, and the actions that keep it as wanted (write it, or remove it when empty). */
@CompileStatic
final class AtsRecords {
    private AtsRecords() {}

    static AtsRecord read(KvmHost host) { AtsRecord.parse(host.readOptional(AtsRecord.PATH)) }

    /** Writes {@code wanted} through the host's one file-writing path, or removes the file when it keeps nothing. */
    static List<Action> keep(KvmHost host, AtsRecord wanted) {
        String now = host.readOptional(AtsRecord.PATH)
        if (!wanted.was) return now == null ? [] : [host.removeFile(AtsRecord.PATH)]
        if (now == wanted.text()) return []
        [new HostCommand(PrepCommands.makeDir(AtsRecord.DIR)) as Action] + host.writeFile(AtsRecord.PATH,
                wanted.text(), false)
    }
}
