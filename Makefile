# Makefile: ree's build for packagers who do not use tup. ./ree builds with
# tup (Tupfile.ini, Tuprules.tup and a Tupfile a directory); this file
# builds the same outputs with the same flags, which it repeats: change
# them in both. CI builds with it too.
#
#   make                    the library, the Lua module and the executable
#   make check              the C unit tests
#   make install PREFIX=/usr DESTDIR=/tmp/stage
#                           scripts/install.sh: files under DESTDIR/PREFIX,
#                           ree.pc naming PREFIX
#   make rock               ree.core alone, for luarocks (.build/rock/core.so)
#   make clean

CC = gcc
CFLAGS = -std=c99 -O2 -g -fPIC \
  -Wall -Wextra -pedantic -Wshadow -Wmissing-prototypes \
  -Wstrict-prototypes -Wcast-qual -Wwrite-strings -Werror
LDFLAGS =
# the soname is the version's major.minor (core/ree_err.h), as in Tuprules.tup
VERSION := $(shell sed -n 's/^\#define REE_VERSION_STRING "\(.*\)"$$/\1/p' core/ree_err.h)
SONAME = libree.so.$(basename $(VERSION))
PREFIX = /usr/local
DESTDIR =

CORE_SRC := $(wildcard core/*.c)
CORE_OBJ := $(CORE_SRC:.c=.o)
LREE_OBJ := $(patsubst %.c,%.o,$(wildcard bindings/lree_*.c))
HOST_OBJ := bindings/ree_host.o $(patsubst %.c,%.o,$(wildcard bindings/host_*.c))
TESTS := $(patsubst %.c,%,$(wildcard spec/c/test_*.c))

all: core/libree.a core/libree.so bindings/ree/core.so bindings/ree-host

core/%.o: core/%.c $(wildcard core/*.h)
	$(CC) $(CFLAGS) -Icore -c $< -o $@

bindings/%.o: bindings/%.c $(wildcard core/*.h bindings/*.h)
	$(CC) $(CFLAGS) -Icore -I/usr/include/lua5.4 -c $< -o $@

spec/c/%.o: spec/c/%.c $(wildcard core/*.h spec/c/*.h)
	$(CC) $(CFLAGS) -Icore -Ispec/c -c $< -o $@

core/libree.a: $(CORE_OBJ)
	ar crs $@ $^

core/libree.so: $(CORE_OBJ)
	$(CC) $(CFLAGS) -shared -Wl,-soname,$(SONAME) $^ -lcjson -lm $(LDFLAGS) -o $@

bindings/ree/core.so: $(LREE_OBJ) core/libree.a
	mkdir -p bindings/ree
	$(CC) $(CFLAGS) -shared $(LREE_OBJ) core/libree.a -lcjson -lm $(LDFLAGS) -o $@

bindings/ree-host: $(LREE_OBJ) $(HOST_OBJ) core/libree.a
	$(CC) $(CFLAGS) $(LREE_OBJ) $(HOST_OBJ) core/libree.a -lcjson -lm -llua5.4 -lreadline -ldl $(LDFLAGS) -o $@

spec/c/test_%: spec/c/test_%.o spec/c/check.o core/libree.a
	$(CC) $(CFLAGS) $< spec/c/check.o core/libree.a -lcjson -lm $(LDFLAGS) -o $@

check: $(TESTS)
	@failed=0; for t in $(TESTS); do ./$$t || failed=1; done; exit $$failed

# the Lua module alone, for luarocks (ree-dev-1.rockspec): built apart, in
# .build/rock, so that it never touches the outputs of tup or of `all`
ROCK_OBJ := $(patsubst %.c,.build/rock/%.o,$(CORE_SRC) $(wildcard bindings/lree_*.c))
LUA_INCDIR = /usr/include/lua5.4
LIBFLAG = -shared

.build/rock/%.o: %.c $(wildcard core/*.h bindings/*.h)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -Icore -I$(LUA_INCDIR) -c $< -o $@

rock: $(ROCK_OBJ)
	$(CC) $(LIBFLAG) $(ROCK_OBJ) -lcjson -lm -o .build/rock/core.so

install: all
	DESTDIR="$(DESTDIR)" scripts/install.sh "$(PREFIX)"

clean:
	rm -f core/*.o core/libree.a core/libree.so bindings/*.o bindings/ree/core.so bindings/ree-host \
	  spec/c/*.o $(TESTS)
	rm -rf .build/rock

.PHONY: all check install clean rock
.SECONDARY: # keep the tests' objects
