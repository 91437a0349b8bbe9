package dev.passthru.runtime.replay

import groovy.io.FileType
import groovy.transform.CompileStatic

/** A recipe and the tapes found for it by {@link TapeConvention}. */
@CompileStatic
final class RecipeTapes {
    final File recipe
    final List<File> tapes

    RecipeTapes(File recipe, List<File> tapes) {
        this.recipe = recipe
        this.tapes = List.copyOf(tapes)
    }

    /** Directories a search does not enter: build output, sources (a Maven project's specs), hidden ones. */
    static final Set<String> SKIPPED_DIRS = ['target', 'build', 'src', 'node_modules'] as Set

    /**
     * The recipes under {@code paths} (a directory is searched recursively for {@code *.groovy}, not entering
     * {@link #SKIPPED_DIRS} or hidden directories; a file named is a recipe), each with its tapes, in path order; a
     * path that does not exist is for the caller to refuse first.
     */
    static List<RecipeTapes> find(List<File> paths) {
        List<File> recipes = []
        paths.each { File p ->
            if (p.isDirectory()) {
                List<File> here = []
                collect(p, here)
                recipes.addAll(here.sort { File f -> f.path })
            } else {
                recipes << p
            }
        }
        recipes.unique { File f -> f.absoluteFile.toPath().normalize() }
                .collect { File r -> new RecipeTapes(r, TapeConvention.tapes(r)) }
    }

    private static void collect(File dir, List<File> into) {
        dir.eachFile(FileType.FILES) { File f -> if (f.name.endsWith('.groovy')) into << f }
        dir.eachFile(FileType.DIRECTORIES) { File d ->
            if (!d.name.startsWith('.') && !(d.name in SKIPPED_DIRS)) collect(d, into)
        }
    }
}
