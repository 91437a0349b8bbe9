package dev.passthru.runtime.cli

import dev.passthru.runtime.engine.RunResult
import dev.passthru.runtime.replay.PairResult
import dev.passthru.runtime.replay.PairTester
import dev.passthru.runtime.replay.RecipeTapes
import groovy.transform.CompileStatic
import picocli.CommandLine.Command
import picocli.CommandLine.Option
import picocli.CommandLine.Parameters
import picocli.CommandLine.ParentCommand

import java.util.concurrent.Callable

/** test: replays every recipe against its tapes strictly, in this JVM, and says which pairs pass. */
@CompileStatic
@Command(name = 'test', mixinStandardHelpOptions = true,
        description = ['Replay recipes against their tapes strictly and check idempotence, in one process.',
                'A recipe NAME.groovy is tested against tapes/NAME.*.yaml beside it (a tape whose recipe: header ' +
                        'names another recipe is skipped). Exit 0 when every pair passes, 2 when one fails.'])
class TestCommand implements Callable<Integer> {
    @ParentCommand
    Main main

    @Parameters(paramLabel = 'DIR|RECIPE', arity = '0..*',
            description = 'Recipes, or directories searched recursively for them (default: the current directory).')
    List<File> paths = []

    @Option(names = '--junit', paramLabel = 'FILE', description = 'Also write the results as JUnit XML.')
    File junit

    Integer call() {
        List<File> roots = paths ?: [new File('.')]
        File missing = roots.find { File f -> !f.exists() }
        if (missing) throw new UsageError("${missing}: no such file or directory")
        List<RecipeTapes> found = RecipeTapes.find(roots)
        if (!found.any { RecipeTapes r -> r.tapes }) {
            throw new UsageError("no recipe with tapes under ${roots.join(', ')} (a recipe NAME.groovy is tested " +
                    'against tapes/NAME.*.yaml beside it)')
        }
        long start = System.nanoTime()
        PairTester tester = new PairTester()
        List<PairResult> results = []
        List<String> untested = found.findAll { RecipeTapes r -> !r.tapes }.collect { RecipeTapes r -> r.recipe.path }
        if (untested) {
            main.out.println("note: not tested, no tapes/NAME.*.yaml beside them: ${untested.take(5).join(', ')}" +
                    (untested.size() > 5 ? " and ${untested.size() - 5} more" : ''))
        }
        found.each { RecipeTapes r -> r.tapes.each { File t -> results << tester.test(r.recipe, t) } }
        long millis = (System.nanoTime() - start).intdiv(1_000_000L) as long
        new TestTable(results).print(main.out)
        if (junit) writeJunit(new TestJunit(results, millis).toXml())
        results.any { PairResult p -> p.failed } ? RunResult.EXIT_FAILED : RunResult.EXIT_OK
    }

    private void writeJunit(String xml) {
        File dir = junit.absoluteFile.parentFile
        if (dir != null) dir.mkdirs()
        junit.setText(xml, 'UTF-8')
        main.out.println("junit written: ${junit}")
    }
}
