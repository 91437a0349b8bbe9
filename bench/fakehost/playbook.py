#!/usr/bin/env python3
"""Writes an Ansible playbook that runs, one task each, the commands a passthru run issued (the fake
host's calls log), so ansible-playbook does the same remote work (command module; pipelining is on
in the benchmark's environment)."""
import json, sys

calls, out = sys.argv[1], sys.argv[2]
lines = [l.rstrip('\n') for l in open(calls) if l.strip()]
with open(out, 'w') as f:
    f.write('- hosts: all\n  gather_facts: false\n  tasks:\n')
    for n, cmd in enumerate(lines, 1):
        f.write(f'    - name: "{n}"\n      ansible.builtin.command:\n        cmd: {json.dumps(cmd)}\n')
        if '/dev/stdin' in cmd:
            f.write('        stdin: owner\n')
        f.write('      changed_when: false\n')
print(f'{len(lines)} tasks in {out}')
