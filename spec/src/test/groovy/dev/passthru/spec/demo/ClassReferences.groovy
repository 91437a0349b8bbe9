package dev.passthru.spec.demo

import java.util.jar.JarFile
import java.util.regex.Matcher

/**
 * The product classes a compiled class names, read from its constant pool (JVM spec 4.4): every class,
 * field and method descriptor and signature, and string constants, so a reference made through an import,
 * a fully qualified name, a field type or a closure's signature is seen alike.
 */
final class ClassReferences {
    /** A member a class calls or reads: the owner's internal name and the member's name. */
    static final class Member {
        final String owner
        final String name

        Member(String owner, String name) {
            this.owner = owner
            this.name = name
        }

        @Override
        String toString() { "${owner}.${name}" }
    }

    /** Internal names (dev/passthru/...) that occur anywhere in the constant pool, inner-class suffixes dropped. */
    final Set<String> names = new TreeSet<>()
    /** Methods and fields referenced, with their owner. */
    final List<Member> members = []
    /** Every class named by a class constant, as its full internal name (inner classes included). */
    final Set<String> classes = new TreeSet<>()

    private ClassReferences() {}

    /** Reads one class file. */
    static ClassReferences read(byte[] bytes) {
        ClassReferences r = new ClassReferences()
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))
        if ((in.readInt() & 0xFFFFFFFFL) != 0xCAFEBABEL) throw new IllegalArgumentException('not a class file')
        in.readUnsignedShort()
        in.readUnsignedShort()
        int count = in.readUnsignedShort()
        Map<Integer, String> utf8 = [:]
        Map<Integer, Integer> classes = [:]
        Map<Integer, Integer> natNames = [:]
        List<int[]> refs = []
        for (int i = 1; i < count; i++) {
            int tag = in.readUnsignedByte()
            switch (tag) {
                case 1: utf8[i] = in.readUTF(); break
                case 7: classes[i] = in.readUnsignedShort(); break
                case [8, 16, 19, 20]: in.readUnsignedShort(); break
                case 15: in.readUnsignedByte(); in.readUnsignedShort(); break
                case [3, 4]: in.readInt(); break
                case [5, 6]: in.readLong(); i++; break
                case [9, 10, 11]: refs << ([in.readUnsignedShort(), in.readUnsignedShort()] as int[]); break
                case 12: natNames[i] = in.readUnsignedShort(); in.readUnsignedShort(); break
                case [17, 18]: in.readInt(); break
                default: throw new IllegalArgumentException("unknown constant pool tag ${tag}")
            }
        }
        utf8.values().each { String s ->
            Matcher m = s =~ /dev[\/.]passthru[\/.][\w\/.$]*/
            while (m.find()) r.names << m.group().replace('.', '/').replaceFirst(/\$.*/, '')
        }
        refs.each { int[] ref -> r.members << new Member(utf8[classes[ref[0]]], utf8[natNames[ref[1]]]) }
        classes.values().each { Integer at -> r.classes << utf8[at] }
        r
    }

    /**
     * The class files of {@code files} (by file name) that the given top-level classes reach through class
     * constants: the classes the build made from today's sources, without stale ones an earlier build left.
     */
    static Map<String, byte[]> reachable(Map<String, byte[]> files, String packagePath, Collection<String> topLevel) {
        String inPackage = packagePath
        Map<String, byte[]> out = new TreeMap<>()
        Deque<String> todo = new ArrayDeque<>(topLevel.collect { "${it}.class".toString() })
        while (!todo.isEmpty()) {
            String file = todo.pop()
            if (out.containsKey(file) || !files.containsKey(file)) continue
            out[file] = files[file]
            read(files[file]).classes.findAll { String c -> c.startsWith(inPackage) }
                    .findAll { String c -> !c.substring(inPackage.length()).contains('/') }
                    .each { todo << "${it.substring(inPackage.length())}.class".toString() }
        }
        out
    }

    /** Every class file of one package, by file name, from the directory or jar the given class was loaded from. */
    static Map<String, byte[]> packageOf(Class<?> type) {
        String dir = type.package.name.replace('.', '/') + '/'
        File where = new File(type.protectionDomain.codeSource.location.toURI())
        Map<String, byte[]> out = new TreeMap<>()
        if (where.isDirectory()) {
            new File(where, dir).listFiles().findAll { it.name.endsWith('.class') }.each { out[it.name] = it.bytes }
        } else {
            new JarFile(where).withCloseable { JarFile jar ->
                jar.entries().toList().findAll { it.name.startsWith(dir) && it.name.endsWith('.class') }
                        .findAll { !it.name.substring(dir.length()).contains('/') }
                        .each { out[it.name.substring(dir.length())] = jar.getInputStream(it).bytes }
            }
        }
        out
    }
}
