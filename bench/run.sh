#!/usr/bin/env bash
# passthru benchmark, side by side in one go, against real OpenSSH servers on 127.0.0.1:
#   (a) a ~20-command recipe on one host: passthru vs ansible-playbook (pipelining) vs plain ssh with ControlMaster
#   (b) a 5-step recipe on HOSTS hosts (default 50): passthru --forks HOSTS vs ansible-playbook --forks HOSTS
#   (c) passthru cold start: launch to the first command reaching the host (JVM start, recipe compile, SSH login)
# Each "host" is its own sshd process on its own port; every session gets the fake XCP-ng commands of
# bench/fakehost on its PATH (sshd SetEnv), answering with outputs recorded from passthru's demo host, and its
# own FAKE_ROOT for the host lock. The remote user has no shell rc files. Needs root (it adds a user 'bench',
# starts sshd processes and installs /opt/xensource/libexec/xen-cmdline as a fake). Prints figures; asserts nothing.
# Usage: sudo bash bench/run.sh [RUNS]     (RUNS per measurement, default 5; the median is printed)
#        ANSIBLE=0 sudo bash bench/run.sh   (passthru's own figures only: ansible-playbook is not run or needed)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"; root="$(dirname "$here")"
RUNS=${1:-5}; HOSTS=${HOSTS:-50}; W=${BENCH_DIR:-/tmp/passthru-bench}; BASE=${BASE_PORT:-22000}
need() { command -v "$1" >/dev/null || { echo "bench: needs $1 ($2)" >&2; exit 64; }; }
ANSIBLE=${ANSIBLE:-1}
[ "$ANSIBLE" = 0 ] || need ansible-playbook 'apt-get install ansible-core'; need /usr/sbin/sshd 'apt-get install openssh-server'; need java 'a JDK 17'
[ "$(id -u)" = 0 ] || { echo 'bench: run as root' >&2; exit 64; }

cleanup() { for p in "$W"/sshd*.pid; do [ -f "$p" ] && kill "$(cat "$p")" 2>/dev/null || true; done; }
cleanup
[ -n "${BENCH_KEEP:-}" ] || trap cleanup EXIT   # BENCH_KEEP=1: leave the sshd processes up to measure by hand
rm -rf "$W"; mkdir -p "$W/bin" "$W/answers" "$W/cp" /run/sshd
id bench >/dev/null 2>&1 || useradd -m -s /bin/sh bench
usermod -p '*' bench                                    # no password, not locked: key login only
rm -f ~bench/.profile ~bench/.bashrc ~bench/.bash_logout ~bench/.bash_profile
install -d -o bench -m 700 ~bench/.ssh
ssh-keygen -q -t ed25519 -N '' -f "$W/id_ed25519"; install -o bench -m 600 "$W/id_ed25519.pub" ~bench/.ssh/authorized_keys
ssh-keygen -q -t ed25519 -N '' -f "$W/host_ed25519"
cp "$here/fakehost/fake" "$W/bin/fake"; for t in xe xl lspci cat mkdir install rm; do ln -sf fake "$W/bin/$t"; done
mkdir -p /opt/xensource/libexec; ln -sf "$W/bin/fake" /opt/xensource/libexec/xen-cmdline
chmod -R a+rX "$W"; chmod 600 "$W/host_ed25519" "$W/id_ed25519"

# build passthru once, then record the demo host bringing the NIC up and checking it again: the canned answers
(cd "$root" && ./passthru --version >/dev/null)
J=("$root/passthru")   # the launcher users run (class data sharing archive included)
PASSTHRU_HOME="$W/home" "${J[@]}" apply "$here/recipes/twenty.groovy" --repeat 2 --record "$W/demo.yaml" >/dev/null
python3 "$here/fakehost/answers.py" "$W/demo.yaml" "$W/answers"

: > "$W/known_hosts"; : > "$W/hosts.ini"
echo '[rack]' > "$W/hosts.ini"
for i in $(seq 1 "$HOSTS"); do
  port=$((BASE + i)); r="$W/h$i"; mkdir -p "$r/var/lib/passthru"; chown -R bench "$r"
  cat > "$W/sshd$i.conf" <<CONF
Port $port
ListenAddress 127.0.0.1
HostKey $W/host_ed25519
PidFile $W/sshd$i.pid
AuthorizedKeysFile .ssh/authorized_keys
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
MaxStartups 200:30:400
MaxSessions 200
LogLevel ERROR
SetEnv FAKE_ROOT=$r FAKE_ANSWERS=$W/answers PATH=$W/bin:/usr/bin:/bin
CONF
  /usr/sbin/sshd -f "$W/sshd$i.conf" -E "$W/sshd$i.log"
  echo "[127.0.0.1]:$port $(cut -d' ' -f1-2 "$W/host_ed25519.pub")" >> "$W/known_hosts"
  echo "h$i ansible_host=127.0.0.1 ansible_port=$port" >> "$W/hosts.ini"
done
cat >> "$W/hosts.ini" <<INI
[rack:vars]
ansible_user=bench
ansible_ssh_private_key_file=$W/id_ed25519
ansible_ssh_common_args='-o UserKnownHostsFile=$W/known_hosts -o StrictHostKeyChecking=yes'
ansible_python_interpreter=/usr/bin/python3
INI
for i in $(seq 1 50); do ssh -q -o BatchMode=yes -o UserKnownHostsFile="$W/known_hosts" -i "$W/id_ed25519" -p $((BASE + 1)) bench@127.0.0.1 true && break; sleep 0.1; done
export ANSIBLE_PIPELINING=True ANSIBLE_HOST_KEY_CHECKING=True ANSIBLE_SSH_CONTROL_PATH_DIR="$W/cp" ANSIBLE_NOCOLOR=1 ANSIBLE_STDOUT_CALLBACK=default ANSIBLE_LOCALHOST_WARNING=False ANSIBLE_INVENTORY_UNPARSED_WARNING=False
SSH=(-o BatchMode=yes -o UserKnownHostsFile="$W/known_hosts" -o StrictHostKeyChecking=yes -i "$W/id_ed25519")
PT=(--identity "$W/id_ed25519" --known-hosts "$W/known_hosts")

ms() { echo $(( ($(date +%s%N) - $1) / 1000000 )); }
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : int((a[NR/2] + a[NR/2+1]) / 2)}'; }
timed() { local t; t=$(date +%s%N); "$@" >"$W/last.out" 2>&1 || { echo "bench: failed: $*" >&2; tail -20 "$W/last.out" >&2; exit 1; }; ms "$t"; }
runs() { for _ in $(seq 1 "$RUNS"); do timed "$@"; done | median; }
host1=(--host "bench@127.0.0.1:$((BASE + 1))")

# (a) one host
PASSTHRU_HOME="$W/home" "${J[@]}" apply "$here/recipes/twenty.groovy" "${host1[@]}" "${PT[@]}" >/dev/null   # warm the OS caches
: > "$W/h1/calls"; PASSTHRU_HOME="$W/home" "${J[@]}" apply "$here/recipes/twenty.groovy" "${host1[@]}" "${PT[@]}" >/dev/null
cp "$W/h1/calls" "$W/twenty.calls"; N=$(wc -l < "$W/twenty.calls")
python3 "$here/fakehost/playbook.py" "$W/twenty.calls" "$W/twenty.yml" >/dev/null
pt1=$(runs env PASSTHRU_HOME="$W/home" "${J[@]}" apply "$here/recipes/twenty.groovy" "${host1[@]}" "${PT[@]}")
pt11=$(runs env PASSTHRU_HOME="$W/home" "${J[@]}" apply "$here/recipes/twenty.groovy" "${host1[@]}" "${PT[@]}" --repeat 11)
ssh "${SSH[@]}" -o ControlMaster=yes -o ControlPath="$W/cm" -o ControlPersist=300 -p $((BASE + 1)) -fN bench@127.0.0.1
cmloop() { while IFS= read -r c; do if [[ $c == *' /dev/stdin '* ]]; then echo owner | ssh -S "$W/cm" -p $((BASE + 1)) bench@127.0.0.1 "$c"; else ssh -S "$W/cm" -p $((BASE + 1)) bench@127.0.0.1 "$c" </dev/null; fi; done < "$W/twenty.calls"; }
sshcm=$(runs cmloop)
ssh -S "$W/cm" -O exit bench@127.0.0.1 2>/dev/null || true
ans1=0; [ "$ANSIBLE" = 0 ] || ans1=$(runs ansible-playbook -i "$W/hosts.ini" --limit h1 "$W/twenty.yml")

# (b) many hosts, 5 steps
: > "$W/h1/calls"; PASSTHRU_HOME="$W/home" "${J[@]}" apply "$here/recipes/five.groovy" "${host1[@]}" "${PT[@]}" >/dev/null
cp "$W/h1/calls" "$W/five.calls"; N5=$(wc -l < "$W/five.calls")
python3 "$here/fakehost/playbook.py" "$W/five.calls" "$W/five.yml" >/dev/null
sed -e 's/ ansible_host=/ ansible_host=/' "$W/hosts.ini" > "$W/fleet.ini"
ptN=$(runs env PASSTHRU_HOME="$W/home" "${J[@]}" apply "$here/recipes/five.groovy" --inventory "$W/fleet.ini" --forks "$HOSTS" "${PT[@]}")
ansN=0; [ "$ANSIBLE" = 0 ] || ansN=$(runs ansible-playbook -i "$W/hosts.ini" --forks "$HOSTS" "$W/five.yml")

# (c) cold start: launch to the first command the host runs, through the launcher users run
cold() { rm -f "$W/h1/first"; local t; t=$(date +%s%N); PASSTHRU_HOME="$W/home" "${J[@]}" plan "$here/recipes/twenty.groovy" "${host1[@]}" "${PT[@]}" >/dev/null; echo $(( ($(cat "$W/h1/first") - t) / 1000000 )); }
coldms=$(for _ in $(seq 1 "$RUNS"); do cold; done | median)

per() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", a / b }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1fx", a / b }'; }
ptper=$(awk -v a="$pt11" -v b="$pt1" -v n="$N" 'BEGIN { printf "%.1f", (a - b) / (10 * n) }')
cat <<REPORT

passthru benchmark ($(date -u +%Y-%m-%d), $(nproc) CPUs, OpenSSH $(ssh -V 2>&1 | cut -d, -f1 | cut -d_ -f2), $([ "$ANSIBLE" = 0 ] && echo "ansible-playbook not run (ANSIBLE=0)" || ansible-playbook --version | head -1), median of $RUNS runs)

(a) one host, recipe of $N remote commands (bench/recipes/twenty.groovy, host already brought up)
    passthru apply (JVM start included)       ${pt1} ms
    passthru per command (--repeat 11 vs 1)    ${ptper} ms
    ssh + ControlMaster, same $N commands       ${sshcm} ms    ($(per "$sshcm" "$N") ms per command)
    ansible-playbook, same $N commands          ${ans1} ms    ($(per "$ans1" "$N") ms per task)
    passthru per command / ssh ControlMaster:  $(ratio "$ptper" "$(per "$sshcm" "$N")")   (target: at most 1.5x)
    ansible-playbook / passthru (wall):         $(ratio "$ans1" "$pt1")   (target: at least 10x)

(b) $HOSTS hosts, 5-step recipe ($N5 remote commands per host, bench/recipes/five.groovy), forks $HOSTS
    passthru apply --inventory --forks $HOSTS   ${ptN} ms
    ansible-playbook --forks $HOSTS             ${ansN} ms
    ansible-playbook / passthru:                $(ratio "$ansN" "$ptN")   (target: at least 10x)

(c) passthru cold start, launch to first command on the host (./passthru plan, SSH login included)
    ${coldms} ms   (target: under 1500 ms)
REPORT
