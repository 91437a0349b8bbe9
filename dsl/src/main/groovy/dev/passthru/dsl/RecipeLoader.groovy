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
    Recipe load(String text, String shownName, String frameName = shownName.tokenize('/').last(), String host = null, Map<String, Object> vars = [:]) {
        Locator locator = new Locator(shownName, frameName)
        RecipeVars recipeVars = new RecipeVars(vars, host)
        recipeVars.locator = locator
        CompilerConfiguration config = new CompilerConfiguration()
        config.scriptBaseClass = RecipeScript.name
        GroovyShell shell = new GroovyShell(RecipeLoader.classLoader, new Binding([vars: recipeVars, inventory_hostname: host] as Map), config)
        RecipeScript script
        try {
            script = (RecipeScript) shell.parse(new GroovyCodeSource(text, frameName, '/groovy/recipe'))
        } catch (MultipleCompilationErrorsException e) {
            throw compileError(e, shownName)
        }
        script.locator = locator
        try {
            script.run()
        } catch (RecipeException e) {
            throw e
        } catch (MissingMethodException e) {
            throw new RecipeException(locator.in(e), "unknown method '${e.method}'${argsText(e.arguments)} here")
        } catch (MissingPropertyException e) {
            throw new RecipeException(locator.in(e), "unknown name '${e.property}'")
        } catch (Exception e) {
            throw new RecipeException(locator.in(e), "${e.class.simpleName}: ${e.message}")
        }
        if (script.recipes.isEmpty()) throw new RecipeException(new SourceLocation(shownName, 0), "holds no recipe('name') { ... } block")
        script.recipes[0]
    }

    private static String argsText(Object[] args) {
        args ? " with (${args.collect { it == null ? 'null' : it.getClass().simpleName }.join(', ')})" : ''
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

    private static RecipeException compileError(MultipleCompilationErrorsException e, String shownName) {
        Message first = e.errorCollector.errors ? (Message) e.errorCollector.errors[0] : null
        if (first instanceof SyntaxErrorMessage) {
            SyntaxException cause = ((SyntaxErrorMessage) first).cause
            return new RecipeException(new SourceLocation(shownName, cause.line), "Groovy syntax error: ${syntaxText(cause.originalMessage)}")
        }
        if (first instanceof ExceptionMessage) {
            return new RecipeException(new SourceLocation(shownName, 0), "does not compile: ${((ExceptionMessage) first).cause.message}")
        }
        new RecipeException(new SourceLocation(shownName, 0), "does not compile: ${e.message.readLines().find { String l -> l.trim() } ?: e.message}")
    }
}
