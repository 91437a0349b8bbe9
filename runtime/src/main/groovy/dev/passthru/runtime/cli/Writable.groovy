package dev.passthru.runtime.cli

import groovy.transform.CompileStatic

import java.nio.file.Files

/**
 * Proves, before a host is touched, that a file or directory the run will write can be written: by creating
 * (and removing) a file there, since permission bits do not tell (root, read-only mounts, full disks).
 */
@CompileStatic
final class Writable {
    private Writable() {}

    /** A usage error naming {@code option} unless {@code file} can be created or replaced. */
    static void file(File file, String option) {
        if (file.isDirectory()) throw new UsageError("${option} ${file}: is a directory; give a file name")
        directory(file.absoluteFile.parentFile, option, file)
    }

    /**
     * A usage error naming {@code option} unless {@code dir} exists (or can be made) and a file can be created
     * in it.
     */
    static void directory(File dir, String option, File shown = dir) {
        if (dir.exists() && !dir.isDirectory()) throw new UsageError("${option} ${shown}: ${dir} is not a directory")
        if (!dir.exists() && !dir.mkdirs()) {
            throw new UsageError("${option} ${shown}: cannot create the directory ${dir}")
        }
        try {
            Files.delete(Files.createTempFile(dir.toPath(), '.passthru-probe-', '.tmp'))
        } catch (IOException | SecurityException e) {
            throw new UsageError("${option} ${shown}: cannot write in ${dir} (${e.class.simpleName}: ${e.message})")
        }
    }
}
