package dev.passthru.spec

/** Paths in the repository, for specs that read shipped recipes and tapes. */
final class Repo {
    static File root() { new File(System.getProperty('passthru.root') ?: '..').canonicalFile }

    static File file(String relative) { new File(root(), relative) }
}
