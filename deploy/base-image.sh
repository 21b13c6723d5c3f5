#!/usr/bin/env bash
# Builds a local base image with a JRE (default memstone-base:bookworm) for machines that cannot pull from
# a registry: a minimal Debian root file system from debootstrap, with Debian's OpenJDK 17, imported with
# `docker import`. Does nothing when the image already exists. Needs root, debootstrap and a Docker engine.
#   deploy/base-image.sh [IMAGE]       (DEBIAN_MIRROR overrides the mirror)
set -euo pipefail
image=${1:-memstone-base:bookworm}
mirror=${DEBIAN_MIRROR:-http://deb.debian.org/debian}

if docker image inspect "$image" >/dev/null 2>&1; then
  echo "base image $image exists"
  exit 0
fi

rootfs=$(mktemp -d /tmp/memstone-base.XXXXXX)
cleanup() {
  # debootstrap leaves /proc (and /sys) mounted in the target if it fails half-way
  umount -R "$rootfs/proc" "$rootfs/sys" 2>/dev/null || true
  rm -rf --one-file-system "$rootfs"
}
trap cleanup EXIT

echo "building $image: debootstrap bookworm into $rootfs"
debootstrap --variant=minbase --include=openjdk-17-jre-headless bookworm "$rootfs" "$mirror" >"$rootfs.log" 2>&1 \
  || { tail -20 "$rootfs.log"; rm -f "$rootfs.log"; exit 1; }
rm -f "$rootfs.log"
# package caches and lists are not needed at run time
rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/*

tar -C "$rootfs" -c . | docker import \
  --change 'CMD ["/bin/bash"]' \
  - "$image" >/dev/null
echo "base image $image built"
