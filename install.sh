#!/bin/sh
# Installs a capbrief release binary for this machine (Linux or macOS, x86-64 or arm64) after
# checking its SHA-256 against the release's SHA256SUMS.
#
#   curl -fsSL https://github.com/capbrief/capbrief/releases/latest/download/install.sh | sh
#   sh install.sh --version 0.1.0 --to ~/.local/bin
#
# Options (or the environment variable in brackets):
#   --version X.Y.Z  release to install [CAPBRIEF_VERSION]; default: the latest release
#   --to DIR         folder to put `capbrief` in [CAPBRIEF_INSTALL_DIR]; default: ~/.local/bin
# CAPBRIEF_DOWNLOAD_URL replaces the release's download address (a mirror, or a test server):
# the archive and SHA256SUMS are fetched from "$CAPBRIEF_DOWNLOAD_URL/<file>".
set -eu

repo_url="https://github.com/capbrief/capbrief"
version="${CAPBRIEF_VERSION:-}"
dest="${CAPBRIEF_INSTALL_DIR:-${HOME}/.local/bin}"

die() {
  echo "capbrief install: error: $1" >&2
  exit 1
}

while [ "$#" -gt 0 ]; do
  case "$1" in
    --version) [ "$#" -ge 2 ] || die "--version needs a value"; version="${2#v}"; shift 2 ;;
    --to) [ "$#" -ge 2 ] || die "--to needs a folder"; dest="$2"; shift 2 ;;
    -h | --help)
      echo "usage: install.sh [--version X.Y.Z] [--to DIR]"
      echo "Installs capbrief from a release after checking it against the release's SHA256SUMS."
      exit 0
      ;;
    *) die "unknown option '$1' (see --help)" ;;
  esac
done

case "$(uname -s)" in
  Linux) os="unknown-linux-gnu" ;;
  Darwin) os="apple-darwin" ;;
  *) die "no release binary for $(uname -s); on Windows download the .zip from $repo_url/releases, or run: cargo install --locked capbrief" ;;
esac
case "$(uname -m)" in
  x86_64 | amd64) arch="x86_64" ;;
  aarch64 | arm64) arch="aarch64" ;;
  *) die "no release binary for $(uname -m); run: cargo install --locked capbrief" ;;
esac
target="$arch-$os"
archive="capbrief-$target.tar.gz"

if [ -n "${CAPBRIEF_DOWNLOAD_URL:-}" ]; then
  base="${CAPBRIEF_DOWNLOAD_URL%/}"
elif [ -n "$version" ]; then
  base="$repo_url/releases/download/v$version"
else
  base="$repo_url/releases/latest/download"
fi

fetch() {
  if command -v curl >/dev/null 2>&1; then
    curl --proto '=https,http' -fsSL --retry 3 -o "$2" "$1"
  elif command -v wget >/dev/null 2>&1; then
    wget -q -O "$2" "$1"
  else
    die "neither curl nor wget is installed"
  fi
}

sha256_of() {
  if command -v sha256sum >/dev/null 2>&1; then
    sha256sum "$1" | cut -d ' ' -f 1
  elif command -v shasum >/dev/null 2>&1; then
    shasum -a 256 "$1" | cut -d ' ' -f 1
  else
    die "neither sha256sum nor shasum is installed, so the download cannot be checked"
  fi
}

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM

echo "Downloading $base/$archive"
fetch "$base/$archive" "$tmp/$archive" || die "cannot download $base/$archive (is there a release${version:+ v$version} for $target?)"
fetch "$base/SHA256SUMS" "$tmp/SHA256SUMS" || die "cannot download $base/SHA256SUMS"

expected=$(awk -v f="$archive" '$2 == f || $2 == "*" f { print $1 }' "$tmp/SHA256SUMS")
[ -n "$expected" ] || die "SHA256SUMS lists no $archive"
actual=$(sha256_of "$tmp/$archive")
[ "$expected" = "$actual" ] || die "checksum mismatch for $archive: expected $expected, got $actual; nothing was installed"
echo "Checksum verified: $actual"

tar -xzf "$tmp/$archive" -C "$tmp"
[ -f "$tmp/capbrief-$target/capbrief" ] || die "$archive holds no capbrief binary"
mkdir -p "$dest"
cp "$tmp/capbrief-$target/capbrief" "$dest/capbrief.new"
chmod 755 "$dest/capbrief.new"
mv -f "$dest/capbrief.new" "$dest/capbrief"
echo "Installed $("$dest/capbrief" --version) to $dest/capbrief"
case ":$PATH:" in
  *":$dest:"*) ;;
  *) echo "Add $dest to your PATH to run it as \`capbrief\`." ;;
esac
