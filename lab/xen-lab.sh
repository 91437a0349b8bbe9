#!/usr/bin/env bash
# The Xen lab host: Debian 12's Xen 4.17 hypervisor under QEMU (software emulation, no KVM needed) with
# the lab's Debian 6.1 kernel as a PV dom0, on a q35 machine with an emulated Intel IOMMU (Xen enables
# VT-d on it), an e1000 at 0000:00:03.0 (the device to pass through) and a virtio-net NIC for SSH.
# Reached over SSH on a 127.0.0.1 port forward; dom0 runs the real xl, xenstored and xenconsoled.
# A Xen host, not an XCP-ng one: there is no xe and no XAPI.
#
#   lab/xen-lab.sh build PUBKEY      download the Debian packages, build the initramfs and the persistent dir
#   lab/xen-lab.sh start PORT        boot it in the background (a supervisor re-boots it after a guest reboot)
#                                    (PASSTHRU_XEN_LAB_NODES=1: one NUMA node of 2 CPUs; default two nodes of 2 CPUs)
#   lab/xen-lab.sh stop              stop it
#   lab/xen-lab.sh wait PORT [SECS]  wait until its SSH server answers
#
# How it boots, like an XCP-ng host does: dom0's `xen-cmdline` (a lab shim at /opt/xensource/libexec/
# xen-cmdline, as on XCP-ng, and on PATH) edits the Xen line (`multiboot2`) and the dom0 line (the first
# `module2`) of /boot/grub/grub.cfg; dom0's `reboot` makes Xen reset the machine; QEMU, started with
# -no-reboot, then exits and the supervisor boots Xen with the `multiboot2` arguments and dom0's kernel
# with the `module2` arguments of that grub.cfg (the lab's "firmware" reads what GRUB would). /etc/default,
# /boot and /var/lib live on a directory shared with the host (virtio 9p), so they survive reboots. dom0's
# init loads xen-pciback with the `xen-pciback.hide=` value of its /proc/cmdline before e1000 (busybox
# modprobe does not read module options from the command line; kmod's would), so a device hidden with
# `xen-cmdline --set-dom0 "xen-pciback.hide=(0000:00:03.0)"` and a reboot is seized by pciback.
# A small PV guest (the same kernel, a busybox initramfs loading xen-pcifront and e1000, printing
# `lspci -nnk -D` to its console) is in /var/lib/xen-lab-guest for `xl create` with the e1000 passed through.
#
# Packages: linux-image-6.1.0-*-amd64, xen-hypervisor-4.17-amd64, xen-utils-4.17, xen-utils-common,
# xenstore-utils, the libxen* libraries and theirs, libgcc-s1 (glibc loads libgcc_s for pthread_cancel:
# without it `xl create` aborts), busybox-static, dropbear-bin, libtomcrypt1, libtommath1, pciutils,
# libpci3, pci.ids, kmod (downloaded; kmod only runs here, to index the modules); install (coreutils) with its
# libraries is copied from this machine. qemu-system-x86 runs it.
set -euo pipefail
LAB="$(cd "$(dirname "$0")" && pwd)"
WORK="${PASSTHRU_XEN_LAB_DIR:-$LAB/.xen-work}"
NAME=xen-lab
. "$LAB/common.sh"
KVER="${PASSTHRU_LAB_KERNEL:-6.1.0-56-amd64}"
XV=4.17


copy_libs() {  # copy_libs BINARY DEST_ROOT: its libraries, from the packages where they come from there
  local bin=$1 root=$2 P="$WORK/pkg"
  LD_LIBRARY_PATH="$P/usr/lib/x86_64-linux-gnu:$P/lib/x86_64-linux-gnu" ldd "$bin" |
    awk '/=> \//{print $3} /^[ \t]*\/lib64/{print $1}' | while read -r lib; do
      local to="${lib#"$P"}"; mkdir -p "$root$(dirname "$to")"; cp -L "$lib" "$root$to"
    done
}

modules() {  # modules DEST_ROOT MODULE...: the modules with their dependencies, then kmod's indexes
  local root=$1 P="$WORK/pkg"; shift
  local M="$P/lib/modules/$KVER" D="$root/lib/modules/$KVER"
  for m in "$@"; do
    line=$(grep -E "(^|/)${m}\.ko:" "$M/modules.dep" | head -1) || { echo "xen-lab: no module $m" >&2; exit 2; }
    for f in ${line%%:*} ${line#*:}; do mkdir -p "$D/$(dirname "$f")"; cp "$M/$f" "$D/$f"; done
  done
  cp "$M"/modules.builtin* "$M"/modules.order "$D/" 2>/dev/null || true
  "$WORK/depmod" -b "$root" "$KVER"   # lspci -k names each device's kernel modules from kmod's indexes
}

busybox_root() {  # busybox_root DEST_ROOT: a root with busybox, lspci and the base directories
  local R=$1 P="$WORK/pkg"
  mkdir -p "$R"/{bin,sbin,usr/bin,usr/sbin,proc,sys,dev,tmp,run,etc,usr/share/misc}
  cp "$P/bin/busybox" "$R/bin/busybox"
  for a in $("$R/bin/busybox" --list); do [ -e "$R/bin/$a" ] || ln -s busybox "$R/bin/$a"; done
  rm -f "$R/bin/lspci"; install -m 0755 "$P/usr/bin/lspci" "$R/usr/bin/lspci"; copy_libs "$P/usr/bin/lspci" "$R"
  cp "$P/usr/share/misc/pci.ids" "$R/usr/share/misc/pci.ids"
  printf 'root:x:0:0:root:/root:/bin/sh\n' > "$R/etc/passwd"; printf 'root:x:0:\n' > "$R/etc/group"
}

guest() {  # the PV guest's initramfs: pcifront, e1000, then its view of the PCI bus on its console
  local R="$WORK/guest-root"
  rm -rf "$R"; busybox_root "$R"; modules "$R" xen-pcifront e1000
  cat > "$R/init" <<'SH'
#!/bin/sh
mount -t proc proc /proc; mount -t sysfs sys /sys; mount -t devtmpfs dev /dev
modprobe xen-pcifront; modprobe e1000
for i in $(seq 120); do [ -e /sys/bus/pci/drivers/e1000/0000:00:00.0 ] && break; sleep 0.5; done
lspci -nnk -D
echo "xen-lab guest: ready"
exec sh
SH
  chmod 0755 "$R/init"
  mkdir -p "$WORK/persist/var/lib/xen-lab-guest"
  local G="$WORK/persist/var/lib/xen-lab-guest"
  (cd "$R" && find . | "$R/bin/busybox" cpio -o -H newc 2>/dev/null | gzip -1) > "$G/initrd.gz"
  cp "$WORK/pkg/boot/vmlinuz-$KVER" "$G/vmlinuz"
}

build() {
  local pubkey=$1
  need_qemu
  rm -rf "$WORK/pkg" "$WORK/root" "$WORK/persist"; mkdir -p "$WORK/debs" "$WORK/pkg" "$WORK/root" "$WORK/persist"
  local pkgs=("linux-image-$KVER" busybox-static dropbear-bin libtomcrypt1 libtommath1 pciutils libpci3 pci.ids kmod
    "xen-hypervisor-$XV-amd64" "xen-utils-$XV" xen-utils-common xenstore-utils libxencall1 libxenevtchn1
    libxenforeignmemory1 libxengnttab1 "libxenmisc$XV" libxenstore4 libxentoollog1 libxentoolcore1 libxendevicemodel1
    libxenhypfs1 libyajl2 libext2fs2 liblzma5 libuuid1 libzstd1 zlib1g libncurses6 libtinfo6 libgcc-s1)
  if [ ! -f "$WORK/debs/.complete" ]; then
    # a machine whose package lists are old or empty gets them refreshed once
    (cd "$WORK/debs" && apt-get download -q "${pkgs[@]}" >/dev/null 2>&1) ||
      { apt-get update -qq && (cd "$WORK/debs" && apt-get download -q "${pkgs[@]}" >/dev/null 2>&1); }
    touch "$WORK/debs/.complete"
  fi
  for d in "$WORK"/debs/*.deb; do dpkg-deb -x "$d" "$WORK/pkg"; done
  local R="$WORK/root" P="$WORK/pkg" X="/usr/lib/xen-$XV/bin"
  zcat "$P/boot/xen-$XV-amd64.gz" > "$WORK/xen.elf"   # multiboot ELF: QEMU's -kernel boots it without GRUB
  cp "$P/boot/vmlinuz-$KVER" "$WORK/vmlinuz"
  "$P/bin/busybox" depmod -b "$P" "$KVER"   # the package ships no index; make one to follow dependencies
  ln -sf "$P/bin/kmod" "$WORK/depmod"
  busybox_root "$R"
  mkdir -p "$R"/{root/.ssh,persist,var/log/xen,var/lock,opt/xensource/libexec,lib/x86_64-linux-gnu}
  ln -s ../run "$R/var/run"
  modules "$R" virtio_pci virtio_net 9pnet_virtio 9p e1000 \
    xen-evtchn xenfs xen-privcmd xen-gntdev xen-gntalloc xen-pciback
  # the Xen tools: xl and the daemons where libxl looks for them, the xenstore clients, xl.conf and the scripts
  mkdir -p "$R$X"
  for b in xl xenstored xen-init-dom0 xenconsoled xenconsole; do
    install -m 0755 "$P$X/$b" "$R$X/$b"; copy_libs "$P$X/$b" "$R"
  done
  ln -s "$X/xl" "$R/usr/bin/xl"; ln -s "$X/xl" "$R/usr/sbin/xl"
  for b in "$P"/usr/bin/xenstore*; do cp -a "$b" "$R/usr/bin/"; done
  copy_libs "$P/usr/bin/xenstore" "$R"
  cp "$P/lib/x86_64-linux-gnu/libgcc_s.so.1" "$R/lib/x86_64-linux-gnu/"
  cp -a "$P/etc/xen" "$R/etc/xen"
  install -m 0755 "$P/usr/sbin/dropbear" "$R/usr/bin/dropbear"; copy_libs "$P/usr/sbin/dropbear" "$R"
  # coreutils' install, from this machine as lab/lab.sh does: passthru's host lock writes its owner file with it
  install -m 0755 /usr/bin/install "$R/usr/bin/install"; copy_libs /usr/bin/install "$R"
  # the lab's boot-loader tool (see the header)
  cat > "$R/opt/xensource/libexec/xen-cmdline" <<'SH'
#!/bin/sh
# lab shim for XCP-ng's xen-cmdline: reads and edits the Xen line (multiboot2) and the dom0 line (first module2)
# of /boot/grub/grub.cfg. Behaviour and output as the real script's (xenserver/buildroot SOURCES/xen-cmdline,
# Python): --get-* prints the matching KEY or KEY=... arguments joined by newlines (an empty line when none
# matches), --set-* replaces the arguments with the same key and appends, --delete-* removes them; several
# options may follow each other; an option without arguments does nothing; exit 0.
cfg=/boot/grub/grub.cfg
args_of() { awk -v w="$1" '$1 == w { $1 = ""; $2 = ""; sub(/^ +/, ""); print; exit }' $cfg; }
xen=$(args_of multiboot2)
dom0=$(args_of module2)
modified=
matches() {  # matches ARG KEY...: ARG is KEY=... or KEY
  local a=$1 k; shift
  for k in "$@"; do case "$a" in "$k"|"$k"=*) return 0;; esac; done
  return 1
}
get() {  # get LINE KEY...
  local line=$1 out= k a; shift
  for k in "$@"; do for a in $line; do matches "$a" "$k" && out="$out${out:+
}$a"; done; done
  printf '%s\n' "$out"
}
without() {  # without LINE KEY...
  local line=$1 out= a; shift
  for a in $line; do matches "$a" "$@" || out="$out${out:+ }$a"; done
  printf '%s' "$out"
}
run() {  # run OPTION ARG...
  local what=$1 keys= a; shift; [ $# -gt 0 ] || return 0
  for a in "$@"; do keys="$keys ${a%%=*}"; done
  case "$what" in
    --get-xen) get "$xen" "$@" ;;
    --get-dom0) get "$dom0" "$@" ;;
    --set-xen) xen=$(without "$xen" $keys); xen="$xen${xen:+ }$*"; modified=1 ;;
    --set-dom0) dom0=$(without "$dom0" $keys); dom0="$dom0${dom0:+ }$*"; modified=1 ;;
    --delete-xen) xen=$(without "$xen" "$@"); modified=1 ;;
    --delete-dom0) dom0=$(without "$dom0" "$@"); modified=1 ;;
  esac
}
op=; set -- "$@" --end
args=
for arg in "$@"; do
  case "$arg" in
    --*) [ -n "$op" ] && eval "run $op $args"; args=
         case "$arg" in --get-xen|--get-dom0|--set-xen|--set-dom0|--delete-xen|--delete-dom0) op=$arg;; esac ;;
    *) args="$args '$(printf '%s' "$arg" | sed "s/'/'\\\\''/g")'" ;;
  esac
done
if [ -n "$modified" ]; then
  XEN="$xen" DOM0="$dom0" awk 'function line(a) { print "\t" $1 " " $2 (a == "" ? "" : " " a) }
    $1 == "multiboot2" { line(ENVIRON["XEN"]); next }
    $1 == "module2" && !done { done = 1; line(ENVIRON["DOM0"]); next }
    { print }' $cfg > $cfg.new
  mv $cfg.new $cfg
fi
exit 0
SH
  chmod 0755 "$R/opt/xensource/libexec/xen-cmdline"
  ln -s /opt/xensource/libexec/xen-cmdline "$R/usr/bin/xen-cmdline"   # dropbear gives root PATH=/usr/bin:/bin
  { init_prelude; cat <<'SH'
for m in virtio_pci virtio_net 9pnet_virtio 9p; do modprobe $m; done
mount -t 9p -o trans=virtio,version=9p2000.L,msize=262144 persist /persist
for d in etc/default boot var/lib; do mkdir -p /persist/$d; done
ln -s /persist/etc/default /etc/default; ln -s /persist/boot /boot
mkdir -p /var; ln -s /persist/var/lib /var/lib
# as xencommons: no domain outlives a boot
rm -rf /persist/var/lib/xen; mkdir -p /persist/var/lib/xen /run/xen /var/log/xen/console
modprobe xenfs; mount -t xenfs xenfs /proc/xen
for m in xen-evtchn xen-privcmd xen-gntdev xen-gntalloc; do modprobe $m; done
modprobe xen-pciback $(opts xen-pciback)   # before e1000, so that the hidden device is pciback's
modprobe e1000
ip link set lo up; ip link set eth0 up; ip addr add 10.0.2.15/24 dev eth0; ip route add default via 10.0.2.2
X=/usr/lib/xen-4.17/bin
$X/xenstored --pid-file /run/xen/xenstored.pid
$X/xen-init-dom0
$X/xenconsoled --pid-file=/run/xen/xenconsoled.pid --log=guest --log-dir=/var/log/xen/console
exec /bin/init
SH
  } > "$R/init"
  chmod 0755 "$R/init"
  cat > "$R/etc/inittab" <<'SH'
::respawn:/usr/bin/dropbear -F -E -s -r /persist/dropbear_host_key -p 22
hvc0::respawn:/bin/sh
::ctrlaltdel:/bin/reboot -f
::shutdown:/bin/umount -a -r
SH
  printf '/bin/sh\n' > "$R/etc/shells"
  cat > "$R/etc/os-release" <<'SH'
PRETTY_NAME="passthru Xen lab (Xen 4.17, Debian 12 dom0 kernel, busybox)"
NAME="passthru Xen lab"
ID=debian
VERSION_ID="12"
SH
  cp "$pubkey" "$R/root/.ssh/authorized_keys"; chmod 700 "$R/root/.ssh"; chmod 600 "$R/root/.ssh/authorized_keys"
  (cd "$R" && find . | "$R/bin/busybox" cpio -o -H newc 2>/dev/null | gzip -1) > "$WORK/initrd.gz"
  # persistent state: the grub.cfg of the first boot (Xen: the serial console, dom0's memory, the IOMMU on), a host key
  mkdir -p "$WORK/persist/boot/grub" "$WORK/persist/etc/default"
  cat > "$WORK/persist/boot/grub/grub.cfg" <<CFG
menuentry "passthru Xen lab" {
	multiboot2 /boot/xen.gz console=com1 com1=115200,8n1 dom0_mem=384M,max:384M iommu=1,verbose loglvl=all guest_loglvl=all bootscrub=0
	module2 /boot/vmlinuz-$KVER console=hvc0 earlyprintk=xen
	module2 /boot/initrd.img-$KVER
}
CFG
  LD_LIBRARY_PATH="$P/usr/lib/x86_64-linux-gnu" "$P/usr/bin/dropbearkey" -t ed25519 \
    -f "$WORK/persist/dropbear_host_key" >/dev/null
  guest
  echo "xen-lab: built in $WORK"
}

xen_line() { sed -n 's/^\s*multiboot2\s\+\S\+\s*//p' "$WORK/persist/boot/grub/grub.cfg" | head -1; }
dom0_line() { sed -n 's/^\s*module2\s\+\S\+\s*//p' "$WORK/persist/boot/grub/grub.cfg" | head -1; }

topology() {  # QEMU's CPUs, memory and NUMA nodes: PASSTHRU_XEN_LAB_NODES (1 or 2) nodes of 2 CPUs and 512 MB each
  local n=${PASSTHRU_XEN_LAB_NODES:-2} i
  [ "$n" = 1 ] && { echo "-smp 2 -m 1024"; return; }
  echo -n "-smp $((2 * n)) -m $((512 * n))"
  for ((i = 0; i < n; i++)); do
    echo -n " -object memory-backend-ram,id=mem$i,size=512M -numa node,nodeid=$i,cpus=$((2 * i))-$((2 * i + 1)),memdev=mem$i"
  done
}

start() {
  local port=$1
  need_qemu
  [ -f "$WORK/initrd.gz" ] || { echo "xen-lab: not built (lab/xen-lab.sh build PUBKEY)" >&2; exit 2; }
  rm -f "$WORK/stop"
  (
    while [ ! -f "$WORK/stop" ]; do
      # multiboot modules: "kernel its-arguments,initrd"; a comma inside the arguments is written twice (QEMU's escape)
      local dom0; dom0="$(dom0_line)"
      qemu-system-x86_64 -machine q35 -accel tcg,tb-size=128 -cpu qemu64 $(topology) \
        -device intel-iommu,intremap=on,caching-mode=on \
        -kernel "$WORK/xen.elf" -append "$(xen_line)" -initrd "$WORK/vmlinuz ${dom0//,/,,},$WORK/initrd.gz" \
        -no-reboot -display none -monitor none -serial "file:$WORK/console.log" \
        -netdev "user,id=mgmt,hostfwd=tcp:127.0.0.1:$port-:22" -device virtio-net-pci,netdev=mgmt,addr=0x2 \
        -netdev user,id=pt,restrict=on -device e1000,netdev=pt,addr=0x3 \
        -fsdev "local,id=persist,path=$WORK/persist,security_model=none" \
        -device virtio-9p-pci,fsdev=persist,mount_tag=persist,addr=0x5 \
        >> "$WORK/qemu.log" 2>&1 &
      echo $! > "$WORK/qemu.pid"
      wait $! || true
      echo "xen-lab: machine reset $(date -u +%FT%TZ)" >> "$WORK/qemu.log"
    done
  ) < /dev/null > "$WORK/supervisor.log" 2>&1 &   # detached: whoever started it is not kept waiting on its output
  echo $! > "$WORK/supervisor.pid"
  echo "xen-lab: booting on 127.0.0.1:$port (console: $WORK/console.log)"
}



case "${1:-}" in
  build) build "${2:?public key file}" ;;
  start) start "${2:?port}" ;;
  stop) stop ;;
  wait) wait_ssh "${2:?port}" "${3:-120}" ;;
  *) sed -n '9,12p' "$0"; exit 64 ;;
esac
