package dev.passthru.spec.fleet

import dev.passthru.runtime.fleet.Inventory
import dev.passthru.runtime.fleet.InventoryException
import dev.passthru.runtime.fleet.InventoryReader
import dev.passthru.runtime.fleet.InventoryScript
import spock.lang.Specification

/**
 * Inventories in Ansible's own INI and YAML formats (the examples of Ansible's "How to build your
 * inventory" guide, read as Ansible reads them) and in passthru's Groovy form: groups, children, ranges,
 * and variable precedence (all < parent group < child group < host).
 */
class InventorySpec extends Specification {

    static final String INI = '''\
# Ansible INI inventory
mail.example.com

[webservers]
foo.example.com http_port=80 maxRequestsPerChild=808
bar.example.com ansible_port=5555 ansible_host=192.0.2.50

[dbservers]
db-[a:c].example.com
one.example.com
two.example.com nic="0000:04:01.0"

[atlanta]
host1
host2 nic=0000:05:00.0

[atlanta:vars]
nic=0000:02:00.0
ntp_server=ntp.atlanta.example.com

[southeast:children]
atlanta

[southeast:vars]
nic=0000:81:00.0
ansible_user=admin
'''

    def "INI: hosts, groups, children and vars; a child group's vars win over its parent's, a host's over both"() {
        when:
        Inventory inv = InventoryReader.ini(INI, 'hosts.ini')
        Map<String, Inventory.Host> by = inv.hosts().collectEntries { [(it.name): it] }

        then:
        by.keySet().containsAll(['mail.example.com', 'foo.example.com', 'bar.example.com', 'one.example.com', 'host1', 'host2'])
        by['foo.example.com'].vars == [http_port: '80', maxRequestsPerChild: '808']
        by['bar.example.com'].address() == '192.0.2.50:5555'
        by['two.example.com'].vars.nic == '0000:04:01.0'
        by['host1'].vars == [nic: '0000:02:00.0', ansible_user: 'admin', ntp_server: 'ntp.atlanta.example.com']
        by['host2'].vars.nic == '0000:05:00.0'
        by['host1'].groups == ['all', 'southeast', 'atlanta']
        by['host1'].address() == 'admin@host1'
        by['mail.example.com'].groups == ['all', 'ungrouped']
    }

    def "ranges expand as Ansible's do: numbers (zero padding kept) and letters"() {
        expect:
        InventoryReader.expand('web[01:03].lab', 'x', 1) == ['web01.lab', 'web02.lab', 'web03.lab']
        InventoryReader.expand('h[8:10]', 'x', 1) == ['h8', 'h9', 'h10']
        InventoryReader.expand('db-[a:c].example.com', 'x', 1) == ['db-a.example.com', 'db-b.example.com', 'db-c.example.com']
    }

    def "--limit: groups and hosts, comma-separated; a name that is neither is refused, listing the groups"() {
        given:
        Inventory inv = InventoryReader.ini(INI, 'hosts.ini')

        expect:
        inv.limit('southeast')*.name == ['host1', 'host2']
        inv.limit('webservers,host1')*.name == ['foo.example.com', 'bar.example.com', 'host1']
        inv.limit(null).size() == inv.hosts().size()

        when:
        inv.limit('nowhere')

        then:
        IllegalArgumentException e = thrown()
        e.message == "--limit: 'nowhere' is neither a group nor a host in hosts.ini (groups: all, ungrouped, webservers, dbservers, atlanta, southeast)"
    }

    def "YAML: the same model, as Ansible's YAML inventory writes it"() {
        given:
        String yaml = '''\
all:
  vars:
    ansible_user: root
  hosts:
    mail.example.com:
  children:
    xcp:
      vars:
        nic: "0000:04:01.0"
      hosts:
        xcp[01:02].lab:
        xcp03.lab:
          nic: "0000:05:00.0"
          ansible_port: 2222
      children:
        xcp_gpu:
          vars:
            nic: "0000:81:00.0"
          hosts:
            xcp04.lab:
'''
        when:
        Map<String, Inventory.Host> by = InventoryReader.yaml(yaml, 'hosts.yml').hosts().collectEntries { [(it.name): it] }

        then:
        by.keySet() == ['mail.example.com', 'xcp01.lab', 'xcp02.lab', 'xcp03.lab', 'xcp04.lab'] as Set
        by['xcp01.lab'].vars == [ansible_user: 'root', nic: '0000:04:01.0']
        by['xcp03.lab'].address() == 'root@xcp03.lab:2222'
        by['xcp03.lab'].vars.nic == '0000:05:00.0'
        by['xcp04.lab'].vars.nic == '0000:81:00.0'
        by['xcp04.lab'].groups == ['all', 'xcp', 'xcp_gpu']
    }

    def "Groovy form: groups nest, vars and host vars as in Ansible"() {
        when:
        Inventory inv = InventoryScript.read('''
vars ansible_user: 'root'
group('rack1', nic: '0000:04:01.0') {
    host 'r1-[1:2]', ansible_host: 'demo'
    group('gpus', nic: '0000:81:00.0') {
        host 'r1-gpu', ansible_host: 'demo', vm: 'gpu-worker'
    }
}
host 'kvm01', ansible_host: 'demo-kvm'
''', 'rack.groovy')
        Map<String, Inventory.Host> by = inv.hosts().collectEntries { [(it.name): it] }

        then:
        by.keySet() == ['r1-1', 'r1-2', 'r1-gpu', 'kvm01'] as Set
        by['r1-1'].vars == [ansible_user: 'root', nic: '0000:04:01.0', ansible_host: 'demo']
        by['r1-gpu'].vars.nic == '0000:81:00.0'
        by['r1-gpu'].address() == 'demo'
        inv.limit('rack1')*.name == ['r1-1', 'r1-2', 'r1-gpu']
    }

    def "inventory mistakes name the file and line: #what"() {
        when:
        parse()

        then:
        InventoryException e = thrown()
        e.message == message

        where:
        what                  | parse                                                                              || message
        'INI var without ='   | { -> InventoryReader.ini('[a]\nh1 nic\n', 'h.ini') }                               || "h.ini:2: host h1: 'nic' is not key=value"
        'INI open quote'      | { -> InventoryReader.ini('[a]\nh1 nic="0000\n', 'h.ini') }                         || 'h.ini:2: unclosed quote'
        'backwards range'     | { -> InventoryReader.ini('[a]\nh[5:1]\n', 'h.ini') }                               || 'h.ini:2: range [5:1] runs backwards'
        'YAML group shape'    | { -> InventoryReader.yaml('all:\n  host: x\n', 'h.yml') }                          || "h.yml:2: group 'all' has host; a group holds hosts:, vars: and children:"
        'Groovy unknown call' | { -> InventoryScript.read('\nhots "x"\n', 'r.groovy') }                             || "r.groovy:2: unknown method 'hots'"
    }
}
