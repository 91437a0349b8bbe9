package dev.passthru.runtime.replay

import groovy.transform.CompileStatic

/**
 * Where a recipe's tapes are: {@code tapes/NAME.*.yaml} beside {@code NAME.groovy} (e.g. recipes/kvm/vfio-gpu.groovy
 * and recipes/kvm/tapes/vfio-gpu.fresh.yaml); a tape's {@code recipe:} header, when it has one, names its recipe.
 */
@CompileStatic
final class TapeConvention {
    private TapeConvention() {}

    /** The recipe's name: its file name without {@code .groovy}. */
    static String recipeName(File recipe) { recipe.name.endsWith('.groovy') ? recipe.name[0..-8] : recipe.name }

    /** The tapes beside {@code recipe} by the convention, sorted by name. */
    static List<File> tapes(File recipe) {
        String prefix = recipeName(recipe) + '.'
        File dir = new File(recipe.parentFile ?: new File('.'), 'tapes')
        File[] found = dir.listFiles({ File f ->
            f.isFile() && f.name.startsWith(prefix) && f.name.endsWith('.yaml') && f.name.length() > prefix.length() + 5
        } as FileFilter)
        (found ?: new File[0]).toList().sort { File f -> f.name }
    }
}
