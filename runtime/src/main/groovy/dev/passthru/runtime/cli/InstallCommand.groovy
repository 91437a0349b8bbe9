package dev.passthru.runtime.cli

import groovy.transform.CompileStatic
import picocli.CommandLine.Command
import picocli.CommandLine.Parameters
import picocli.CommandLine.ParentCommand

import java.nio.file.Files
import java.nio.file.Path
import java.util.concurrent.Callable

/** install: a link to this checkout's launcher in a directory on PATH, so passthru runs from any directory. */
@CompileStatic
@Command(name = 'install', mixinStandardHelpOptions = true,
        description = 'Put a passthru command in DIR (e.g. ~/bin, /usr/local/bin): ' +
                'a link to this checkout\'s launcher, which builds when the sources change ' +
                'and works from any directory.')
class InstallCommand implements Callable<Integer> {
    @ParentCommand
    Main main

    @Parameters(index = '0', paramLabel = 'DIR',
            description = 'The directory to put the passthru command in (created if missing).')
    File dir

    Integer call() {
        String launcher = main.env.PASSTHRU_LAUNCHER
        if (!launcher) {
            throw new UsageError('install: run it through the launcher (./passthru install DIR), ' +
                    'which knows where the checkout is')
        }
        Path target = new File(launcher).toPath().toRealPath()
        Writable.directory(dir, 'install')
        Path link = dir.toPath().resolve('passthru')
        if (Files.exists(link) && !Files.isSymbolicLink(link)) {
            throw new UsageError("install: ${link} exists and is not a link; remove it first")
        }
        Files.deleteIfExists(link)
        Files.createSymbolicLink(link, target)
        main.out.println("installed: ${link} -> ${target}")
        String path = main.env.PATH ?: ''
        if (!path.tokenize(':').any { String p -> new File(p).absoluteFile == dir.absoluteFile }) {
            main.out.println("note: ${dir} is not on your PATH; " +
                    "add it (e.g. export PATH=\"${dir.absolutePath}:\$PATH\")")
        }
        0
    }
}
