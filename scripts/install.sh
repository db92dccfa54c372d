#!/bin/sh
# install.sh PREFIX: installs a built ree tree under PREFIX. `./ree install
# [--prefix DIR]` builds and then runs it; so does `make install`.
#
#   PREFIX/lib/libree.so.X.Y.Z   the shared library, with the links
#                                libree.so.X.Y (its soname) and libree.so
#   PREFIX/lib/libree.a          the static one
#   PREFIX/include/ree/*.h       the headers; ree.h includes them all
#   PREFIX/lib/pkgconfig/ree.pc  for pkg-config --cflags --libs ree
#   PREFIX/lib/ree/              the executable with its Lua tree and data
#   PREFIX/bin/ree               a link to that executable
#   PREFIX/share/man/man1/ree.1, PREFIX/share/bash-completion/completions/ree,
#   PREFIX/share/zsh/site-functions/_ree
#                                its manual page and completions (made from
#                                its --help by app.manual)
#
# With DESTDIR set (a packager's staging), the files go under DESTDIR/PREFIX
# and ree.pc names PREFIX, where they will be.
#
# Every directory is made and checked writable before anything is copied,
# and what was copied is removed again if a copy fails: nothing is left
# half-installed.
set -eu

ROOT=$(cd "$(dirname "$0")/.." && pwd)
say() { printf 'ree install: %s\n' "$*" >&2; }

[ $# -eq 1 ] && [ -n "$1" ] || { say "usage: scripts/install.sh PREFIX"; exit 2; }
case "$1" in
  /*) PREFIX=$1 ;;
  *) PREFIX=$(pwd)/$1 ;; # pkg-config wants an absolute prefix
esac

DEST=${DESTDIR:-}$PREFIX

VERSION=$(sed -n 's/^#define REE_VERSION_STRING "\(.*\)"$/\1/p' "$ROOT/core/ree_err.h")
SONAME=libree.so.${VERSION%.*}

for built in core/libree.so core/libree.a bindings/ree-host bindings/ree/core.so; do
  [ -f "$ROOT/$built" ] || { say "$built is not built: build first (./ree install builds)"; exit 1; }
done

LIB=$DEST/lib
SHARE=$DEST/share
for dir in "$DEST" "$LIB" "$LIB/pkgconfig" "$DEST/include/ree" "$DEST/bin" "$SHARE/man/man1" \
  "$SHARE/bash-completion/completions" "$SHARE/zsh/site-functions"; do
  if ! mkdir -p "$dir" 2>/dev/null || [ ! -w "$dir" ]; then
    say "cannot write to $dir: nothing was installed (choose another --prefix, or run as its owner)"
    exit 1
  fi
done

# what this run has put in place, one path a line, taken out again on failure
DONE=$(mktemp)
finish() {
  status=$?
  if [ "$status" -ne 0 ]; then
    while IFS= read -r path; do rm -rf "$path"; done <"$DONE"
    say "failed: what this install had copied is removed again"
  fi
  rm -f "$DONE"
  exit "$status"
}
trap finish EXIT
trap 'exit 1' INT TERM HUP

put() { # put SRC DEST: copies SRC to DEST, taking DEST down as done
  cp -PT "$1" "$2" # -T: a directory in its place is an error, not a place to copy into
  printf '%s\n' "$2" >>"$DONE"
}
link() { # link TARGET NAME
  ln -sfn "$1" "$2"
  printf '%s\n' "$2" >>"$DONE"
}

put "$ROOT/core/libree.so" "$LIB/libree.so.$VERSION"
link "libree.so.$VERSION" "$LIB/$SONAME"
link "$SONAME" "$LIB/libree.so"
put "$ROOT/core/libree.a" "$LIB/libree.a"
for h in "$ROOT"/core/*.h; do put "$h" "$DEST/include/ree/${h##*/}"; done

cat >"$LIB/pkgconfig/ree.pc" <<EOF
prefix=$PREFIX
libdir=\${prefix}/lib
includedir=\${prefix}/include

Name: ree
Description: rare-earth supply chain: stoichiometry, mass balances, markets
Version: $VERSION
Requires.private: libcjson
Libs: -L\${libdir} -lree
Libs.private: -lm
Cflags: -I\${includedir}
EOF
printf '%s\n' "$LIB/pkgconfig/ree.pc" >>"$DONE"

# the executable finds its Lua tree two levels above itself: the tree goes
# in whole, beside any older one, which it then replaces
TREE=$LIB/ree
NEW=$LIB/.ree-new.$$
mkdir -p "$NEW/bindings/ree"
printf '%s\n' "$NEW" >>"$DONE"
cp "$ROOT/bindings/ree-host" "$NEW/bindings/ree-host"
cp "$ROOT/bindings/ree/core.so" "$NEW/bindings/ree/core.so"
(cd "$ROOT" && find scripts models \( -path scripts/bench -o -path scripts/dev \) -prune -o \
  -type f \( -name '*.lua' -o -name '*.json' \) -print) | while IFS= read -r file; do
  mkdir -p "$NEW/${file%/*}"
  cp "$ROOT/$file" "$NEW/$file"
done
cp "$ROOT/LICENSE" "$NEW/LICENSE"
ln -s ../../models "$NEW/scripts/ree/models" # the domain's modules are ree.models.*
rm -rf "$TREE"
mv "$NEW" "$TREE"
printf '%s\n' "$TREE" >>"$DONE"
link "../lib/ree/bindings/ree-host" "$DEST/bin/ree"

made() { # made FILE LUA: FILE written by the built executable running LUA
  printf '%s\n' "$1" >>"$DONE"
  "$ROOT/bindings/ree-host" -e "io.write($2)" >"$1"
}
made "$SHARE/man/man1/ree.1" 'require("app.manual").manpage()'
made "$SHARE/bash-completion/completions/ree" 'require("app.manual").completion("bash")'
made "$SHARE/zsh/site-functions/_ree" 'require("app.manual").completion("zsh")'

if [ "$DEST" = "$PREFIX" ]; then
  say "ree $VERSION installed under $PREFIX (pkg-config: PKG_CONFIG_PATH=$LIB/pkgconfig)"
else
  say "ree $VERSION staged under $DEST, for $PREFIX"
fi
