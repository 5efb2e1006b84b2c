#!/bin/sh
# Writes the template of every text svc shows people to OUT (a .pot):
# the marked texts of lib/ and cli/ (xgettext) and the command line's help
# texts (SVC --help-texts). Usage: po/extract.sh SVC OUT
set -eu
svc=$1
out=$2
root=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$root"
find lib cli -name '*.cc' -o -name '*.h' | LC_ALL=C sort > "$tmp/files"
xgettext --language=C++ --from-code=UTF-8 --keyword=_ --keyword=N_ --keyword=TrF \
  --add-comments=TRANSLATORS: --no-wrap --sort-by-file --package-name=svc \
  --msgid-bugs-address=svc@localhost -o "$tmp/code.pot" -f "$tmp/files"
{
  printf 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
  LC_ALL=en_US.UTF-8 "$svc" --help-texts
} > "$tmp/help.pot"
msgcat --use-first --no-wrap -o "$out" "$tmp/code.pot" "$tmp/help.pot"
# Only the texts: no dates, so the template changes only when they do.
sed -i '/^"POT-Creation-Date:/d' "$out"
