# What lab/lab.sh and lab/xen-lab.sh share; sourced after NAME (the messages' prefix) and WORK are set.

need_qemu() {
  command -v qemu-system-x86_64 >/dev/null && return
  echo "$NAME: installing qemu-system-x86" >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends qemu-system-x86 >/dev/null
}

stop() {
  touch "$WORK/stop"
  [ -f "$WORK/supervisor.pid" ] && kill "$(cat "$WORK/supervisor.pid")" 2>/dev/null || true
  [ -f "$WORK/qemu.pid" ] && kill "$(cat "$WORK/qemu.pid")" 2>/dev/null || true
  echo "$NAME: stopped"
}

wait_ssh() {  # until the SSH server sends its banner (QEMU accepts the forwarded port before the guest listens)
  local port=$1 secs=${2:-120} end=$((SECONDS + ${2:-120}))
  while [ $SECONDS -lt $end ]; do
    if timeout 3 bash -c "exec 3<>/dev/tcp/127.0.0.1/$port && head -c 4 <&3" 2>/dev/null | grep -q SSH; then
      return 0
    fi
    sleep 1
  done
  echo "$NAME: no SSH on 127.0.0.1:$port after ${secs}s" >&2; return 1
}
