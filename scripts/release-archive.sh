#!/usr/bin/env bash
# Packs a built capbrief binary for one target into its release archive, with the licences and
# README, and writes the archive's SHA-256 line beside it. The release workflow runs it on
# every platform; the tests run it on this machine's binary.
#
# Usage: scripts/release-archive.sh TARGET BINARY OUTDIR
#   writes OUTDIR/capbrief-TARGET.tar.gz (.zip for Windows) and OUTDIR/<archive>.sha256
set -euo pipefail

if [ "$#" -ne 3 ]; then
  echo "usage: $0 TARGET BINARY OUTDIR" >&2
  exit 2
fi
target=$1
binary=$2
outdir=$3
repo=$(cd "$(dirname "$0")/.." && pwd)
name="capbrief-$target"

stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
mkdir "$stage/$name"
cp "$binary" "$stage/$name/"
cp "$repo/README.md" "$repo/LICENSE-MIT" "$repo/LICENSE-APACHE" "$stage/$name/"
mkdir -p "$outdir"
outdir=$(cd "$outdir" && pwd)

case "$target" in
  *-windows-*)
    archive="$name.zip"
    if command -v 7z >/dev/null; then
      (cd "$stage" && 7z a -tzip -bd "$outdir/$archive" "$name" >/dev/null)
    else
      (cd "$stage" && zip -qr "$outdir/$archive" "$name")
    fi
    ;;
  *)
    archive="$name.tar.gz"
    tar -C "$stage" -czf "$outdir/$archive" "$name"
    ;;
esac

# One line in the format `sha256sum -c` reads; the release's SHA256SUMS is these lines joined.
if command -v sha256sum >/dev/null; then
  (cd "$outdir" && sha256sum "$archive" >"$archive.sha256")
else
  (cd "$outdir" && shasum -a 256 "$archive" >"$archive.sha256")
fi
echo "$outdir/$archive"
