#!/usr/bin/env bash
# Builds the firmware variants for thumbv7m-none-eabi (opt-level "z", LTO) and prints their flash
# size over the empty firmware; fails if any variant links a panic path.
set -euo pipefail
cd "$(dirname "$0")"
# Set here, not in .cargo/config.toml alone: a RUSTFLAGS from the environment (CI sets one) would
# replace the config's flags and drop the linker script.
export RUSTFLAGS="-C link-arg=-Tlink.x -D warnings"
rustup target add thumbv7m-none-eabi >/dev/null 2>&1 || true
rustup component add llvm-tools >/dev/null 2>&1 || true
bin=$(rustc --print sysroot)/lib/rustlib/$(rustc -vV | sed -n 's/^host: //p')/bin
[ -x "$bin/llvm-size" ] && [ -x "$bin/llvm-nm" ] || { echo "llvm-tools missing in $bin" >&2; exit 1; }
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
  # A firmware without its vector table (about 1 KB) was not linked as one: fail, don't report it.
  [ "${bytes:-0}" -gt 1000 ] || { echo "$variant: no firmware was linked ($elf: ${bytes:-?} bytes)" >&2; exit 1; }
  [ "$variant" = empty ] && empty=$bytes
  panics=$("$bin/llvm-nm" -C "$elf" | grep -Eio 'panic[a-z_:]*|slice_[a-z_]*_fail|bounds_check|unwrap_failed|expect_failed' | sort -u | tr '\n' ' ' || true)
  printf '%-11s %8d %10d  %s\n' "$variant" "$bytes" "$((bytes - empty))" "${panics:-none}"
  [ -n "$panics" ] && failed=1
done
# The canary indexes out of bounds on purpose: if no panic symbol shows there, the check is blind.
cargo build -q --release --target thumbv7m-none-eabi --features canary
if ! "$bin/llvm-nm" -C target/thumbv7m-none-eabi/release/zai-errors-flash | grep -q panic_bounds_check; then
  echo "canary: no panic symbol found in a firmware that can panic: the check is broken" >&2
  failed=1
else
  echo "canary: panic paths are detected"
fi
exit $failed
