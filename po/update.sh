#!/bin/sh
# The catalogs, kept with the source (gettext's way):
#   1. every text marked _("…"), N_("…") or TrF("…", …) in lib/ and cli/,
#      and every help text of the command line (`svc --help-texts`: the
#      option descriptions and footers as --help looks them up),
#      extracted into po/svc.pot;
#   2. merged into each po/LANG.po (msgmerge): new texts arrive empty, for
#      a translator; tests/i18n/test_catalog.py fails until each is
#      translated.
# Usage: po/update.sh [path/to/svc]   (default build/svc; run from anywhere)
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
svc=$(realpath "${1:-$root/build/svc}")
cd "$root"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
po/extract.sh "$svc" "$tmp/svc.pot"
cp "$tmp/svc.pot" po/svc.pot
for po in po/*.po; do
  msgmerge --quiet --update --backup=none --no-wrap --no-fuzzy-matching "$po" po/svc.pot
done
