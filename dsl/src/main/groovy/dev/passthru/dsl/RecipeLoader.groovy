package dev.passthru.dsl

import groovy.transform.CompileStatic
import org.codehaus.groovy.control.CompilerConfiguration
import org.codehaus.groovy.control.MultipleCompilationErrorsException
import org.codehaus.groovy.control.messages.ExceptionMessage
import org.codehaus.groovy.control.messages.Message
import org.codehaus.groovy.control.messages.SyntaxErrorMessage
import org.codehaus.groovy.syntax.SyntaxException

/**
 * Compiles and runs a recipe file. Every mistake in it (Groovy syntax, an unknown DSL method, a bad
 * PCI address) comes out as a {@link RecipeException} naming the file and line.
 */
@CompileStatic
final class RecipeLoader {

    /** Loads the one recipe a file holds; {@code shownName} is how messages name the file. */
    Recipe load(File file, String shownName = file.path) { load(file, shownName, null, [:]) }

    /** Loads a recipe for one inventory host: {@code vars} are that host's variables, read as {@code vars.name}. */
    Recipe load(File file, String shownName, String host, Map<String, Object> vars) {
        if (!file.isFile()) throw new RecipeException(new SourceLocation(shownName, 0), 'no such recipe file')
        load(file.getText('UTF-8'), shownName, file.name, host, vars)
    }

    /** Loads a recipe from text (for tests and tools); {@code frameName} is the compiled script's file name. */
    Recipe load(String text, String shownName, String frameName = shownName.tokenize('/').last(), String host = null,
            Map<String, Object> vars = [:]) {
        compile(text, shownName, frameName).run(host, vars)
    }

    /** A recipe file compiled once, to run for many hosts (a fleet compiles each recipe once, not once per host). */
    static final class Compiled {
        private final Class<? extends RecipeScript> type
        private final String shownName
        private final String frameName

        private Compiled(Class<? extends RecipeScript> type, String shownName, String frameName) {
            this.type = type
            this.shownName = shownName
            this.frameName = frameName
        }

        /**
         * Runs the recipe for one host: {@code vars} are its variables (empty outside a fleet), {@code facts}
         * reads what the host is, called only if the recipe reads {@code facts}; the recipe's own print and
         * println go to {@code printed}.
         */
        Recipe run(String host = null, Map<String, Object> vars = [:], Closure<Map<String, Object>> facts = null,
                PrintStream printed = System.out) {
            Locator locator = new Locator(shownName, frameName)
            RecipeVars recipeVars = new RecipeVars(vars, host)
            recipeVars.locator = locator
            RecipeScript script = type.getDeclaredConstructor().newInstance()
            script.binding = new Binding([vars: recipeVars, inventory_hostname: host,
                    facts: new RecipeFacts(facts, locator), out: printed] as Map)
            script.locator = locator
            script.printed = printed
            try {
                ExitGuard.during(locator) { script.run() }
            } catch (RecipeException e) {
                throw e
            } catch (MissingMethodException e) {
                Class block = DslWords.blockOf(e.type)
                if (block != null) {
                    throw new RecipeException(locator.in(e), DslWords.unknown(block, e.method, e.arguments))
                }
                throw new RecipeException(locator.in(e), DslWords.noMethod(e.type, e.method, e.arguments))
            } catch (MissingPropertyException e) {
                Class block = DslWords.blockOf(e.type)
                if (block != null || e.type == null) {
                    throw new RecipeException(locator.in(e), DslWords.unknownName(block ?: RecipeContext, e.property))
                }
                throw new RecipeException(locator.in(e), "${e.type.simpleName} has no property '${e.property}'")
            } catch (Exception e) {
                throw new RecipeException(locator.in(e), "${e.class.simpleName}: ${e.message}")
            }
            if (script.recipes.isEmpty()) {
                throw new RecipeException(new SourceLocation(shownName, 0), "holds no recipe('name') { ... } block")
            }
            script.recipes[0]
        }
    }

    /** Compiles a recipe's text; a syntax error is a RecipeException at its line. */
    Compiled compile(String text, String shownName, String fileName = shownName.tokenize('/').last()) {
        // the script's class takes its name from the file: prefixed, so a recipe in facts.groovy or vars.groovy
        // does not shadow the facts and vars it reads
        String frameName = "recipe_${fileName}".toString()
        CompilerConfiguration config = new CompilerConfiguration()
        config.scriptBaseClass = RecipeScript.name
        config.addCompilationCustomizers(new ArgumentAssignmentCheck(), new ExitCallCheck())
        GroovyShell shell = new GroovyShell(RecipeLoader.classLoader, new Binding(), config)
        try {
            Class<? extends RecipeScript> type = ExitGuard.during(new Locator(shownName, frameName)) {
                (Class<? extends RecipeScript>) shell.parse(new GroovyCodeSource(text, frameName,
                        '/groovy/recipe')).getClass()
            }
            new Compiled(type, shownName, frameName)
        } catch (MultipleCompilationErrorsException e) {
            throw compileError(e, shownName, text)
        }
    }

    /** Compiles a recipe file once (see {@link Compiled}). */
    Compiled compile(File file, String shownName = file.path) {
        if (!file.isFile()) throw new RecipeException(new SourceLocation(shownName, 0), 'no such recipe file')
        compile(file.getText('UTF-8'), shownName, file.name)
    }

    /** Groovy quotes everything from the start of the broken construct; the user needs the line where it broke. */
    private static String syntaxText(String message) {
        java.util.regex.Matcher m = message =~ /(?s)^Unexpected input: '(.*)'\s*$/
        if (m.matches()) {
            List<String> lines = m.group(1).split(/\\n|\n/).findAll { String l -> l.trim() } as List<String>
            String near = lines ? lines.last().trim() : ''
            return "unexpected input at '${near}'"
        }
        message.readLines()[0]
    }

    private static RecipeException compileError(MultipleCompilationErrorsException e, String shownName, String text) {
        Message first = e.errorCollector.errors ? (Message) e.errorCollector.errors[0] : null
        if (first instanceof SyntaxErrorMessage && ((SyntaxErrorMessage) first).cause instanceof RefusedSyntax) {
            SyntaxException cause = ((SyntaxErrorMessage) first).cause
            return new RecipeException(new SourceLocation(shownName, cause.line), cause.originalMessage)
        }
        if (first instanceof SyntaxErrorMessage) {
            SyntaxException cause = ((SyntaxErrorMessage) first).cause
            String groovy = syntaxText(cause.originalMessage)
            BracketScanner.Unbalanced where = BracketScanner.scan(text)
            if (where != null) {
                return new RecipeException(new SourceLocation(shownName, where.line),
                        "${where.message} (Groovy: ${groovy} on line ${cause.line})")
            }
            return new RecipeException(new SourceLocation(shownName, cause.line), "Groovy syntax error: ${groovy}")
        }
        if (first instanceof ExceptionMessage) {
            return new RecipeException(new SourceLocation(shownName, 0),
                    "does not compile: ${((ExceptionMessage) first).cause.message}")
        }
        new RecipeException(new SourceLocation(shownName, 0), "does not compile: " +
                "${e.message.readLines().find { String l -> l.trim() } ?: e.message}")
    }
}
