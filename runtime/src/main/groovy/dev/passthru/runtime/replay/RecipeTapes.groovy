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

    /**
     * The recipes under {@code paths} (a directory is searched recursively for {@code *.groovy}; a file is a recipe),
     * each with its tapes, in path order; a path that does not exist is for the caller to refuse first.
     */
    static List<RecipeTapes> find(List<File> paths) {
        List<File> recipes = []
        paths.each { File p ->
            if (p.isDirectory()) {
                List<File> here = []
                p.eachFileRecurse(FileType.FILES) { File f -> if (f.name.endsWith('.groovy')) here << f }
                recipes.addAll(here.sort { File f -> f.path })
            } else {
                recipes << p
            }
        }
        recipes.unique { File f -> f.absoluteFile.toPath().normalize() }
                .collect { File r -> new RecipeTapes(r, TapeConvention.tapes(r)) }
    }
}
