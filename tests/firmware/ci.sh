#!/usr/bin/env bash
# The on-target checks, one entry point for CI (.ci/run calls it) and for anyone: installs what it
# needs, prints the flash report (fails on any panic path), runs the QEMU suite under a timeout, and
# builds the core and the device adapter for the other microcontroller targets.
set -euo pipefail
cd "$(dirname "$0")/../.."
export CARGO_TERM_COLOR=never

step() { printf '\n== %s ==\n' "$*"; }
sudo_if_needed() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

step "firmware toolchain"
rustup target add thumbv7m-none-eabi thumbv6m-none-eabi riscv32imc-unknown-none-elf thumbv7em-none-eabihf
rustup component add llvm-tools
if ! command -v qemu-system-arm >/dev/null; then
  sudo_if_needed apt-get update -qq
  sudo_if_needed apt-get install -y --no-install-recommends qemu-system-arm
fi
qemu-system-arm --version | head -1

step "flash (cargo size-report): thumbv7m, opt-level z, LTO; fails on any panic path and over the 6144 B budget"
cargo size-report

step "on-target suite (cargo qemu): lm3s6965evb, Cortex-M3"
# qemu-run.sh kills QEMU after QEMU_TIMEOUT seconds; this outer timeout also bounds the build.
timeout 900 cargo qemu

step "core and device adapter on the other microcontroller targets"
for target in thumbv6m-none-eabi thumbv7em-none-eabihf riscv32imc-unknown-none-elf; do
  for crate in zai-errors zai-errors-embedded-svc; do
    for features in "" "--features defmt"; do
      echo "cargo build -p $crate --target $target $features"
      # shellcheck disable=SC2086
      cargo build -q -p "$crate" --target "$target" $features
    done
  done
done
echo "on-target checks: passed"
