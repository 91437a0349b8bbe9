package dev.passthru.spec.fleet

import dev.passthru.runtime.cli.Main
import dev.passthru.runtime.fleet.InventoryException
import dev.passthru.runtime.fleet.InventoryReader
import dev.passthru.spec.Repo
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Path

/**
 * Inventories are read whole before any host is touched: every mistake (INI, YAML, Groovy) is one line
 * naming the file and line, and the fleet command stops with 64 before its header, its logs or a host.
 */
class InventoryErrorSpec extends Specification {
    @TempDir
    Path tmp

    def "a broken inventory is refused with FILE:LINE: #what"() {
        given:
        File inv = tmp.resolve(name).toFile()
        inv.text = text

        when:
        InventoryReader.read(inv)

        then:
        InventoryException e = thrown()
        e.message == "${inv.path}${message}"

        where:
        what                              | name        | text                                                              || message
        'INI: [ without ]'                | 'i.ini'     | '[rack1\nr1 ansible_host=demo\n'                                  || ":1: '[rack1' is not a section header: [group], [group:vars] or [group:children]"
        'INI: ] without ['                | 'i.ini'     | '[r]\nr1\nrack2]\n'                                               || ":3: 'rack2]' is not a host name or range (ranges: web[01:50], db-[a:c], h[0:8:2])"
        'INI: unclosed range'             | 'i.ini'     | '[r]\nr1-[1:8 ansible_host=demo\n'                                || ":2: 'r1-[1:8' is not a host name or range (ranges: web[01:50], db-[a:c], h[0:8:2])"
        'INI: unknown :suffix'            | 'i.ini'     | '[r]\nr1\n[r:hosts]\nr2\n'                                        || ":3: [r:hosts]: unknown section kind ':hosts' (Ansible knows :vars and :children)"
        'INI: host var without ='         | 'i.ini'     | '[r]\nr1 ansible_host=demo nic\n'                                 || ":2: host r1: 'nic' is not key=value"
        'INI: host var without a name'    | 'i.ini'     | '[r]\nr1 =demo\n'                                                 || ":2: host r1: '=demo' is not key=value"
        'INI: bad variable name'          | 'i.ini'     | '[r]\nr1 my-nic=04:01.0\n'                                        || ":2: 'my-nic' is not a variable name (letters, digits and _, not starting with a digit)"
        'INI: :vars line without ='       | 'i.ini'     | '[r]\nr1\n[r:vars]\nansible_host demo\n'                          || ":4: [r:vars]: 'ansible_host demo' is not key=value"
        'INI: port not a number'          | 'i.ini'     | '[r]\nr1 ansible_host=10.0.0.1 ansible_port=ssh\n'                || ":2: host r1: ansible_port 'ssh' is not a port number (1-65535)"
        'INI: port out of range'          | 'i.ini'     | '[r]\nr1\n[r:vars]\nansible_port = 65536\n'                      || ":4: group r: ansible_port '65536' is not a port number (1-65535)"
        'INI: children, undefined group'  | 'i.ini'     | '[r]\nr1\n[dc:children]\nr\nrack2\n'                              || ":5: [dc:children] names group 'rack2', which no [rack2] or [rack2:children] section defines"
        'INI: vars of undefined group'    | 'i.ini'     | '[r]\nr1\n[rack2:vars]\nnic=04:01.0\n'                            || ":3: [rack2:vars] is for group 'rack2', which no [rack2] or [rack2:children] section defines"
        'INI: group its own child'        | 'i.ini'     | '[r:children]\nr\n'                                               || ':2: [r:children]: a group cannot be its own child'
        'YAML: syntax'                    | 'i.yml'     | 'all:\n  hosts:\n    r1:\n   r2:\n'                               || ":4:4: not YAML: expected <block end>, but found '<block mapping start>' (while parsing a block mapping at line 2)"
        'YAML: unclosed flow list'        | 'i.yml'     | 'all:\n  hosts: [r1\n'                                            || ":3:1: not YAML: expected ',' or ']', but got <stream end> (while parsing a flow sequence at line 2)"
        'YAML: hosts a list'              | 'i.yml'     | 'all:\n  children:\n    rack:\n      hosts:\n        - r1\n'      || ":4: group 'rack': hosts: must map host names to their variables (it is a list)"
        'YAML: host vars not a mapping'   | 'i.yml'     | 'rack:\n  hosts:\n    r1: 2222\n'                               || ":3: group 'rack', host 'r1': the host's variables must be a mapping (key: value) (it is '2222')"
        'YAML: port not a number'         | 'i.yml'     | 'rack:\n  hosts:\n    r1:\n      ansible_host: demo\n      ansible_port: twenty-two\n' || ":5: group 'rack', host 'r1': ansible_port 'twenty-two' is not a port number (1-65535)"
        'YAML: group port a fraction'     | 'i.yaml'    | 'rack:\n  vars:\n    ansible_port: 22.5\n  hosts:\n    r1:\n'    || ":3: group 'rack': ansible_port '22.5' is not a port number (1-65535)"
        'Groovy: syntax'                  | 'i.groovy'  | "group('r') {\n  host('r1'\n}\n"                                || ":3: Groovy syntax error: unexpected input at '}'"
        'Groovy: exception'               | 'i.groovy'  | "host 'r1'\n\nthrow new IllegalStateException('no rack')\n"     || ':3: IllegalStateException: no rack'
        'Groovy: assert'                  | 'i.groovy'  | "host 'r1'\nassert 1 == 2\n"                                       || ':2: PowerAssertionError: assert 1 == 2'
        'Groovy: port'                    | 'i.groovy'  | "group('r') {\n  host 'r1', ansible_port: 0\n}\n"                 || ":2: host r1: ansible_port '0' is not a port number (1-65535)"
    }

    def "ranges: numbers with padding and a step, letters, several in one name"() {
        expect:
        InventoryReader.expand(pattern, 'x', 1) == hosts

        where:
        pattern          || hosts
        'web[01:03]'     || ['web01', 'web02', 'web03']
        'h[0:8:4]'       || ['h0', 'h4', 'h8']
        'db-[a:c]'       || ['db-a', 'db-b', 'db-c']
        'r[1:2]-n[a:b]'  || ['r1-na', 'r1-nb', 'r2-na', 'r2-nb']
        'plain.lab'      || ['plain.lab']
    }

    def "a fleet command on a broken #format inventory exits 64 with one line, before its header, its logs and any host"() {
        given:
        File inv = tmp.resolve("broken.${format}").toFile()
        inv.text = text
        File home = tmp.resolve('home').toFile()
        ByteArrayOutputStream o = new ByteArrayOutputStream(), e = new ByteArrayOutputStream()

        when:
        int code = Main.run([command, Repo.file('recipes/fleet/nic-by-host.groovy').path, '--inventory', inv.path] as String[],
                new PrintStream(o, true, 'UTF-8'), new PrintStream(e, true, 'UTF-8'), [PASSTHRU_HOME: home.path], false)

        then: 'one line naming the file and line; nothing printed on standard output (no header, no board)'
        code == 64
        e.toString('UTF-8') == "error: ${inv.path}${message}\n"
        o.toString('UTF-8') == ''

        and: 'no host was touched: no journal, no log directory was made'
        !home.exists()

        where:
        command | format   | text                                                                             || message
        'apply' | 'ini'    | '[rack1\nrack1-01 ansible_host=demo nic=0000:04:01.0 vm=router\n'                || ":1: '[rack1' is not a section header: [group], [group:vars] or [group:children]"
        'apply' | 'ini'    | '[r]\nr1 ansible_host=demo nic=0000:04:01.0 vm=router\nr2 ansible_port=x\n'      || ":3: host r2: ansible_port 'x' is not a port number (1-65535)"
        'check' | 'yml'    | 'all:\n  hosts:\n    r1:\n      ansible_host: demo\n    r2: [\n'                  || ':6:1: not YAML: expected the node content, but found \'<stream end>\' (while parsing a flow node at line 6)'
        'plan'  | 'groovy' | "host 'r1', ansible_host: 'demo'\nhost 'r2', ansible_port: 'ssh'\n"               || ":2: host r2: ansible_port 'ssh' is not a port number (1-65535)"
    }
}
