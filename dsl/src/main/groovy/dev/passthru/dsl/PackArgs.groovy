package dev.passthru.dsl

import groovy.transform.CompileStatic

import java.util.regex.Matcher

/** The arguments of {@code supplementalPack}, checked with the recipe's line. */
@CompileStatic
final class PackArgs {
    /** What passthru passes to the host as an ISO path: no spaces, quotes or shell characters. */
    private static final String PATH = /[A-Za-z0-9_.\/+@:-]+\.iso/

    private PackArgs() {}

    /** {@code supplementalPack '/tmp/mxgpu-2.0.0.amd.iso', label: 'mxgpu'} as a step. */
    static SupplementalPackStep pack(Locator locator, Map options, String iso) {
        Set<String> unknown = options.keySet().collect { it.toString() }.toSet() - ['label']
        if (unknown) throw locator.error("supplementalPack: unknown option ${unknown.sort().join(', ')} (only label:)")
        if (iso == null || !(iso ==~ PATH)) {
            throw locator.error("supplementalPack: '${iso}' is not an ISO path passthru passes to the host (a path " +
                    'ending in .iso; letters, digits and _ . / + @ : - only)')
        }
        Object label = options.containsKey('label') ? options.label : defaultLabel(iso)
        if (!(label instanceof CharSequence) || !(label.toString() ==~ /[A-Za-z0-9_.+-]+/)) {
            throw locator.error("supplementalPack: label: '${label}' is not a pack name (letters, digits and _ . + - " +
                    'only)')
        }
        new SupplementalPackStep(iso, label.toString(), locator.here())
    }

    /** The pack name a file name suggests: {@code mxgpu-2.0.0.amd.iso} is {@code mxgpu} (up to "-" and a digit). */
    static String defaultLabel(String iso) {
        String file = iso.substring(iso.lastIndexOf('/') + 1)
        String stem = file.substring(0, file.length() - '.iso'.length())
        Matcher m = stem =~ /-\d/
        m.find() ? stem.substring(0, m.start()) : stem
    }
}
