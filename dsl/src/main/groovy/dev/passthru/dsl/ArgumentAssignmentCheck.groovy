package dev.passthru.dsl

import groovy.transform.CompileStatic
import org.codehaus.groovy.ast.ClassCodeVisitorSupport
import org.codehaus.groovy.ast.ClassNode
import org.codehaus.groovy.ast.expr.ArgumentListExpression
import org.codehaus.groovy.ast.expr.BinaryExpression
import org.codehaus.groovy.ast.expr.Expression
import org.codehaus.groovy.ast.expr.MethodCallExpression
import org.codehaus.groovy.ast.expr.VariableExpression
import org.codehaus.groovy.classgen.GeneratorContext
import org.codehaus.groovy.control.CompilePhase
import org.codehaus.groovy.control.SourceUnit
import org.codehaus.groovy.control.customizers.CompilationCustomizer
import org.codehaus.groovy.syntax.Types

/**
 * Refuses an assignment among a call's arguments: {@code def gpu = pci '06:00.0', audio = pci '06:00.1'}
 * reads as {@code pci('06:00.0', audio = pci('06:00.1'))}, one call with two arguments, not two variables.
 */
@CompileStatic
class ArgumentAssignmentCheck extends CompilationCustomizer {
    ArgumentAssignmentCheck() { super(CompilePhase.CONVERSION) }

    @Override
    void call(SourceUnit source, GeneratorContext context, ClassNode classNode) {
        new Finder(source).visitClass(classNode)
    }

    private static final class Finder extends ClassCodeVisitorSupport {
        private final SourceUnit source

        Finder(SourceUnit source) { this.source = source }

        protected SourceUnit getSourceUnit() { source }

        @Override
        void visitMethodCallExpression(MethodCallExpression call) {
            if (call.arguments instanceof ArgumentListExpression) {
                for (Expression a : ((ArgumentListExpression) call.arguments).expressions) {
                    if (a instanceof BinaryExpression && ((BinaryExpression) a).operation.type == Types.ASSIGN
                            && ((BinaryExpression) a).leftExpression instanceof VariableExpression) {
                        String name = ((VariableExpression) ((BinaryExpression) a).leftExpression).name
                        Expression right = ((BinaryExpression) a).rightExpression
                        String value = right instanceof MethodCallExpression ?
                                "${((MethodCallExpression) right).methodAsString}(...)" : '...'
                        String m = call.methodAsString
                        source.addError(new RefusedSyntax("Groovy reads this as ${m}(..., ${name} = ${value}), " +
                                'one call with an assignment among its arguments: ' +
                                "write ${m}(...), ${name} = ${value} with parentheses, or one def per line", a))
                        break
                    }
                }
            }
            super.visitMethodCallExpression(call)
        }
    }
}
