package dev.passthru.dsl

import groovy.transform.CompileStatic
import org.codehaus.groovy.ast.ASTNode
import org.codehaus.groovy.syntax.SyntaxException

/** Groovy that compiles but recipes may not contain: reported as it is at its line, not as a syntax error. */
@CompileStatic
class RefusedSyntax extends SyntaxException {
    RefusedSyntax(String message, ASTNode node) {
        super(message, node.lineNumber, node.columnNumber, node.lastLineNumber, node.lastColumnNumber)
    }
}
