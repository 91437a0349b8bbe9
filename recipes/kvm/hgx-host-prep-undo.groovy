// Undoes hgx-host-prep: every bridge gets the ACS control it had before passthru (kept in the ACS unit), the unit
// goes, the NICs' firmware gets the ATS setting it had before ats ..., enable: true (kept in /var/lib/passthru/ats-was;
// a host reboot brings it into effect), and both nodes' boot-time huge pages are given back.
recipe('hgx-host-prep-undo') {
    description "Undoes hgx-host-prep: the bridges' ACS control restored, the NICs' ATS setting given back, the " +
            'per-node hugepages given back'
    flavour 'kvm'
    def nics = pci(vendor: '15b3', device: '1021', count: 'all')

    noAcs()
    noAts nics
    noHugepages node: 0
    noHugepages node: 1
    reboot()
}
