#!/usr/bin/env bash
# The installer test (run by ./run_tests.sh after the Maven build; alone: installer/test-installer.sh).
#
# Builds the app image and the .deb from the app already built in app/target (installer/
# build-installer.sh --deb --no-build), then checks that
#   - the image's launcher answers --version, runs --headless on a free port until GET /v1/health
#     answers, with the demo's built-in MQTT broker running and its simulated boards connected,
#     and stops with exit code 0 on SIGTERM (history flushed);
#   - the .deb, unpacked with dpkg-deb -x into a temp folder (never installed here), holds the
#     image under /opt/peresvet (and that copy runs), the command, the desktop entry, the icons,
#     the MIME type, the systemd unit, the settings file and sound maintainer scripts.
# The .deb is compressed with gzip -1 here (DPKG_DEB_COMPRESSOR_*), to keep the test short; a
# release build uses xz. Needs dpkg-deb and fakeroot (run_tests.sh installs fakeroot).
set -euo pipefail
ROOT="$(cd -P "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

failures=0
ok() { printf '  ok    %s\n' "$*"; }
bad() {
    printf '  FAIL  %s\n' "$*" >&2
    failures=$((failures + 1))
}
check() { # check "description" command...
    local what="$1"
    shift
    if "$@" >/dev/null 2>&1; then ok "$what"; else bad "$what"; fi
}

tmp="$(mktemp -d)"
pid=""
cleanup() {
    [ -z "$pid" ] || kill -KILL "$pid" 2>/dev/null || true
    rm -rf "$tmp"
}
trap cleanup EXIT

started=$(date +%s)
echo "Installer test: building the app image and the .deb…"
if ! DPKG_DEB_COMPRESSOR_TYPE="${DPKG_DEB_COMPRESSOR_TYPE:-gzip}" DPKG_DEB_COMPRESSOR_LEVEL="${DPKG_DEB_COMPRESSOR_LEVEL:-1}" \
    installer/build-installer.sh --deb --no-build >"$tmp/build.log" 2>&1; then
    cat "$tmp/build.log" >&2
    echo "installer test: the build failed (log above)" >&2
    exit 1
fi
IMAGE=target/installer/peresvet
BIN="$IMAGE/bin/peresvet"
DEB="$(ls target/installer/peresvet_*.deb)"
echo "  built in $(($(date +%s) - started)) s: $IMAGE ($(du -sh "$IMAGE" | cut -f1)), $DEB"

# --- The image runs -------------------------------------------------------------------------------
echo "App image:"
if [ -s "$IMAGE/lib/app/peresvet.jsa" ]; then
    ok "class archive written for the image (lib/app/peresvet.jsa)"
else
    bad "class archive written for the image (lib/app/peresvet.jsa); the build said:"
    grep -A 12 'Class archive of the app image' "$tmp/build.log" | sed 's/^/        /' >&2
fi
# (jlink adds the modules these require, e.g. java.xml: the runtime may hold more.)
check "runtime holds every module of installer/modules.txt" \
    test -z "$(comm -23 <(grep -v '^[[:space:]]*#' installer/modules.txt | sed '/^[[:space:]]*$/d' | sort) \
        <("$IMAGE/lib/runtime/bin/java" --list-modules | sed 's/@.*//' | sort))"
# The version lines and nothing else (no logback status lines: our configuration has its own name).
version="$("$BIN" --version 2>&1)" || true
if [[ $version == "Peresvet "* && $version != *" |-"* ]]; then ok "--version: ${version%%$'\n'*}"; else bad "--version printed: $version"; fi

health() { # 0 when GET /v1/health on 127.0.0.1:$1 answers 200
    local status
    exec 3<>"/dev/tcp/127.0.0.1/$1" 2>/dev/null || return 1
    printf 'GET /v1/health HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' >&3
    IFS= read -r -t 5 status <&3 || status=""
    exec 3<&-
    [[ $status == *" 200"* ]]
}

# --api-port 0: the system picks a free port; the engine prints it. The demo project (copied on
# this first start) runs the built-in MQTT broker on 127.0.0.1:1883 and its simulated boards
# connect through it, and the engine's connectors to it: a class the shrunk jars lost (installer/ShrinkJars.java) fails here.
out="$tmp/headless.out"
broker_port_free=1
if (exec 3<>/dev/tcp/127.0.0.1/1883) 2>/dev/null; then broker_port_free=0; fi
t0=$(date +%s%N)
PERESVET_HOME="$tmp/home" "$BIN" --headless --api-port 0 >"$out" 2>&1 &
pid=$!
port="" answered=""
for _ in $(seq 1 1200); do # up to 2 minutes on a busy machine
    kill -0 "$pid" 2>/dev/null || break
    [ -n "$port" ] || port="$(sed -n 's#^HTTP API: http://[^:]*:\([0-9]*\)/.*#\1#p' "$out")"
    if [ -n "$port" ] && health "$port"; then
        answered=$((($(date +%s%N) - t0) / 1000000))
        break
    fi
    sleep 0.1
done
if [ -n "$answered" ]; then
    ok "--headless: /v1/health answered on port $port after $answered ms"
    if [ "$broker_port_free" = 1 ]; then
        check "--headless: the demo's built-in MQTT broker started" grep -q "Built-in MQTT broker listening" "$out"
        for _ in $(seq 1 100); do # the boards connect within a second or two
            [ "$(grep -c 'CONNECTED: connected to tcp://127.0.0.1:1883' "$out")" -ge 3 ] && break
            sleep 0.1
        done
        check "--headless: the demo's three MQTT connectors connected to it" \
            test "$(grep -c 'CONNECTED: connected to tcp://127.0.0.1:1883' "$out")" -ge 3
    else
        echo "  note  port 1883 was in use before the start: the demo's broker is not checked"
    fi
    kill -TERM "$pid"
    rc=0
    wait "$pid" || rc=$?
    pid=""
    if [ "$rc" = 0 ]; then ok "SIGTERM: exit code 0"; else bad "SIGTERM: exit code $rc"; fi
    check "SIGTERM: history flushed before exit" grep -q "history flushed" "$out"
else
    bad "--headless: /v1/health did not answer; output:"
    sed 's/^/        /' "$out" >&2
fi

# --- The .deb, unpacked ---------------------------------------------------------------------------
echo "Debian package $(basename "$DEB"):"
x="$tmp/deb"
dpkg-deb -x "$DEB" "$x"
dpkg-deb -e "$DEB" "$x/DEBIAN"
control="$(dpkg-deb -f "$DEB")"
check "control: Package peresvet" grep -qx 'Package: peresvet' <<<"$control"
check "control: Depends names the system libraries (libc6)" grep -q '^Depends:.*libc6' <<<"$control"
check "image under /opt/peresvet" test -x "$x/opt/peresvet/bin/peresvet" -a -x "$x/opt/peresvet/lib/runtime/bin/java" \
    -a -f "$x/opt/peresvet/lib/app/peresvet-app.jar" -a -x "$x/opt/peresvet/lib/peresvet-cds" -a -x "$x/opt/peresvet/lib/peresvet-open"
check "no class archive in the package (postinst writes it for /opt/peresvet)" test ! -e "$x/opt/peresvet/lib/app/peresvet.jsa"
check "no runtime class archive in the package (postinst writes it first)" test ! -e "$x/opt/peresvet/lib/runtime/lib/server/classes.jsa"
packaged_version="$("$x/opt/peresvet/bin/peresvet" --version 2>&1 | grep -v -e ' |-' -e '^$' | head -n 1)" || true
if [ "$packaged_version" = "${version%%$'\n'*}" ]; then ok "the packaged launcher runs: $packaged_version"; else bad "packaged launcher --version: $packaged_version"; fi
# What postinst does on the target: the runtime's archive first, then the app's over it.
if "$x/opt/peresvet/lib/peresvet-cds" >"$tmp/cds.out" 2>&1; then
    check "peresvet-cds on the package: runtime and app class archives written" \
        test -s "$x/opt/peresvet/lib/runtime/lib/server/classes.jsa" -a -s "$x/opt/peresvet/lib/app/peresvet.jsa"
else
    bad "peresvet-cds on the package failed: $(tail -n 3 "$tmp/cds.out" | tr '\n' ' ')"
fi
check "/usr/bin/peresvet -> /opt/peresvet/bin/peresvet" test "$(readlink "$x/usr/bin/peresvet")" = /opt/peresvet/bin/peresvet

desktop="$x/usr/share/applications/peresvet.desktop"
check "desktop entry: Exec opens files through peresvet-open" grep -qx 'Exec=/opt/peresvet/lib/peresvet-open %f' "$desktop"
check "desktop entry: Icon=peresvet" grep -qx 'Icon=peresvet' "$desktop"
check "desktop entry: MimeType=application/x-peresvet-project;" grep -qx 'MimeType=application/x-peresvet-project;' "$desktop"
if command -v desktop-file-validate >/dev/null 2>&1; then
    check "desktop entry: desktop-file-validate" desktop-file-validate "$desktop"
fi
icons_ok=1
for size in 16 24 32 48 64 128 256 512; do
    f="$x/usr/share/icons/hicolor/${size}x$size/apps/peresvet.png"
    [ "$(head -c 8 "$f" 2>/dev/null | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ] || icons_ok=0
done
check "icons: PNG 16..512 and the SVG in hicolor" test "$icons_ok" = 1 -a -f "$x/usr/share/icons/hicolor/scalable/apps/peresvet.svg"
check "MIME type application/x-peresvet-project (*.peresvet)" \
    grep -q 'type="application/x-peresvet-project"' "$x/usr/share/mime/packages/peresvet.xml"

unit="$x/lib/systemd/system/peresvet-engine.service"
for line in 'User=peresvet' 'Environment=PERESVET_HOME=/var/lib/peresvet' \
    'ExecStart=/opt/peresvet/bin/peresvet --headless $PERESVET_ENGINE_OPTS' 'EnvironmentFile=-/etc/default/peresvet-engine' \
    'Restart=on-failure' 'KillSignal=SIGTERM' 'StandardOutput=journal' 'WantedBy=multi-user.target'; do
    check "unit: $line" grep -qxF "$line" "$unit"
done
check "settings /etc/default/peresvet-engine is a conffile" grep -qx /etc/default/peresvet-engine "$x/DEBIAN/conffiles"
for script in postinst prerm postrm; do
    check "$script: valid sh" sh -n "$x/DEBIAN/$script"
done
check "postinst: creates the system user peresvet" grep -q 'useradd --system' "$x/DEBIAN/postinst"
check "postinst: writes the class archive (lib/peresvet-cds)" grep -q '/opt/peresvet/lib/peresvet-cds' "$x/DEBIAN/postinst"
check "postrm: purge alone deletes /var/lib/peresvet" \
    test "$(grep -c 'rm -rf /var/lib/peresvet' "$x/DEBIAN/postrm")" = 1 -a "$(sed -n '/^    purge)/,/;;/p' "$x/DEBIAN/postrm" | grep -c 'rm -rf /var/lib/peresvet')" = 1

echo "Installer test: $failures failure(s), $(($(date +%s) - started)) s."
[ "$failures" = 0 ]
