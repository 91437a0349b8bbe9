package dev.passthru.spec.recipes

import java.util.regex.Matcher

/**
 * The VM half of a shipped recipe, taken from its text as shipped: the {@code def NAME = pci '...'} lines and the
 * {@code vm('NAME') { ... }} block, made into a recipe of their own (kernel, hide, reboot and verify steps, which
 * need the real hardware, left out), for a VM of another name and with or without the block's {@code start()}.
 */
final class VmHalf {
    /** The recipe's name, e.g. vfio-gpu. */
    final String recipe
    /** The VM the shipped block is for. */
    final String vm
    /** The device definitions, as shipped. */
    final List<String> defs
    /** The block's steps, one a line, as shipped (comments and indentation dropped). */
    final List<String> steps

    private VmHalf(String recipe, String vm, List<String> defs, List<String> steps) {
        this.recipe = recipe
        this.vm = vm
        this.defs = defs
        this.steps = steps
    }

    /** Reads the one vm { } block of {@code file}; fails when the recipe has none or more than one. */
    static VmHalf of(File file) {
        List<String> lines = file.readLines('UTF-8')
        List<Integer> starts = lines.findIndexValues { it ==~ /\s*vm\('[^']+'\)\s*\{.*/ }*.intValue()
        assert starts.size() == 1: "${file}: expected one vm { } block, found ${starts.size()}"
        Matcher head = lines[starts[0]] =~ /^(\s*)vm\('([^']+)'\)/
        assert head.find()
        int end = (starts[0] + 1..<lines.size()).find { lines[it] == "${head.group(1)}}" } as Integer
        assert end != null: "${file}: the vm block does not close"
        List<String> steps = lines.subList(starts[0] + 1, end).collect { it.replaceFirst(/\s*\/\/.*$/, '').trim() }
                .findAll { it }
        List<String> defs = lines.findAll { it ==~ /\s*def \w+ = pci '[^']+'.*/ }
                .collect { it.replaceFirst(/\s*\/\/.*$/, '').trim() }
        Matcher name = file.text =~ /recipe\('([^']+)'\)/
        assert name.find()
        new VmHalf(name.group(1), head.group(2), defs, steps)
    }

    /** The VM half as a recipe for VM {@code vmName}; {@code start} false leaves the block's start() out. */
    String text(String vmName, boolean start) {
        List<String> body = start ? steps : steps.findAll { it != 'start()' }
        (["recipe('${recipe}, vm half') {", "    flavour 'kvm'"] + defs.collect { "    ${it}" } +
                ["    vm('${vmName}') {"] + body.collect { "        ${it}" } + ['    }', '}']).join('\n') + '\n'
    }

    /** Writes {@link #text} into {@code dir} and gives the file. */
    File write(File dir, String vmName, boolean start) {
        File f = new File(dir, "${recipe}-vm-half${start ? '' : '-no-start'}.groovy")
        f.setText(text(vmName, start), 'UTF-8')
        f
    }
}
