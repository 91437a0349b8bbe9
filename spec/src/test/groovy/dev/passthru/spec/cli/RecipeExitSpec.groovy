package dev.passthru.spec.cli

import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Path

/**
 * A recipe that tries to end the process is a recipe error at its line (exit 64), and passthru goes on:
 * the command returns here, in this JVM, which a successful System.exit or Runtime.halt would have ended.
 * Written forms are refused when the recipe compiles; forms only known at run time, when they run.
 */
class RecipeExitSpec extends Specification {
    @TempDir
    Path tmp

    def "#form: refused at line #line (#call), exit 64, the JVM lives on"() {
        given:
        File f = tmp.resolve('r.groovy').toFile()
        f.text = text
        InProcessCli cli = new InProcessCli(tmp.resolve('home'))

        when:
        int code = cli.run('plan', f.path)

        then:
        code == 64
        cli.err == "error: ${f.path}:${line}: recipes cannot end the process (${call})\n"
        cli.out.isEmpty()

        where:
        form                           | line | call           | text
        'System.exit'                  | 2    | 'System.exit'  | "recipe('x') {\n  System.exit(3)\n}\n"
        'a quoted method name'         | 2    | 'System.exit'  | "recipe('x') {\n  System.'exit'(3)\n}\n"
        'Runtime.getRuntime().halt'    | 3    | 'Runtime.halt' | "recipe('x') {\n  vm('router') {\n    Runtime.getRuntime().halt(0)\n  }\n}\n"
        'Runtime.runtime.exit'         | 1    | 'Runtime.exit' | "Runtime.runtime.exit(0)\nrecipe('x') {}\n"
        'a method pointer'             | 2    | 'System.exit'  | "recipe('x') {\n  def end = System.&exit\n  end(1)\n}\n"
        'a static import'              | 3    | 'System.exit'  | "import static java.lang.System.exit\nrecipe('x') {\n  exit(1)\n}\n"
        'a computed method name'       | 3    | 'System.exit'  | "recipe('x') {\n  def n = 'ex' + 'it'\n  System.\"\$n\"(1)\n}\n"
        'System held in a variable'    | 3    | 'System.exit'  | "recipe('x') {\n  def s = System\n  s.exit(0)\n}\n"
        'the Runtime in a variable'    | 3    | 'Runtime.halt' | "recipe('x') {\n  def r = Runtime.runtime\n  r.halt(0)\n}\n"
        'a pointer to the Runtime'     | 2    | 'Runtime.halt' | "recipe('x') {\n  def r = Runtime.runtime; def h = r.&halt; h(0)\n}\n"
        'reflection'                   | 2    | 'System.exit'  | "recipe('x') {\n  System.getMethod('exit', int).invoke(null, 0)\n}\n"
        'reflection by name'           | 3    | 'Runtime.halt' | "recipe('x') {\n  def k = Class.forName('java.lang.Runtime')\n  k.getMethod('halt', int).invoke(k.getMethod('getRuntime').invoke(null), 0)\n}\n"
        'a method handle'              | 2    | 'System.exit'  | "recipe('x') {\n  java.lang.invoke.MethodHandles.lookup().findStatic(System, 'exit', java.lang.invoke.MethodType.methodType(void, int)).invoke(0)\n}\n"
        'a script it evaluates'        | 2    | 'System.exit'  | "recipe('x') {\n  evaluate('System.exit(5)')\n}\n"
        'a refusal the recipe catches' | 2    | 'System.exit'  | "recipe('x') {\n  try { def s = System; s.exit(0) } catch (e) { }\n  vm('router') { start() }\n}\n"
    }

    def "code that is not a recipe still calls System and Runtime as before"() {
        given: 'the guard was installed by a recipe run'
        File f = tmp.resolve('r.groovy').toFile()
        f.text = "recipe('x') {\n  def s = System\n  s.exit(0)\n}\n"
        new InProcessCli(tmp.resolve('home')).run('plan', f.path)
        def s = System

        expect:
        s.getProperty('java.version') == System.getProperty('java.version')
        Runtime.runtime.availableProcessors() > 0
        System.getMethod('lineSeparator').invoke(null) == System.lineSeparator()
    }
}
