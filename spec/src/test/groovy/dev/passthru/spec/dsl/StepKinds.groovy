package dev.passthru.spec.dsl

import dev.passthru.dsl.Step

import java.lang.reflect.Modifier
import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.Paths
import java.util.jar.JarFile

/** Every concrete step kind compiled into the dsl package (directory or jar), so a new kind is found by the specs. */
final class StepKinds {
    private StepKinds() {}

    static List<Class> all() {
        Path where = Paths.get(Step.protectionDomain.codeSource.location.toURI())
        String pkg = Step.package.name.replace('.', '/') + '/'
        List<String> names
        if (Files.isDirectory(where)) {
            names = Files.list(where.resolve(pkg)).withCloseable { s -> s.map { it.fileName.toString() }.toList() }
        } else {
            names = new JarFile(where.toFile()).withCloseable { JarFile j ->
                j.entries().toList()*.name.findAll { it.startsWith(pkg) && it.indexOf('/', pkg.length()) < 0 }
                        .collect { it.substring(pkg.length()) }
            }
        }
        names.findAll { it.endsWith('.class') && !it.contains('$') }
                .collect { Class.forName(Step.package.name + '.' + it.replace('.class', ''), false, Step.classLoader) }
                .findAll { Class c -> Step.isAssignableFrom(c) && !Modifier.isAbstract(c.modifiers) }
                .sort { it.simpleName }
    }
}
