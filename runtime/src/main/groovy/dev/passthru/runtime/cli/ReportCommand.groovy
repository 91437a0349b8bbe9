package dev.passthru.runtime.cli

import dev.passthru.runtime.fleet.FleetReport
import groovy.transform.CompileStatic
import picocli.CommandLine.Command
import picocli.CommandLine.Option
import picocli.CommandLine.Parameters
import picocli.CommandLine.ParentCommand

import java.util.concurrent.Callable

/** Merges fleet reports (one per CI shard) into one, and prints its summary; writes JSON and JUnit. */
@CompileStatic
@Command(name = 'report', mixinStandardHelpOptions = true, description = 'Merge fleet reports (the --report-json of ' +
        'each --shard) into one; print the summary, write JSON and JUnit. Exit 2 when a host failed.')
class ReportCommand implements Callable<Integer> {
    @ParentCommand
    Main main

    @Parameters(paramLabel = 'REPORT', arity = '1..*', description = 'JSON reports written by apply --inventory ... ' +
            '--report-json.')
    List<File> reports = []

    @Option(names = '--json', paramLabel = 'FILE', description = 'Write the merged report as JSON.')
    File json

    @Option(names = '--junit', paramLabel = 'FILE', description = 'Write the merged report as JUnit XML.')
    File junit

    Integer call() {
        FleetReport merged
        try {
            merged = FleetReport.merge(reports.collect { File f ->
                if (!f.isFile()) throw new IllegalArgumentException("${f}: no such report")
                FleetReport.fromJson(f.getText('UTF-8'), f.path)
            })
        } catch (IllegalArgumentException e) {
            throw new UsageError(e.message)
        }
        main.out.println(FleetCli.table(merged))
        main.out.println()
        main.out.print(merged.summary())
        if (json) {
            json.absoluteFile.parentFile?.mkdirs()
            json.setText(merged.toJson(), 'UTF-8')
            main.out.println("report: ${json}")
        }
        if (junit) {
            junit.absoluteFile.parentFile?.mkdirs()
            junit.setText(merged.toJunit(), 'UTF-8')
            main.out.println("junit: ${junit}")
        }
        merged.failed ? 2 : 0
    }
}
