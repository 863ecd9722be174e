#!/usr/bin/env bash
# THE test command: ./run_tests.sh [extra Maven arguments]
#
# The tests run real servers: VictoriaMetrics (/usr/bin/victoria-metrics) and the Mosquitto MQTT
# broker (/usr/sbin/mosquitto). They start their own instances on loopback ports, so the
# packages are only installed here, never started as services.
#
# After the Maven build, installer/test-installer.sh builds the app image and the .deb and checks
# them (jpackage needs fakeroot for the .deb). It runs when no Maven arguments are given (a run of
# some modules or tests skips it); PERESVET_INSTALLER_TEST=0 skips it, =1 runs it anyway.
set -euo pipefail

src="${BASH_SOURCE[0]}"
while [ -L "$src" ]; do
    dir="$(cd -P "$(dirname "$src")" && pwd)"
    src="$(readlink "$src")"
    [[ $src == /* ]] || src="$dir/$src"
done
ROOT="$(cd -P "$(dirname "$src")" && pwd)"
cd "$ROOT"

PACKAGES=(victoria-metrics mosquitto fakeroot)

missing=()
[ -x /usr/bin/victoria-metrics ] || missing+=(victoria-metrics)
[ -x /usr/sbin/mosquitto ] || missing+=(mosquitto)
[ -x /usr/bin/fakeroot ] || missing+=(fakeroot)

if [ ${#missing[@]} -gt 0 ]; then
    if [ "$(id -u)" -ne 0 ]; then
        echo "run_tests.sh: the tests need ${missing[*]} (real servers started by the tests on loopback ports; fakeroot for the .deb)." >&2
        echo "Install them as root, then run ./run_tests.sh again:" >&2
        echo "    sudo apt-get update" >&2
        echo "    sudo apt-get install -y --no-install-recommends ${PACKAGES[*]}" >&2
        exit 1
    fi
    echo "Installing test servers: ${missing[*]} (apt-get)…"
    mkdir -p target
    log="$ROOT/target/run_tests-apt.log"
    export DEBIAN_FRONTEND=noninteractive
    # Keep the packages from starting their system services: the tests run their own instances.
    policy=/usr/sbin/policy-rc.d own_policy=0
    if [ ! -e "$policy" ]; then
        printf '#!/bin/sh\nexit 101\n' >"$policy"
        chmod 755 "$policy"
        own_policy=1
        trap 'rm -f "$policy"' EXIT
    fi
    if ! { apt-get update && apt-get install -y --no-install-recommends "${PACKAGES[@]}"; } >"$log" 2>&1; then
        cat "$log" >&2
        echo "run_tests.sh: installing ${PACKAGES[*]} failed (log above, also in $log)." >&2
        exit 1
    fi
    if [ "$own_policy" -eq 1 ]; then
        rm -f "$policy"
        trap - EXIT
    fi
    for bin in /usr/bin/victoria-metrics /usr/sbin/mosquitto /usr/bin/fakeroot; do
        [ -x "$bin" ] || { echo "run_tests.sh: $bin is still missing after the install (see $log)." >&2; exit 1; }
    done
    echo "Installed: $(dpkg-query -W -f='${Package} ${Version}  ' "${PACKAGES[@]}" 2>/dev/null || true)"
fi

installer_test="${PERESVET_INSTALLER_TEST:-}"
if [ -z "$installer_test" ]; then
    if [ $# -eq 0 ]; then installer_test=1; else installer_test=0; fi
fi

echo "Running the test suite: ./mvnw -B verify $*"
if [ "$installer_test" != 1 ]; then
    exec ./mvnw -B verify "$@"
fi
./mvnw -B verify "$@"
echo "Running the installer test: installer/test-installer.sh"
exec installer/test-installer.sh
