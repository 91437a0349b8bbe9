package dev.passthru.runtime.xcpng

import groovy.transform.CompileStatic
import groovy.transform.EqualsAndHashCode
import groovy.transform.ToString

/** An update (supplemental pack) XAPI knows, as xe update-list prints it: the hosts it is applied on. */
@CompileStatic
@EqualsAndHashCode
@ToString(includeNames = true)
final class PoolUpdate {
    final String uuid
    final String nameLabel
    final String version
    /** The uuids of the hosts the update is applied on. */
    final List<String> hosts

    PoolUpdate(String uuid, String nameLabel, String version, List<String> hosts) {
        this.uuid = uuid
        this.nameLabel = nameLabel
        this.version = version
        this.hosts = List.copyOf(hosts)
    }
}
