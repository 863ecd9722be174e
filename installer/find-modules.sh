#!/usr/bin/env bash
# Lists the Java modules the app and its libraries use (jdeps), and compares them with
# installer/modules.txt. Run after a dependency change; exit 1 when modules.txt misses one.
#   installer/find-modules.sh      (builds the app first when app/target/lib is missing)
# jdeps sees static references only: modules loaded by name or as a service (TLS providers,
# file system providers) are listed by hand in modules.txt, under their own heading.
set -euo pipefail
ROOT="$(cd -P "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
if [ ! -d app/target/classes ] || [ ! -d app/target/lib ]; then
    ./mvnw -q -B -DskipTests package -pl app -am
fi
# The app's classes as a root, every library on the class path: --recursive follows what is
# really referenced (modular library jars as roots would make jdeps resolve their optional
# requirements and fail).
found="$(jdeps --ignore-missing-deps --print-module-deps --multi-release 17 --recursive \
    --class-path 'app/target/lib/*' app/target/classes | tail -n 1)"
echo "jdeps: $found"
listed="$(grep -v '^\s*#' installer/modules.txt | sed '/^\s*$/d' | sort -u)"
missing="$(comm -23 <(tr ',' '\n' <<<"$found" | sort -u) <(printf '%s\n' "$listed"))"
if [ -n "$missing" ]; then
    echo "installer/modules.txt misses: $(tr '\n' ' ' <<<"$missing")" >&2
    exit 1
fi
echo "installer/modules.txt covers them."
