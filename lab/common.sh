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

init_prelude() {  # the first lines of the labs' dom0/host /init: mounts, /dev/fd links, opts() for module options
  cat <<'SH'
#!/bin/sh
mount -t proc proc /proc; mount -t sysfs sys /sys; mount -t devtmpfs dev /dev
mkdir -p /dev/pts; mount -t devpts devpts /dev/pts; mount -t tmpfs tmp /tmp; mount -t tmpfs run /run
ln -s /proc/self/fd /dev/fd; ln -s fd/0 /dev/stdin; ln -s fd/1 /dev/stdout; ln -s fd/2 /dev/stderr   # as udev would
opts() {  # MODULE.param=value options from the kernel command line, as kmod's modprobe passes them (- and _ alike)
  want=$(echo "$1" | tr - _)
  for t in $(cat /proc/cmdline); do
    case "$t" in *.*=*) [ "$(echo "${t%%.*}" | tr - _)" = "$want" ] && echo "${t#*.}";; esac
  done
}
SH
}
