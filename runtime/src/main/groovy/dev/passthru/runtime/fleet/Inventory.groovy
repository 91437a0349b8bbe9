package dev.passthru.runtime.fleet

import dev.passthru.runtime.twin.TwinFile
import groovy.transform.CompileStatic

/**
 * Hosts and groups with variables, as Ansible models them: every host is in {@code all}; a group may
 * have child groups; a host's variables are {@code all}'s, then each group's from the outermost to the
 * innermost (a child overrides its parent), then its own.
 */
@CompileStatic
final class Inventory {
    /** One host: its inventory name and its variables (merged as above). */
    static final class Host {
        final String name
        final Map<String, Object> vars
        final List<String> groups
        /** The inventory file's directory, which a relative {@code twin:FILE} is in; null: the working directory. */
        final File dir

        Host(String name, Map<String, Object> vars, List<String> groups, File dir = null) {
            this.name = name
            this.vars = Collections.unmodifiableMap(new LinkedHashMap<String, Object>(vars))
            this.groups = List.copyOf(groups)
            this.dir = dir
        }

        /**
         * Where to connect: {@code ansible_host} (or the name), with {@code ansible_user} and {@code ansible_port};
         * {@code demo}/{@code demo-kvm}/{@code demo-hgx} are the built-in demo hosts, {@code twin:FILE} a twin file's host (a relative
         * FILE is relative to the inventory file's directory). ({@code ansible_ssh_private_key_file} is the key to
         * offer.)
         */
        String address() {
            String h = (vars['ansible_host'] ?: name).toString()
            if (h in ['demo', 'demo-kvm', 'demo-hgx']) return h
            if (TwinFile.names(h)) return twin(h.substring(TwinFile.PREFIX.length()))
            String user = vars['ansible_user']?.toString()
            String port = vars['ansible_port']?.toString()
            "${user ? user + '@' : ''}${h.contains(':') ? '[' + h + ']' : h}${port ? ':' + port : ''}".toString()
        }

        private String twin(String path) {
            boolean relative = path && dir != null && !new File(path).absolute
            TwinFile.PREFIX + (relative ? new File(dir, path).path : path)
        }

        @Override
        String toString() { name }
    }

    /** Group name to its direct hosts, its child groups and its own variables, as the file gives them. */
    static final class Group {
        final String name
        final LinkedHashMap<String, Map<String, Object>> hosts = [:]
        final LinkedHashSet<String> children = []
        final Map<String, Object> vars = [:]
        Group(String name) { this.name = name }
    }

    final String source
    final LinkedHashMap<String, Group> groups = [:]
    /** The directory of the inventory's file (relative twin:FILE paths are in it); null when read from text. */
    File dir

    Inventory(String source) {
        this.source = source
        group('all')
    }

    Group group(String name) { groups.computeIfAbsent(name) { new Group(name) } }

    /**
     * What is wrong with an inventory variable's value, or null: {@code ansible_port} must be a port number
     * (1-65535), since a host reached on the wrong port is worse than a refusal before any host is touched.
     */
    static String varProblem(String key, Object value) {
        if (key == 'ansible_port') {
            String v = value?.toString()?.trim()
            boolean port = v ==~ /\d{1,5}/ && Integer.parseInt(v) >= 1 && Integer.parseInt(v) <= 65535
            if (!port) return "ansible_port '${value}' is not a port number (1-65535)"
        }
        null
    }

    /** Every host, in first-mention order, with its merged variables and groups. */
    List<Host> hosts() {
        LinkedHashMap<String, Map<String, Object>> own = [:]
        groups.values().each { Group g ->
            g.hosts.each { String h, Map<String, Object> v ->
                own.computeIfAbsent(h) { [:] as Map<String, Object> }.putAll(v)
            }
        }
        own.collect { String h, Map<String, Object> v ->
            List<String> chain = groupsOf(h)
            Map<String, Object> merged = [:]
            chain.each { String g -> merged.putAll(groups[g].vars) }
            merged.putAll(v)
            new Host(h, merged, chain, dir)
        }
    }

    /** The groups a host is in, directly or through a child group, outermost ({@code all}) first. */
    List<String> groupsOf(String host) {
        List<String> out = []
        groups.values().findAll { Group g -> g.hosts.containsKey(host) }.each { Group g ->
            addWithAncestors(g.name, out, [] as Set<String>)
        }
        if (!out.contains('all')) out.add(0, 'all')
        out.unique().sort(false) { String g -> depth(g, [] as Set<String>) }
    }

    private void addWithAncestors(String g, List<String> out, Set<String> seen) {
        if (!seen.add(g)) return
        groups.values().findAll { Group p -> p.children.contains(g) }.each { Group p ->
            addWithAncestors(p.name, out, seen)
        }
        out << g
    }

    private int depth(String g, Set<String> seen) {
        if (g == 'all') return 0
        if (!seen.add(g)) return 1
        List<Group> parents = groups.values().findAll { Group p -> p.children.contains(g) }.toList()
        parents ? 1 + (parents.collect { depth(it.name, seen) }.max() as int) : 1
    }

    /**
     * The hosts a {@code --limit} names: group or host names separated by commas (or colons, as Ansible
     * allows); {@code all} or null is every host. A name that is neither is an IllegalArgumentException listing both.
     */
    List<Host> limit(String pattern) {
        List<Host> all = hosts()
        if (pattern == null || pattern == 'all') return all
        Set<String> wanted = [] as Set<String>
        pattern.split(/[,:]/).collect { it.trim() }.findAll { it }.each { String p ->
            if (groups.containsKey(p)) wanted.addAll(all.findAll { Host h -> h.groups.contains(p) }*.name)
            else if (all.any { it.name == p }) wanted << p
            else throw new IllegalArgumentException("--limit: '${p}' is neither a group nor a host in ${source} " +
                    "(groups: ${groups.keySet().join(', ')})")
        }
        all.findAll { wanted.contains(it.name) }
    }
}
