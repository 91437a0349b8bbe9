package dev.passthru.spec.kvm

import dev.passthru.spec.Repo

/**
 * libvirt's own test domains (lab/libvirt-corpus.sh: libvirt 9.0.0 from Debian bookworm's source package, fetched
 * once and cached under spec/target/libvirt-corpus, as the lab caches its kernel), reduced to the ones libvirt's
 * schema accepts, each text once, and a batch schema check for many files in one xmllint.
 */
final class LibvirtCorpus {
    static final String SCHEMA = '/usr/share/libvirt/schemas/domain.rng'
    static final List<String> DIRS = ['tests/qemuxml2argvdata', 'tests/qemuxml2xmloutdata']

    private LibvirtCorpus() {}

    /** The unpacked source's directory, fetched and unpacked the first time. */
    static File fetch() {
        File work = new File(Repo.file('spec/target/libvirt-corpus'), 'work')
        ProcessBuilder pb = new ProcessBuilder([Repo.file('lab/libvirt-corpus.sh').path]).redirectErrorStream(true)
        pb.environment()['PASSTHRU_LIBVIRT_CORPUS_DIR'] = work.path
        Process p = pb.start()
        String out = p.inputStream.getText('UTF-8')
        if (p.waitFor() != 0) throw new IllegalStateException("lab/libvirt-corpus.sh failed:\n${out}")
        work
    }

    /** Every domain XML file of the two directories, in order (symlinks included, as the source has them). */
    static List<File> files(File work) {
        DIRS.collectMany { String d ->
            (new File(work, d).listFiles()?.findAll { it.name.endsWith('.xml') } ?: []).sort { it.name }
        }
    }

    /** The files libvirt's domain schema accepts, by one xmllint for all of them. */
    static Set<File> valid(List<File> files) {
        Set<File> ok = [] as Set
        files.collate(2000).each { List<File> chunk ->
            Process p = new ProcessBuilder(['xmllint', '--noout', '--relaxng', SCHEMA] + chunk*.path)
                    .redirectErrorStream(true).start()
            String out = p.inputStream.getText('UTF-8')
            p.waitFor()
            Set<String> validates = out.readLines().findAll { it.endsWith(' validates') }
                    .collect { it - ~/ validates$/ } as Set
            if (validates.isEmpty() && !chunk.isEmpty() && !out.contains('fails to validate')) {
                throw new IllegalStateException("xmllint judged nothing:\n${out.take(2000)}")
            }
            ok.addAll(chunk.findAll { validates.contains(it.path) })
        }
        ok
    }

    /** The schema-valid domains, each distinct text once (first file name wins): name (dir/file) to text. */
    static Map<String, String> domains(File work) {
        List<File> all = files(work)
        Set<File> ok = valid(all)
        Map<String, String> out = new LinkedHashMap<>()
        Set<String> seen = [] as Set
        all.findAll { ok.contains(it) }.each { File f ->
            String text = f.getText('UTF-8')
            if (seen.add(text)) out["${f.parentFile.name}/${f.name}".toString()] = text
        }
        out
    }
}
