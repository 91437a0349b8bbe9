package dev.passthru.dsl

import groovy.transform.CompileStatic
import org.codehaus.groovy.ast.ClassCodeVisitorSupport
import org.codehaus.groovy.ast.ClassNode
import org.codehaus.groovy.ast.expr.ClassExpression
import org.codehaus.groovy.ast.expr.Expression
import org.codehaus.groovy.ast.expr.MethodCallExpression
import org.codehaus.groovy.ast.expr.MethodPointerExpression
import org.codehaus.groovy.ast.expr.PropertyExpression
import org.codehaus.groovy.ast.expr.StaticMethodCallExpression
import org.codehaus.groovy.classgen.GeneratorContext
import org.codehaus.groovy.control.CompilePhase
import org.codehaus.groovy.control.SourceUnit
import org.codehaus.groovy.control.customizers.CompilationCustomizer

/**
 * Refuses, when a recipe compiles, the calls written in it that would end passthru's process:
 * {@code System.exit}, {@code Runtime.getRuntime().exit/halt} (also as {@code Runtime.runtime},
 * {@code System.&exit}, a static import). {@link ExitGuard} catches the forms only known when the recipe runs.
 */
@CompileStatic
class ExitCallCheck extends CompilationCustomizer {
    static final Set<String> ENDING = ['exit', 'halt'] as Set<String>

    ExitCallCheck() { super(CompilePhase.CANONICALIZATION) }

    @Override
    void call(SourceUnit source, GeneratorContext context, ClassNode classNode) {
        new Finder(source).visitClass(classNode)
    }

    /** "System.exit" or "Runtime.halt", as messages name the call. */
    static String named(Class owner, String method) { "${owner.simpleName}.${method}".toString() }

    private static final class Finder extends ClassCodeVisitorSupport {
        private final SourceUnit source

        Finder(SourceUnit source) { this.source = source }

        protected SourceUnit getSourceUnit() { source }

        @Override
        void visitMethodCallExpression(MethodCallExpression call) {
            check(call, call.objectExpression, call.methodAsString)
            super.visitMethodCallExpression(call)
        }

        @Override
        void visitStaticMethodCallExpression(StaticMethodCallExpression call) {
            check(call, new ClassExpression(call.ownerType), call.method)
            super.visitStaticMethodCallExpression(call)
        }

        @Override
        void visitMethodPointerExpression(MethodPointerExpression pointer) {
            check(pointer, pointer.expression, pointer.methodName.text)
            super.visitMethodPointerExpression(pointer)
        }

        private void check(Expression at, Expression receiver, String method) {
            if (!(method in ENDING)) return
            Class owner = owner(receiver)
            if (owner == null) return
            source.addError(new RefusedSyntax("recipes cannot end the process (${named(owner, method)})", at))
        }

        /** System or Runtime when the receiver is that class, or Runtime.getRuntime() / Runtime.runtime. */
        private static Class owner(Expression e) {
            if (e instanceof ClassExpression) {
                String name = e.type.name
                if (name == System.name) return System
                if (name == Runtime.name) return Runtime
                return null
            }
            if (e instanceof MethodCallExpression) return runtimeOf(((MethodCallExpression) e).objectExpression)
            if (e instanceof PropertyExpression) return runtimeOf(((PropertyExpression) e).objectExpression)
            null
        }

        /** Runtime when {@code e} is the Runtime class ({@code Runtime.getRuntime()}, {@code Runtime.runtime}). */
        private static Class runtimeOf(Expression e) { owner(e).is(Runtime) ? Runtime : null }
    }
}
