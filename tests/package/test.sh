#!/usr/bin/env bash
# The installation as an admin gets it (make deb-test, run by make test):
#  1. the .deb that `make deb` built: its contents (dpkg-deb -c) and control
#     fields (Depends from dpkg-shlibdeps, Section, Priority, Maintainer);
#  2. as root (CI is root), and when no svc package is installed already:
#     dpkg -i, then `svc --version`, `man -w svc`, `man -w svc-open` and
#     `complete -p svc` in a bash with bash-completion, then dpkg --purge,
#     leaving the machine as it was; otherwise the package is unpacked with
#     dpkg-deb -x into a temporary folder and the same files are checked;
#  3. `make install DESTDIR=$tmp PREFIX=/usr`: the same files, staged.
# Prints one line per check; exits 1 on the first failure.
set -euo pipefail
cd "$(dirname "$0")/../.."
BUILD=${1:-build}
BUILD=$(cd "$BUILD" && pwd)

fail() { echo "FAIL: $*" >&2; exit 1; }
ok() { echo "ok: $*"; }

shopt -s nullglob
debs=("$BUILD"/svc_*.deb)
[[ ${#debs[@]} -eq 1 ]] || fail "expected one $BUILD/svc_*.deb (make deb), found ${#debs[@]}"
deb=${debs[0]}
version=$("$BUILD/svc" --version | awk '{print $2}')
arch=$(dpkg --print-architecture)
[[ $(basename "$deb") == "svc_${version}_${arch}.deb" ]] || fail "$deb is not svc_${version}_${arch}.deb"
ok "$(basename "$deb")"

# The files every installation holds, below its prefix.
commands=$("$BUILD/svc" --help | awk 'tolower($0) ~ /^subcommands:/ {on=1; next} on && /^  [a-z]/ {print $1}')
[[ -n $commands ]] || fail "svc --help lists no commands"
expected=(bin/svc share/man/man1/svc.1.gz share/bash-completion/completions/svc
          share/zsh/vendor-completions/_svc share/fish/vendor_completions.d/svc.fish
          share/doc/svc/README.md share/doc/svc/FORMAT.md
          share/doc/svc/examples/templates/info.md.mustache share/doc/svc/examples/svc.toml
          share/locale/zh_CN/LC_MESSAGES/svc.mo)
for c in $commands; do expected+=("share/man/man1/svc-$c.1.gz"); done

# 1. Contents and control fields.
contents=$(dpkg-deb -c "$deb" | awk '{print $6}')
for f in "${expected[@]}"; do
  grep -qx "\./usr/$f" <<<"$contents" || fail "$deb lacks /usr/$f"
done
ok "dpkg-deb -c: ${#expected[@]} files in place"
field() { dpkg-deb -f "$deb" "$1"; }
[[ $(field Package) == svc ]] || fail "Package: $(field Package)"
[[ $(field Version) == "$version" ]] || fail "Version: $(field Version)"
[[ $(field Architecture) == "$arch" ]] || fail "Architecture: $(field Architecture)"
[[ $(field Section) == utils ]] || fail "Section: $(field Section)"
[[ $(field Priority) == optional ]] || fail "Priority: $(field Priority)"
[[ -n $(field Maintainer) ]] || fail "no Maintainer"
[[ -n $(field Description) ]] || fail "no Description"
depends=$(field Depends)
for lib in libc6 libstdc++6 libfmt; do
  grep -q "$lib" <<<"$depends" || fail "Depends lacks $lib: $depends"
done
ok "control: Depends: $depends"

# Checks the installed (or unpacked) files below $1, with svc at $2.
check_tree() {
  local root=$1 svc=$2
  for f in "${expected[@]}"; do [[ -s $root/$f ]] || fail "$root/$f missing"; done
  [[ $("$svc" --version) == "svc $version" ]] || fail "$svc --version: $("$svc" --version)"
  local warnings
  warnings=$(MANWIDTH=80 LANG=C.UTF-8 man --warnings -l "$root/share/man/man1/svc.1.gz" 2>&1 >/dev/null)
  [[ -z $warnings ]] || fail "man -l svc.1.gz: $warnings"
  bash -c "source '$root/share/bash-completion/completions/svc' && complete -p svc" \
    | grep -q -- '-F _svc svc' || fail "bash does not load $root/share/bash-completion/completions/svc"
  # The Chinese interface from the catalog installed beside it (no zh_CN locale needed).
  local help
  help=$(env -u LC_ALL -u LC_MESSAGES -u SVC_LOCALEDIR LANG=zh_CN.UTF-8 "$svc" --help)
  [[ $help == *用法* ]] || fail "$svc --help under LANG=zh_CN.UTF-8 is not in Chinese"
}

# 2. Installed with dpkg (root, no svc package already), else unpacked.
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
if [[ $(id -u) == 0 ]] && ! dpkg-query -W -f='${Status}' svc 2>/dev/null | grep -q installed \
   && [[ ! -e /usr/bin/svc ]]; then
  trap 'dpkg --purge svc >/dev/null 2>&1 || true; rm -rf "$tmp"' EXIT
  dpkg -i "$deb" >/dev/null || fail "dpkg -i $deb"
  ok "dpkg -i $(basename "$deb")"
  check_tree /usr /usr/bin/svc
  [[ $(svc --version) == "svc $version" ]] || fail "svc --version from PATH"
  [[ $(man -w svc) == /usr/share/man/man1/svc.1.gz ]] || fail "man -w svc: $(man -w svc)"
  [[ $(man -w svc-open) == /usr/share/man/man1/svc-open.1.gz ]] || fail "man -w svc-open"
  ok "svc --version, man -w svc, man -w svc-open"
  # As an interactive shell gets it: bash-completion loads svc's on demand.
  loaded=$(bash -c 'source /usr/share/bash-completion/bash_completion
                    _completion_loader svc; complete -p svc')
  [[ $loaded == *"-F _svc svc"* ]] || fail "bash-completion does not load svc's completion: $loaded"
  ok "complete -p svc: $loaded"
  dpkg --purge svc >/dev/null || fail "dpkg --purge svc"
  [[ ! -e /usr/bin/svc && ! -e /usr/share/man/man1/svc.1.gz ]] || fail "files left after purge"
  dpkg-query -W -f='${Status}' svc 2>/dev/null | grep -q installed && fail "svc still installed"
  trap 'rm -rf "$tmp"' EXIT
  ok "dpkg --purge svc: nothing left"
else
  dpkg-deb -x "$deb" "$tmp/deb"
  check_tree "$tmp/deb/usr" "$tmp/deb/usr/bin/svc"
  ok "dpkg-deb -x (not root, or svc already installed): files, svc --version, man -l, complete -p"
fi

# 3. A staged make install.
make --no-print-directory install BUILD="$BUILD" DESTDIR="$tmp/stage" PREFIX=/usr >/dev/null
check_tree "$tmp/stage/usr" "$tmp/stage/usr/bin/svc"
find "$tmp/stage" -type f | sed "s|^$tmp/stage||" | sort | awk "NR <= 12"  # reads all: no SIGPIPE under pipefail
echo "   ... $(find "$tmp/stage" -type f | wc -l) files"
ok "make install DESTDIR=… PREFIX=/usr"
echo "package tests: all passed"
