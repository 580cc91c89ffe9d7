#!/usr/bin/env bash
# The runner of thumbv7m-none-eabi binaries (.cargo/config.toml): QEMU's lm3s6965evb (Cortex-M3,
# 256K flash, 64K RAM) with semihosting for output and the exit status, killed after a timeout so
# that a hang fails instead of spinning forever.
set -euo pipefail
command -v qemu-system-arm >/dev/null || { echo "qemu-system-arm missing: run tests/firmware/ci.sh or apt-get install qemu-system-arm" >&2; exit 1; }
status=0
timeout --kill-after=5 "${QEMU_TIMEOUT:-120}" qemu-system-arm -cpu cortex-m3 -machine lm3s6965evb -nographic \
  -semihosting-config enable=on,target=native -kernel "$1" || status=$?
if [ "$status" = 124 ] || [ "$status" = 137 ]; then
  echo "qemu: timed out after ${QEMU_TIMEOUT:-120} s (a hang)" >&2
fi
exit "$status"
