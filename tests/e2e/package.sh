#!/usr/bin/env bash
# mttx installs like a tool: `cmake --install` puts the binary, the man page and the
# bash and zsh completions under a prefix, and the .deb that scripts/package makes
# (CPack, from the same build tree) holds the same files and depends on the Debian
# runtime packages of its libraries; both are unpacked into a temporary root, where
# `mttx --version` runs and `man -l` reads the installed page.
set -euo pipefail
build=$1
d=$(mktemp -d)
trap 'rm -rf "$d"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
for tool in cpack dpkg-deb man; do
  command -v "$tool" >/dev/null || { echo "SKIP: $tool missing (run scripts/bootstrap)" >&2; exit 77; }
done
check_root() { # ROOT (holding usr/)
  local root=$1
  "$root/usr/bin/mttx" --version | grep -q '^mttx [0-9]' || fail "$root: mttx --version"
  local page
  page=$(MANWIDTH=80 man -l "$root/usr/share/man/man1/mttx.1" 2>/dev/null) || true
  grep -q "EXIT STATUS" <<<"$page" || fail "$root: man -l does not read the page"
  bash -n "$root/usr/share/bash-completion/completions/mttx" || fail "$root: bash completion"
  [ -f "$root/usr/share/zsh/vendor-completions/_mttx" ] || fail "$root: zsh completion"
}
cmake --install "$build" --prefix "$d/installed/usr" >/dev/null || fail "cmake --install"
check_root "$d/installed"
cpack -G DEB -B "$d/pkg" --config "$build/CPackConfig.cmake" >/dev/null 2>&1 || fail "cpack"
deb=$(ls "$d"/pkg/mttx_*.deb) || fail "no .deb"
# the control fields read first: grep -q in a pipe under pipefail fails at random (the
# writer gets SIGPIPE when grep stops early)
info=$(dpkg-deb -I "$deb")
grep -q "Depends:.*libarchive13.*libpcre2-8-0" <<<"$info" || fail "Depends: $(grep Depends <<<"$info")"
dpkg-deb -x "$deb" "$d/deb"
check_root "$d/deb"
echo "package: $(basename "$deb") installs and runs"
