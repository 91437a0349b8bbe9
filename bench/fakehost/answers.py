#!/usr/bin/env python3
"""Turns a passthru tape into the fake host's canned answers: a POSIX sh fragment, answers.sh, that the
fake command sources; for every command line the tape holds it prints the recorded stdout with the
printf builtin and exits with the recorded code (the last answer wins, so a tape of a bring-up followed
by a second run answers as the brought-up host). No process is started to answer, so the harness costs
every tool under test as little as possible. Shell loops are skipped: the shell runs those itself."""
import os, sys, yaml

tape, out = sys.argv[1], sys.argv[2]
os.makedirs(out, exist_ok=True)
q = lambda s: "'" + s.replace("'", "'\\''") + "'"
answers = {}
for i in yaml.safe_load(open(tape))['interactions']:
    c = i.get('command')
    if c and not c.startswith('for ') and 'exit' in i:
        answers[c] = (i.get('stdout') or '', i['exit'])
with open(os.path.join(out, 'answers.sh'), 'w') as f:
    f.write('case "$line" in\n')
    for c, (stdout, code) in answers.items():
        f.write(f"{q(c)}) printf '%s' {q(stdout)}; exit {code} ;;\n")
    f.write('esac\n')
print(f'{len(answers)} canned answers from {tape}')
