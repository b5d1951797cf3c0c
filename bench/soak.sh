#!/usr/bin/env bash
# The round-trip soak (issue 13, docs/ROUNDTRIP.md): 10,000 random reports of both forms through
# every pair of kinds of the registry, in one release process. SOAK_REPORTS / SOAK_SEED override.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --build-path .build-release --product xxgk-soak >/dev/null
.build-release/release/xxgk-soak "${SOAK_REPORTS:-10000}" "${SOAK_SEED:-20261203}"
