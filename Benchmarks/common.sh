# Shared by the Benchmarks/run-* scripts: the Python venv (as scripts/conformance makes it) and the release build.
VENV=.build-venv
SDK_VERSION=269.0.0

# Creates .build-venv with the pinned official SDK (reference §0), PyYAML and pydantic, once.
ensure_venv() {
  if ! "$VENV/bin/python" -c "import PureCloudPlatformClientV2, yaml, pydantic" 2>/dev/null; then
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install -q "purecloudplatformclientv2==$SDK_VERSION" pyyaml pydantic pytest
  fi
}

# Builds the release products once (a scratch folder of its own) and prints the bin folder. The path is
# this checkout's own: `--show-bin-path` was once seen printing another worktree's folder while a second
# release build held the lock, which would have benchmarked the wrong binaries.
release_bin() {
  local log
  log=$(mktemp)
  if ! swift build -c release --scratch-path .build-release >"$log" 2>&1; then
    cat "$log" >&2
    rm -f "$log"
    return 1
  fi
  rm -f "$log"
  echo "$PWD/.build-release/release"
}

# Peak resident memory (KiB) and wall seconds of a command, from GNU time -v, as "KIB SECONDS".
peak_and_wall() {
  local log
  log=$(mktemp)
  /usr/bin/time -v "$@" >/dev/null 2>"$log" || { cat "$log" >&2; rm -f "$log"; return 1; }
  local kib wall
  kib=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$log")
  wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$log" | awk -F: '{ if (NF == 3) print $1*3600 + $2*60 + $3; else print $1*60 + $2 }')
  rm -f "$log"
  echo "$kib $wall"
}
