# svc — two commands on a fresh machine: `make run` and `make test`.
SHELL := /bin/bash
JOBS ?= 2
BUILD ?= build
ASAN_BUILD ?= build-asan
FUZZ_BUILD ?= build-fuzz
# Seconds each fuzz target runs: `make fuzz` (FUZZ_SECONDS=600 make fuzz), and
# the short run `make test` does (fuzz-smoke).
FUZZ_SECONDS ?= 60
FUZZ_SMOKE_SECONDS ?= 5
# clang and its runtime build the fuzz targets (libclang-rt-dev: on Debian 12 it is
# libclang-rt-14-dev, which holds libFuzzer, for clang 14).
# make install / make deb and their test (tests/package/test.sh): dpkg-dev
# (dpkg-shlibdeps for the .deb's Depends), man-db and groff-base (the manual
# pages rendered), bash-completion, zsh and fish (the completions loaded).
DEPS := cmake g++ make python3 git libcli11-dev libtomlplusplus-dev libfmt-dev doctest-dev libkainjow-mustache-dev openssh-client clang libclang-rt-dev chromium poppler-utils fonts-noto-cjk dpkg-dev man-db groff-base bash-completion zsh fish python3-prometheus-client python3-icalendar gettext python3-polib
# make install: PREFIX (default /usr/local) below DESTDIR (a staging folder, default none).
PREFIX ?= /usr/local
DESTDIR ?=
APT_GET := $(if $(shell [ "$$(id -u)" = 0 ] && echo root),apt-get,sudo apt-get)

.PHONY: all deps build asan fuzz-build fuzz fuzz-smoke run test unit e2e test-asan bench stress format format-check clean install deb deb-test

all: build

# Installs whichever Debian packages are missing (apt-get update first, only then).
deps:
	@missing=""; for p in $(DEPS); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  export DEBIAN_FRONTEND=noninteractive; \
	  $(APT_GET) update -q && $(APT_GET) install -y -q --no-install-recommends $$missing; \
	fi

$(BUILD)/CMakeCache.txt: | deps
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo

$(ASAN_BUILD)/CMakeCache.txt: | deps
	cmake -S . -B $(ASAN_BUILD) -DCMAKE_BUILD_TYPE=Debug -DSVC_SANITIZE=ON

$(FUZZ_BUILD)/CMakeCache.txt: | deps
	cmake -S . -B $(FUZZ_BUILD) -DSVC_FUZZ=ON -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=

build: deps $(BUILD)/CMakeCache.txt
	cmake --build $(BUILD) -j $(JOBS)

asan: deps $(ASAN_BUILD)/CMakeCache.txt
	cmake --build $(ASAN_BUILD) -j $(JOBS)

# The libFuzzer targets of tests/fuzz (clang, ASan and UBSan), in a tree of their own.
fuzz-build: deps $(FUZZ_BUILD)/CMakeCache.txt
	cmake --build $(FUZZ_BUILD) -j $(JOBS)

# Each fuzz target for FUZZ_SECONDS over its corpus, one after the other
# (tests/fuzz/README.md); fails if any input crashes one.
fuzz: fuzz-build
	tests/fuzz/run.sh $(FUZZ_BUILD) $(FUZZ_SECONDS)

fuzz-smoke: fuzz-build
	tests/fuzz/run.sh $(FUZZ_BUILD) $(FUZZ_SMOKE_SECONDS)

# The main job on the bundled records, as of a moment inside them whatever
# today's date (the last day of their latest month, 09:00 +08:00): what is
# there, is it sound, what is late, and that month's figures.
# `svc overdue` exits 1 or 2 when something is due or overdue: only 3 (the
# check itself failed) fails `make run`.
RUN_MONTH = $(shell ls -d records/tickets/[0-9]*/[0-9]* | sort | tail -n 1 | sed 's|records/tickets/||; s|/|-|')
RUN_NOW = $(shell date -d '$(RUN_MONTH)-01 +1 month -1 day' +%Y-%m-%d)T09:00:00+08:00
run: build
	$(BUILD)/svc --records records --now $(RUN_NOW) list
	$(BUILD)/svc --records records --now $(RUN_NOW) check
	@rc=0; $(BUILD)/svc --records records --now $(RUN_NOW) overdue --warn 2h || rc=$$?; [ $$rc -lt 3 ]
	$(BUILD)/svc --records records --now $(RUN_NOW) report --month $(RUN_MONTH)
	$(BUILD)/svc --records records --now $(RUN_NOW) status

test: build asan fuzz-build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)
	cd $(ASAN_BUILD) && ctest --output-on-failure -j $(JOBS)
	tests/fuzz/run.sh $(FUZZ_BUILD) $(FUZZ_SMOKE_SECONDS)
	$(MAKE) --no-print-directory deb-test

# The binary, its manual pages (svc(1), svc-COMMAND(1)), the bash, zsh and
# fish completions, the documentation and example templates, under
# $(DESTDIR)$(PREFIX): `make install`, `make install DESTDIR=/tmp/stage PREFIX=/usr`.
install: build
	DESTDIR="$(DESTDIR)" cmake --install $(BUILD) --prefix "$(PREFIX)"

# build/svc_<version>_<arch>.deb, installing the same under /usr (CPack).
deb: build
	rm -f $(BUILD)/svc_*.deb
	cd $(BUILD) && cpack -G DEB
	@ls $(BUILD)/svc_*.deb

# The package checked as an admin would use it (tests/package/test.sh): its
# contents and control fields; as root, installed with dpkg -i, svc --version,
# man -w svc and complete -p svc, then purged; otherwise unpacked into a
# temporary folder. Also a staged make install (DESTDIR, PREFIX=/usr).
deb-test: deb
	tests/package/test.sh $(BUILD)

bench: build
	bench/run.sh

# Long-running stress tests (not in ctest's run): each tests/stress/*.py
# (but the shared stress_util.py) prints its tries, failures and anything
# lost, and fails if anything was. A few minutes in all; README.md has figures.
stress: build
	@rc=0; for t in tests/stress/*.py; do \
	  case $$t in *_util.py) continue;; esac; \
	  echo "== $$t"; SVC_BIN=$(BUILD)/svc python3 $$t || rc=1; \
	done; exit $$rc

FORMATTED := lib/*/*.h lib/*/*.cc cli/*.h cli/*.cc tests/unit/*.cc tests/fuzz/*.cc bench/*.cc

format:
	clang-format -i $(FORMATTED)

# Fails (naming the files) if any C++ source drifted from .clang-format.
format-check:
	clang-format --dry-run --Werror $(FORMATTED)

clean:
	rm -rf $(BUILD) $(ASAN_BUILD) $(FUZZ_BUILD)
