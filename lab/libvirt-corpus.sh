#!/usr/bin/env bash
# libvirt's own test domains: the domain XMLs of tests/qemuxml2argvdata and tests/qemuxml2xmloutdata in Debian
# bookworm's libvirt 9.0.0 source (libvirt_9.0.0.orig.tar.xz of the `libvirt` source package 9.0.0-4+deb12u2,
# the tarball `apt-get source libvirt` fetches), for LibvirtCorpusSpec. Downloaded once (~9 MB, checked against
# the SHA-256 the package's .dsc names), then cached, as lab/lab.sh caches its kernel packages.
#
#   lab/libvirt-corpus.sh        fetch (once) and unpack into $PASSTHRU_LIBVIRT_CORPUS_DIR (default lab/.work/libvirt-corpus)
#
# Afterwards the directory holds tests/qemuxml2argvdata/*.xml and tests/qemuxml2xmloutdata/*.xml (symlinks as in
# the source). PASSTHRU_DEBIAN_MIRROR overrides http://deb.debian.org/debian.
set -euo pipefail
LAB="$(cd "$(dirname "$0")" && pwd)"
WORK="${PASSTHRU_LIBVIRT_CORPUS_DIR:-$LAB/.work/libvirt-corpus}"
MIRROR="${PASSTHRU_DEBIAN_MIRROR:-http://deb.debian.org/debian}"
TARBALL=libvirt_9.0.0.orig.tar.xz
SHA256=deca5cff1b7baac297bca9663907c61f71a47183371dc7ac019c107806d5435a   # Checksums-Sha256 of libvirt_9.0.0-4+deb12u2.dsc

mkdir -p "$WORK"
if [ ! -f "$WORK/.complete" ]; then
  if ! echo "$SHA256  $WORK/$TARBALL" | sha256sum -c --status 2>/dev/null; then
    curl -fsSL --retry 3 -o "$WORK/$TARBALL.part" "$MIRROR/pool/main/libv/libvirt/$TARBALL"
    echo "$SHA256  $WORK/$TARBALL.part" | sha256sum -c --status \
      || { echo "libvirt-corpus: $TARBALL does not have the SHA-256 of Debian's .dsc" >&2; exit 1; }
    mv "$WORK/$TARBALL.part" "$WORK/$TARBALL"
  fi
  rm -rf "$WORK/tests"
  tar -xJf "$WORK/$TARBALL" -C "$WORK" --strip-components=1 --wildcards \
    'libvirt-9.0.0/tests/qemuxml2argvdata/*.xml' 'libvirt-9.0.0/tests/qemuxml2xmloutdata/*.xml'
  touch "$WORK/.complete"
fi
echo "libvirt-corpus: $(ls "$WORK"/tests/qemuxml2argvdata/*.xml "$WORK"/tests/qemuxml2xmloutdata/*.xml | wc -l) domain XMLs in $WORK/tests"
