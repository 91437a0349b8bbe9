#!/usr/bin/env python3
"""Turns a passthru tape into the fake host's canned answers: for every command it holds (the last
answer wins, so a tape of a bring-up followed by a second run answers as the brought-up host), a file
md5(command).out with its stdout and md5(command).exit with its exit code. Shell loops are skipped:
the shell runs those itself."""
import hashlib, os, sys, yaml

tape, out = sys.argv[1], sys.argv[2]
os.makedirs(out, exist_ok=True)
n = 0
for i in yaml.safe_load(open(tape))['interactions']:
    c = i.get('command')
    if not c or c.startswith('for ') or 'exit' not in i:
        continue
    key = hashlib.md5(c.encode()).hexdigest()
    open(os.path.join(out, key + '.out'), 'w').write(i.get('stdout') or '')
    open(os.path.join(out, key + '.exit'), 'w').write(str(i['exit']))
    n += 1
print(f'{n} canned answers from {tape}')
