#!/usr/bin/env bash
# The lab host: a real Debian 6.1 kernel under QEMU (software emulation, no KVM needed) on a q35 machine
# with an emulated Intel IOMMU, an e1000 (the device to pass through), a virtio-net NIC for SSH, an
# emulated NVMe drive and the ICH9 functions (one shared IOMMU group). Reached over SSH on a 127.0.0.1
# port forward.
#
#   lab/lab.sh build PUBKEY      download the Debian packages, build the initramfs and the persistent dir
#   lab/lab.sh start PORT        boot it in the background (a supervisor re-boots it after a guest reboot)
#   lab/lab.sh stop              stop it
#   lab/lab.sh wait PORT [SECS]  wait until its SSH server answers
#
# Topology variant: PASSTHRU_LAB_TOPOLOGY=numa-switches lab/lab.sh start PORT boots the same kernel and rootfs
# (build it with the same command) on a machine with two guest NUMA nodes (one vCPU and 256M each) and, per node,
# a pxb-pcie expander bus (numa_node=N, bus_nr 0x20 / 0x40) with a pcie-root-port, an x3130-upstream switch and
# two xio3130-downstream ports holding an e1000e and an NVMe drive, and on node 1 a second pcie-root-port with an
# e1000e directly below it; the management virtio-net, the 9p dir and the intel-iommu are as in the default lab,
# the default's e1000 and NVMe are left out. Unset, the default lab.
# Use its own PASSTHRU_LAB_DIR (the persistent dir is the host's /etc and /boot); PASSTHRU_LAB_DEBS names a
# package cache to share with another lab (default PASSTHRU_LAB_DIR/debs).
#
# How it boots, like a real host does: the guest's `update-grub` (a lab shim) writes the kernel line built
# from its /etc/default/grub into /boot/grub/grub.cfg; the guest's `reboot` resets the machine; QEMU,
# started with -no-reboot, then exits and the supervisor boots the kernel with the `linux` line of that
# grub.cfg (the lab's "firmware" reads what GRUB would). /etc, /boot and /var/lib/passthru live on a
# directory shared with the host (virtio 9p), so they survive reboots. `update-initramfs` (a lab shim)
# copies /etc/modprobe.d into /boot, and the init loads each driver after its softdeps, as modprobe
# would from a real initramfs. `systemctl` (a lab shim) does what passthru's boot-time units need, as systemd 252
# answers: daemon-reload, enable / disable (the link in the .wants dir of the unit's WantedBy=, under
# /etc/systemd/system, which is persistent too), is-enabled, and restart, which runs the unit's ExecStart= lines;
# the init runs the enabled units the same way once the PCI drivers are loaded. Everything else (the kernel,
# vfio-pci binding, IOMMU groups, ACS control, huge pages, boot_id) is the real kernel's own doing.
#
# Packages: linux-image-6.1.0-*-amd64, busybox-static, dropbear-bin, libtomcrypt1, libtommath1,
# pciutils (lspci, setpci), libpci3, pci.ids, kmod (downloaded; kmod only runs here, to index the modules); install (coreutils) and lscpu (util-linux) with their
# libraries are copied from this machine's own Debian packages. qemu-system-x86 runs it.
set -euo pipefail
LAB="$(cd "$(dirname "$0")" && pwd)"
WORK="${PASSTHRU_LAB_DIR:-$LAB/.work}"
NAME=lab
. "$LAB/common.sh"
KVER="${PASSTHRU_LAB_KERNEL:-6.1.0-56-amd64}"
DEBS="${PASSTHRU_LAB_DEBS:-$WORK/debs}"   # the downloaded packages (a cache; labs may share one)


copy_with_libs() {  # copy_with_libs BINARY DEST_ROOT [LIBDIR...]
  local bin=$1 root=$2; shift 2
  install -D -m 0755 "$bin" "$root/usr/bin/$(basename "$bin")"
  LD_LIBRARY_PATH="${*:-}" ldd "$bin" | awk '/=> \//{print $3} /^[ \t]*\/lib64/{print $1}' | while read -r lib; do
    mkdir -p "$root$(dirname "$lib")"; cp -L "$lib" "$root$lib"
  done
}

build() {
  local pubkey=$1
  need_qemu
  rm -rf "$WORK/pkg" "$WORK/root" "$WORK/persist"; mkdir -p "$DEBS" "$WORK/pkg" "$WORK/root" "$WORK/persist"
  local pkgs=("linux-image-$KVER" busybox-static dropbear-bin libtomcrypt1 libtommath1 pciutils libpci3 pci.ids kmod)
  if [ ! -f "$DEBS/.complete" ]; then
    # a machine whose package lists are old or empty gets them refreshed once
    (cd "$DEBS" && apt-get download -q "${pkgs[@]}" >/dev/null 2>&1) || { apt-get update -qq && (cd "$DEBS" && apt-get download -q "${pkgs[@]}" >/dev/null 2>&1); }
    touch "$DEBS/.complete"
  fi
  for d in "$DEBS"/*.deb; do dpkg-deb -x "$d" "$WORK/pkg"; done
  local R="$WORK/root" P="$WORK/pkg"
  cp "$P/boot/vmlinuz-$KVER" "$WORK/vmlinuz"
  mkdir -p "$R"/{bin,sbin,usr/bin,usr/sbin,proc,sys,dev,tmp,run,root/.ssh,persist,lib/modules,etc}
  cp "$P/bin/busybox" "$R/bin/busybox"
  for a in $("$R/bin/busybox" --list); do [ -e "$R/bin/$a" ] || ln -s busybox "$R/bin/$a"; done
  # modules: what the lab's devices and vfio need, with their dependencies; busybox depmod writes the index
  local M="$P/lib/modules/$KVER" D="$R/lib/modules/$KVER"
  "$R/bin/busybox" depmod -b "$P" "$KVER"   # the package ships no index; make one to follow dependencies
  local want="virtio_pci virtio_net 9pnet_virtio 9p e1000 e1000e nvme ahci vfio vfio_virqfd irqbypass vfio_iommu_type1 vfio-pci-core vfio-pci"
  for m in $want; do
    line=$(grep -E "(^|/)${m}\.ko:" "$M/modules.dep" | head -1) || { echo "lab: no module $m" >&2; exit 2; }
    for f in ${line%%:*} ${line#*:}; do mkdir -p "$D/$(dirname "$f")"; cp "$M/$f" "$D/$f"; done
  done
  cp "$M"/modules.builtin* "$M"/modules.order "$D/" 2>/dev/null || true
  ln -sf "$P/bin/kmod" "$WORK/depmod"; "$WORK/depmod" -b "$R" "$KVER"   # kmod's indexes (text and binary): lspci -k names each device's kernel modules from them
  # tools passthru uses that busybox lacks
  copy_with_libs "$P/usr/bin/lspci" "$R" "$P/usr/lib/x86_64-linux-gnu"
  copy_with_libs "$P/usr/bin/setpci" "$R" "$P/usr/lib/x86_64-linux-gnu"
  cp -a "$P"/usr/lib/x86_64-linux-gnu/libpci.so.3* "$R/usr/lib/" 2>/dev/null || true
  mkdir -p "$R/usr/lib/x86_64-linux-gnu"; cp -a "$P"/usr/lib/x86_64-linux-gnu/libpci.so.3* "$R/usr/lib/x86_64-linux-gnu/"
  mkdir -p "$R/usr/share/misc"; cp "$P/usr/share/misc/pci.ids" "$R/usr/share/misc/pci.ids"
  copy_with_libs /usr/bin/install "$R"
  copy_with_libs /usr/bin/lscpu "$R"
  copy_with_libs "$P/usr/sbin/dropbear" "$R" "$P/usr/lib/x86_64-linux-gnu"
  cp -a "$P"/usr/lib/x86_64-linux-gnu/libtom*.so* "$R/usr/lib/x86_64-linux-gnu/"
  rm -f "$R/bin/install" "$R/bin/lspci" "$R/bin/setpci"
  # the lab's boot-loader and initramfs tools (see the header)
  cat > "$R/usr/sbin/update-grub" <<'SH'
#!/bin/sh
# lab shim for update-grub: the kernel line from /etc/default/grub, into /boot/grub/grub.cfg
. /etc/default/grub
echo "Generating grub configuration file ..." >&2
mkdir -p /boot/grub
printf 'menuentry "passthru lab" {\n\tlinux\t/vmlinuz console=ttyS0 %s %s\n}\n' "$GRUB_CMDLINE_LINUX" "$GRUB_CMDLINE_LINUX_DEFAULT" > /boot/grub/grub.cfg.new
mv /boot/grub/grub.cfg.new /boot/grub/grub.cfg
echo "done" >&2
SH
  cat > "$R/usr/sbin/update-initramfs" <<'SH'
#!/bin/sh
# lab shim for update-initramfs: the modprobe.d files the next boot's init obeys
echo "update-initramfs: Generating /boot/initrd.img-$(uname -r)"
cat /etc/modprobe.d/*.conf 2>/dev/null > /boot/initrd.img-$(uname -r).new
mv /boot/initrd.img-$(uname -r).new /boot/initrd.img-$(uname -r)
SH
  systemctl_shim > "$R/usr/bin/systemctl"
  chmod 0755 "$R/usr/sbin/update-grub" "$R/usr/sbin/update-initramfs" "$R/usr/bin/systemctl"
  ln -s ../sbin/update-grub "$R/usr/bin/update-grub"; ln -s ../sbin/update-initramfs "$R/usr/bin/update-initramfs"   # dropbear gives root PATH=/usr/bin:/bin
  { init_prelude; cat <<'SH'
load() {  # a driver, after what the initramfs copy of modprobe.d puts before it (softdep M pre: P)
  for p in $(sed -n "s/^softdep $1 pre: //p" "/boot/initrd.img-$(uname -r)" 2>/dev/null); do
    [ "$p" = vfio-pci ] && for v in vfio vfio_virqfd irqbypass vfio_iommu_type1 vfio-pci-core; do modprobe $v $(opts $v); done
    modprobe $p $(opts $p)
  done
  modprobe $1 $(opts $1)
}
for m in virtio_pci virtio_net 9pnet_virtio 9p; do modprobe $m; done
mount -t 9p -o trans=virtio,version=9p2000.L,msize=262144 persist /persist
for d in etc/default etc/modprobe.d etc/systemd/system boot var/lib; do mkdir -p /persist/$d; done
ln -s /persist/etc/default /etc/default; ln -s /persist/etc/modprobe.d /etc/modprobe.d; ln -s /persist/boot /boot
ln -s /persist/etc/systemd /etc/systemd
mkdir -p /var; ln -s /persist/var/lib /var/lib
for m in e1000 nvme ahci; do load $m; done
grep -qx 0x10d3 /sys/bus/pci/devices/*/device && load e1000e   # the topology variant's NICs (82574L)
for u in /etc/systemd/system/*.wants/*.service; do   # enabled units, once the drivers are in (as systemd would)
  [ -L "$u" ] && echo "lab: starting ${u##*/}: $(systemctl restart "${u##*/}" 2>&1 && echo ok)" > /dev/console
done
ip link set lo up; ip link set eth0 up; ip addr add 10.0.2.15/24 dev eth0; ip route add default via 10.0.2.2
exec /bin/init
SH
  } > "$R/init"
  chmod 0755 "$R/init"
  cat > "$R/etc/inittab" <<'SH'
::respawn:/usr/bin/dropbear -F -E -s -r /persist/dropbear_host_key -p 22
ttyS0::respawn:/bin/sh
::ctrlaltdel:/bin/reboot -f
::shutdown:/bin/umount -a -r
SH
  printf 'root:x:0:0:root:/root:/bin/sh\n' > "$R/etc/passwd"; printf 'root:x:0:\n' > "$R/etc/group"; printf '/bin/sh\n' > "$R/etc/shells"
  cat > "$R/etc/os-release" <<'SH'
PRETTY_NAME="passthru lab (Debian 12 kernel, busybox)"
NAME="passthru lab"
ID=debian
VERSION_ID="12"
SH
  cp "$pubkey" "$R/root/.ssh/authorized_keys"; chmod 700 "$R/root/.ssh"; chmod 600 "$R/root/.ssh/authorized_keys"
  (cd "$R" && find . | "$R/bin/busybox" cpio -o -H newc 2>/dev/null | gzip -1) > "$WORK/initrd.gz"
  # persistent state: Debian's default /etc/default/grub, the grub.cfg it yields, a host key
  cp "$LAB/grub.default" "$WORK/persist/etc_default_grub.seed"
  mkdir -p "$WORK/persist/etc/default" "$WORK/persist/boot/grub" "$WORK/persist/etc/modprobe.d"
  cp "$LAB/grub.default" "$WORK/persist/etc/default/grub"
  printf 'menuentry "passthru lab" {\n\tlinux\t/vmlinuz console=ttyS0  quiet\n}\n' > "$WORK/persist/boot/grub/grub.cfg"
  : > "$WORK/persist/boot/initrd.img-$KVER"
  "$P/usr/bin/dropbearkey" -t ed25519 -f "$WORK/persist/dropbear_host_key" >/dev/null 2>&1 || \
    LD_LIBRARY_PATH="$P/usr/lib/x86_64-linux-gnu" "$P/usr/bin/dropbearkey" -t ed25519 -f "$WORK/persist/dropbear_host_key" >/dev/null
  truncate -s 16M "$WORK/nvme.img"
  echo "lab: built in $WORK"
}

systemctl_shim() {  # the lab's systemctl (see the header): what passthru's boot units need, as systemd 252 answers
  cat <<'SH'
#!/bin/sh
# lab shim for systemctl: daemon-reload, enable, disable, is-enabled, restart of units in /etc/systemd/system
D=/etc/systemd/system
[ "$1" = daemon-reload ] && [ $# -eq 1 ] && exit 0
[ $# -eq 2 ] || { echo "systemctl (lab shim): not supported: $*" >&2; exit 1; }
verb=$1 unit=$2 file=$D/$2
wants() { echo "$D/$(sed -n 's/^WantedBy=//p' "$file" | head -1).wants"; }
case "$verb" in
  is-enabled)
    [ -f "$file" ] || { echo "Failed to get unit file state for $unit: No such file or directory" >&2; exit 1; }
    if [ -L "$(wants)/$unit" ]; then echo enabled; else echo disabled; exit 1; fi ;;
  enable)
    [ -f "$file" ] || { echo "Failed to enable unit: Unit file $unit does not exist." >&2; exit 1; }
    w=$(wants); [ -L "$w/$unit" ] && exit 0
    mkdir -p "$w"; ln -s "$file" "$w/$unit"; echo "Created symlink $w/$unit → $file." >&2 ;;
  disable)
    for l in "$D"/*.wants/"$unit"; do
      [ -L "$l" ] && rm -f "$l" && echo "Removed \"$l\"." >&2
    done; exit 0 ;;
  restart)   # a oneshot: its ExecStart= lines in order, stopping at the first that fails
    [ -f "$file" ] || { echo "Failed to restart $unit: Unit $unit not found." >&2; exit 5; }
    sed -n 's/^ExecStart=//p' "$file" | while IFS= read -r line; do sh -c "$line" > /dev/null || exit 1; done || {
      printf 'Job for %s failed because the control process exited with error code.\nSee "systemctl status %s" and "journalctl -xeu %s" for details.\n' "$unit" "$unit" "$unit" >&2
      exit 1; } ;;
  *) echo "Unknown command verb $verb." >&2; exit 1 ;;
esac
SH
}

cmdline() { sed -n 's/^\s*linux\s\+\S\+\s*//p' "$WORK/persist/boot/grub/grub.cfg" | head -1; }

devices() {  # DEVS: the default lab's devices under test (none in the topology variant)
  DEVS=()
  [ -n "${PASSTHRU_LAB_TOPOLOGY:-}" ] && return
  DEVS=(-netdev user,id=pt,restrict=on -device e1000,netdev=pt,addr=0x3
        -drive "file=$WORK/nvme.img,if=none,format=raw,id=nv" -device nvme,drive=nv,serial=passthru-lab,addr=0x4)
}

topology() {  # TDEVS: the topology variant's NUMA nodes and devices (see the header); they go after the root bus
  # devices, which would otherwise land on the last bus QEMU made (a pxb-pcie)
  TDEVS=()
  case "${PASSTHRU_LAB_TOPOLOGY:-}" in
    '') ;;
    numa-switches)
      local n
      for n in 0 1; do
        [ -f "$WORK/nvme$n.img" ] || truncate -s 16M "$WORK/nvme$n.img"
        TDEVS+=(-object "memory-backend-ram,id=mem$n,size=256M" -numa "node,nodeid=$n,cpus=$n,memdev=mem$n"
                -device "pxb-pcie,id=pxb$n,bus_nr=$((0x20 + 0x20 * n)),numa_node=$n,bus=pcie.0,addr=0x1$n"
                -device "pcie-root-port,id=rp$n,bus=pxb$n,chassis=$((10 + n)),slot=0"
                -device "x3130-upstream,id=up$n,bus=rp$n"
                -device "xio3130-downstream,id=dn${n}a,bus=up$n,chassis=$((20 + n)),slot=0"
                -device "xio3130-downstream,id=dn${n}b,bus=up$n,chassis=$((30 + n)),slot=0"
                -netdev "user,id=pt$n,restrict=on" -device "e1000e,netdev=pt$n,bus=dn${n}a"
                -drive "file=$WORK/nvme$n.img,if=none,format=raw,id=nv$n" -device "nvme,drive=nv$n,serial=passthru-lab-n$n,bus=dn${n}b")
      done
      # node 1 also has an e1000e directly below a second root port (no switch): a path whose every bridge has ACS
      TDEVS+=(-device "pcie-root-port,id=rp1b,bus=pxb1,chassis=41,slot=0,addr=0x1"
              -netdev "user,id=pt1b,restrict=on" -device "e1000e,netdev=pt1b,bus=rp1b") ;;
    *) echo "lab: unknown PASSTHRU_LAB_TOPOLOGY ${PASSTHRU_LAB_TOPOLOGY} (numa-switches)" >&2; exit 64 ;;
  esac
}

start() {
  local port=$1
  need_qemu
  [ -f "$WORK/initrd.gz" ] || { echo "lab: not built (lab/lab.sh build PUBKEY)" >&2; exit 2; }
  devices; topology   # an unknown topology stops here, before booting
  rm -f "$WORK/stop"
  (
    while [ ! -f "$WORK/stop" ]; do
      qemu-system-x86_64 -machine q35,kernel-irqchip=split -accel tcg -cpu qemu64,vendor=GenuineIntel -smp 2 -m 512 \
        -device intel-iommu,intremap=on \
        -kernel "$WORK/vmlinuz" -initrd "$WORK/initrd.gz" -append "$(cmdline)" -no-reboot -nographic -serial "file:$WORK/console.log" -monitor none \
        -netdev "user,id=mgmt,hostfwd=tcp:127.0.0.1:$port-:22" -device virtio-net-pci,netdev=mgmt,addr=0x2 \
        "${DEVS[@]}" \
        -fsdev "local,id=persist,path=$WORK/persist,security_model=none" -device virtio-9p-pci,fsdev=persist,mount_tag=persist,addr=0x5 \
        "${TDEVS[@]}" \
        >> "$WORK/qemu.log" 2>&1 &
      echo $! > "$WORK/qemu.pid"
      wait $! || true
      echo "lab: machine reset $(date -u +%FT%TZ)" >> "$WORK/qemu.log"
    done
  ) < /dev/null > "$WORK/supervisor.log" 2>&1 &   # detached: whoever started it is not kept waiting on its output
  echo $! > "$WORK/supervisor.pid"
  echo "lab: booting on 127.0.0.1:$port (console: $WORK/console.log)"
}



case "${1:-}" in
  build) build "${2:?public key file}" ;;
  start) start "${2:?port}" ;;
  stop) stop ;;
  wait) wait_ssh "${2:?port}" "${3:-120}" ;;
  *) sed -n '2,9p' "$0"; exit 64 ;;
esac
