package dev.passthru.spec.cli

import dev.passthru.spec.Repo
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Files
import java.nio.file.Path
import java.util.concurrent.TimeUnit

/** ./passthru install DIR: a passthru command that works from any directory, through a symlink. */
class InstallSpec extends Specification {
    @TempDir
    Path tmp

    /** Runs a command in {@code dir} with a minimal environment; returns [exit code, output]. */
    List run(File dir, Map<String, String> env, String... command) {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir).redirectErrorStream(true)
        pb.environment().putAll(env)
        Process p = pb.start()
        String out = p.inputStream.getText('UTF-8')
        assert p.waitFor(300, TimeUnit.SECONDS)
        [p.exitValue(), out]
    }

    def "the launcher installed into a bin directory runs a recipe from another directory, through the symlink"() {
        given:
        File bin = tmp.resolve('bin').toFile()
        File elsewhere = Files.createDirectories(tmp.resolve('elsewhere')).toFile()
        File recipe = new File(elsewhere, 'nic.groovy')
        recipe.text = Repo.file('recipes/xcp-ng/nic-passthrough.groovy').text
        Map<String, String> env = [PASSTHRU_HOME: tmp.resolve('home').toString(), PASSTHRU_SKIP_BUILD: '1']

        when:
        List installed = run(elsewhere, env, Repo.file('passthru').path, 'install', bin.path)
        List planned = run(elsewhere, env, new File(bin, 'passthru').path, 'plan', 'nic.groovy')

        then:
        installed[0] == 0
        installed[1].contains("installed: ${bin}/passthru -> ${Repo.file('passthru').canonicalPath}")
        installed[1].contains("note: ${bin} is not on your PATH")
        Files.isSymbolicLink(bin.toPath().resolve('passthru'))
        planned[0] == 0
        planned[1].contains('Plan: 5 to change, 0 ok, 1 pending.')
    }

    def "install outside the launcher says how to run it"() {
        when:
        CliRun r = CliRun.of(tmp, ['install', tmp.resolve('bin').toString()])

        then:
        r.code == 64
        r.err.readLines()[0] == 'error: install: run it through the launcher (./passthru install DIR), ' +
                'which knows where the checkout is'
    }
}
