package dev.passthru.dsl

import groovy.transform.CompileStatic

/** Groovy's metaclass for a class whose methods can end the process: asks {@link ExitGuard} before every call. */
@CompileStatic
class ExitRefusingMetaClass extends DelegatingMetaClass {
    ExitRefusingMetaClass(MetaClass delegate) { super(delegate) }

    @Override
    Object invokeMethod(Object object, String name, Object[] args) {
        ExitGuard.check(theClass, object, name, args)
        super.invokeMethod(object, name, args)
    }

    @Override
    Object invokeMethod(Object object, String name, Object args) {
        ExitGuard.check(theClass, object, name, args instanceof Object[] ? (Object[]) args : [args] as Object[])
        super.invokeMethod(object, name, args)
    }

    @Override
    Object invokeMethod(Class sender, Object receiver, String name, Object[] args, boolean isCallToSuper,
                        boolean fromInsideClass) {
        ExitGuard.check(theClass, receiver, name, args)
        super.invokeMethod(sender, receiver, name, args, isCallToSuper, fromInsideClass)
    }

    @Override
    Object invokeStaticMethod(Object object, String name, Object[] args) {
        ExitGuard.check(theClass, object, name, args)
        super.invokeStaticMethod(object, name, args)
    }
}
