#!/usr/bin/env bash
# Builds the firmware variants for thumbv7m-none-eabi (opt-level "z", LTO) and prints their flash
# size over the empty firmware; fails if any variant links a panic path.
set -euo pipefail
cd "$(dirname "$0")"
rustup target add thumbv7m-none-eabi >/dev/null 2>&1 || true
rustup component add llvm-tools >/dev/null 2>&1 || true
bin=$(rustc --print sysroot)/lib/rustlib/$(rustc -vV | sed -n 's/^host: //p')/bin
size_of() { "$bin/llvm-size" "$1" | awk 'NR==2 { print $1 + $2 }'; }

failed=0
empty=0
printf '%-11s %8s %10s  %s\n' variant bytes "over empty" "panic symbols"
for variant in empty lean full full-texts sse; do
  features=""
  [ "$variant" != empty ] && features="--features $variant"
  # shellcheck disable=SC2086
  cargo build -q --release --target thumbv7m-none-eabi $features
  elf=target/thumbv7m-none-eabi/release/zai-errors-flash
  bytes=$(size_of "$elf")
  [ "$variant" = empty ] && empty=$bytes
  panics=$("$bin/llvm-nm" -C "$elf" | grep -Eio 'panic[a-z_:]*|slice_[a-z_]*_fail|bounds_check|unwrap_failed|expect_failed' | sort -u | tr '\n' ' ' || true)
  printf '%-11s %8d %10d  %s\n' "$variant" "$bytes" "$((bytes - empty))" "${panics:-none}"
  [ -n "$panics" ] && failed=1
done
exit $failed
