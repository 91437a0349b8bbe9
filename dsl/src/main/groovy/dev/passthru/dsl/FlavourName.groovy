package dev.passthru.dsl

import groovy.transform.CompileStatic

/** The kinds of host passthru drives, by the word recipes, options, tapes and reports use for them. */
@CompileStatic
enum FlavourName {
    XCPNG('xcpng'), KVM('kvm')

    /** As written: {@code flavour 'kvm'}, {@code --flavour xcpng}. */
    final String word

    private FlavourName(String word) { this.word = word }

    /** The flavour a word names; null for null; IllegalArgumentException naming the words for any other. */
    static FlavourName of(String word) {
        if (word == null) return null
        FlavourName f = values().find { it.word == word }
        if (f == null) throw new IllegalArgumentException("'${word}' is not one of ${words()}")
        f
    }

    /** {@code xcpng, kvm}, for messages. */
    static String words() { values()*.word.join(', ') }

    String toString() { word }
}
