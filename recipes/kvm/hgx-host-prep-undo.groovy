// Undoes hgx-host-prep: every bridge gets the ACS control it had before passthru (kept in the ACS unit), the unit
// goes, and both nodes' boot-time huge pages are given back. ATS stays on in the NICs' firmware (mlxconfig).
recipe('hgx-host-prep-undo') {
    description "Undoes hgx-host-prep: the bridges' ACS control restored, the per-node hugepages given back"
    flavour 'kvm'
    noAcs()
    noHugepages node: 0
    noHugepages node: 1
}
