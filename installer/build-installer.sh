#!/usr/bin/env bash
# Builds Peresvet's native packages with the JDK's jlink and jpackage (JDK 17+ with jmods).
#
#   installer/build-installer.sh          app image: target/installer/peresvet/bin/peresvet
#   installer/build-installer.sh --deb    the app image and target/installer/peresvet_<version>-1_<arch>.deb
#   installer/build-installer.sh --msi    Windows installer (on Windows, with WiX 3 on the PATH)
#   installer/build-installer.sh --dmg    macOS disk image (on macOS)
#   --no-class-archive                    skip the app class archive (faster build, slower starts)
#   --no-build                            package app/target as it is (run_tests.sh, after its build)
#
# Needs: a JDK 17+ with jmods (Debian: openjdk-17-jdk); for --deb also dpkg-deb and fakeroot
# (sudo apt-get install fakeroot). The app is built first (./mvnw package -pl app -am).
# The runtime is linked from the modules in installer/modules.txt (kept in target/installer/
# runtime-* and reused while modules.txt and the JDK stay the same). docs/installer.md explains
# every part.
set -euo pipefail

TYPE=app-image
CLASS_ARCHIVE=1
BUILD=1
for arg in "$@"; do
    case "$arg" in
        --app-image) TYPE=app-image ;;
        --deb) TYPE=deb ;;
        --msi) TYPE=msi ;;
        --dmg) TYPE=dmg ;;
        --no-class-archive) CLASS_ARCHIVE=0 ;;
        --no-build) BUILD=0 ;;
        -h | --help)
            sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'
            exit 0
            ;;
        *)
            echo "build-installer.sh: unknown option '$arg' (see --help)" >&2
            exit 2
            ;;
    esac
done

src="${BASH_SOURCE[0]}"
while [ -L "$src" ]; do
    dir="$(cd -P "$(dirname "$src")" && pwd)"
    src="$(readlink "$src")"
    [[ $src == /* ]] || src="$dir/$src"
done
HERE="$(cd -P "$(dirname "$src")" && pwd)"
ROOT="$(dirname "$HERE")"
cd "$ROOT"

die() {
    printf 'build-installer.sh: %s\n' "$*" >&2
    exit 1
}
step() {
    printf '%s  %s\n' "$(date +%H:%M:%S)" "$*"
}

# --- Tools -------------------------------------------------------------------------------------
# jlink, jpackage and jar from the same JDK as java (JAVA_HOME first).
if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/jpackage" ]; then
    JDK="$JAVA_HOME"
elif command -v jpackage >/dev/null 2>&1; then
    JDK="$(dirname "$(dirname "$(readlink -f "$(command -v jpackage)")")")"
elif command -v java >/dev/null 2>&1 && [ -x "$(dirname "$(readlink -f "$(command -v java)")")/jpackage" ]; then
    JDK="$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")"
else
    die "jpackage not found. It ships with a full JDK 17+ (Debian/Ubuntu: sudo apt-get install openjdk-17-jdk); set JAVA_HOME to one."
fi
for tool in jlink jpackage jar; do
    [ -x "$JDK/bin/$tool" ] || die "$JDK/bin/$tool is missing: a full JDK 17+ is needed (Debian/Ubuntu: openjdk-17-jdk)."
done
[ -f "$JDK/jmods/java.base.jmod" ] || die "$JDK has no jmods/ (jlink links the runtime from them): install a full JDK 17+ (Debian/Ubuntu: openjdk-17-jdk-headless has them)."
if [ "$TYPE" = deb ]; then
    missing=()
    for tool in dpkg-deb fakeroot; do
        command -v "$tool" >/dev/null 2>&1 || missing+=("$tool")
    done
    [ ${#missing[@]} -eq 0 ] || die "--deb needs ${missing[*]}: sudo apt-get install -y --no-install-recommends dpkg fakeroot"
fi

OS=linux
case "$(uname -s)" in
    Darwin) OS=mac ;;
    MINGW* | MSYS* | CYGWIN*) OS=windows ;;
esac
case "$TYPE" in
    deb) [ "$OS" = linux ] || die "--deb is built on Linux" ;;
    msi) [ "$OS" = windows ] || die "--msi is built on Windows (jpackage needs WiX 3 there)" ;;
    dmg) [ "$OS" = mac ] || die "--dmg is built on macOS" ;;
esac

# --- The app -----------------------------------------------------------------------------------
if [ "$BUILD" = 1 ]; then
    step "Building the app (log: target/installer-build.log)…"
    mkdir -p target
    # Only today's dependencies: a jar an earlier build copied (a dependency since dropped) must not
    # ride along into the image.
    rm -rf app/target/lib
    ./mvnw -q -B -DskipTests package -pl app -am >target/installer-build.log 2>&1 ||
        { cat target/installer-build.log >&2; die "the build failed."; }
elif [ ! -d app/target/classes ] || [ ! -d app/target/lib ]; then
    die "--no-build: app/target/classes and app/target/lib are missing (./mvnw package -pl app -am)"
fi

# jpackage wants a numeric version: 0.1.0-SNAPSHOT -> 0.1.0
VERSION="$(sed -n 's:.*<version>\([0-9][0-9.]*\).*</version>.*:\1:p' pom.xml | head -n 1)"
[ -n "$VERSION" ] || die "could not read the version from pom.xml"

OUT="$ROOT/target/installer"
WORK="$OUT/work"
IMAGE="$OUT/peresvet"
rm -rf "$WORK" "$IMAGE" "$OUT/peresvet.app" "$OUT"/peresvet_*.deb
mkdir -p "$WORK/input"

# --- Runtime: jlink from installer/modules.txt --------------------------------------------------
MODULES="$(grep -v '^[[:space:]]*#' "$HERE/modules.txt" | tr -d ' \t\r' | sed '/^$/d' | paste -sd, -)"
[ -n "$MODULES" ] || die "installer/modules.txt lists no module"
# --compress=1 (shared strings, no zip): the .deb's xz packs plain class files far better than
# jlink's zip (lib/modules: 10.6 MB in the package instead of 22.4 MB) for 11 MB more on disk.
JLINK_OPTS=(--strip-debug --no-header-files --no-man-pages --compress=1 --generate-cds-archive
    --dedup-legal-notices=error-if-not-same-content)
key="$({ cat "$JDK/release"; echo "$MODULES"; echo "${JLINK_OPTS[*]}"; } | cksum | cut -d' ' -f1)"
RUNTIME="$OUT/runtime-$key"
if [ ! -x "$RUNTIME/bin/java" ]; then
    step "Linking the runtime (${MODULES//,/ })…"
    rm -rf "$OUT"/runtime-*
    "$JDK/bin/jlink" --add-modules "$MODULES" "${JLINK_OPTS[@]}" --output "$RUNTIME.tmp" >"$WORK/jlink.log" 2>&1 ||
        { cat "$WORK/jlink.log" >&2; rm -rf "$RUNTIME.tmp"; die "jlink failed."; }
    # The archive for heaps over 32 GB (no compressed pointers): never used with -Xmx1g.
    rm -f "$RUNTIME.tmp"/lib/server/classes_nocoops.jsa
    # The JVM's symbol table (4 of its 24 MB) serves only native debuggers; crash logs still name
    # the Java frames.
    if command -v strip >/dev/null; then
        strip --strip-unneeded "$RUNTIME.tmp"/lib/server/libjvm.so
    fi
    mv "$RUNTIME.tmp" "$RUNTIME"
else
    step "Runtime: $RUNTIME (modules.txt unchanged)"
fi

# --- App image -----------------------------------------------------------------------------------
"$JDK/bin/jar" --create --file "$WORK/input/peresvet-app.jar" -C app/target/classes .
cp app/target/lib/*.jar "$WORK/input/"

# drop_from_jar JAR FIND-ARGS...: writes JAR again without the files that find selects in it.
drop_from_jar() {
    local jar="$1" unpacked="$WORK/unpacked"
    shift
    rm -rf "$unpacked" && mkdir -p "$unpacked"
    (cd "$unpacked" && "$JDK/bin/jar" --extract --file "$jar")
    find "$unpacked" "$@" -delete
    find "$unpacked" -mindepth 1 -type d -empty -delete
    "$JDK/bin/jar" --create --no-manifest --file "$jar" -C "$unpacked" .
    rm -rf "$unpacked"
}
# RocksDB's JNI jar: its classes stay (HiveMQ's settings class names one of its enums), its native
# libraries (13 MB each, one per platform) go: the built-in broker keeps everything in Xodus
# (org.peresvet.broker.BrokerStorage), so RocksDB never loads.
for jar in "$WORK"/input/rocksdbjni-*.jar; do
    [ -f "$jar" ] || continue
    drop_from_jar "$jar" -maxdepth 1 -name 'librocksdbjni-*'
done
# JNA (HiveMQ counts the CPU cores with OSHI) carries its library for 30 platforms; the package
# keeps the one it runs on (com/sun/jna/<platform>/, the folder JNA looks in).
jna_platform=""
case "$OS-$(uname -m)" in
    linux-x86_64 | linux-amd64) jna_platform='linux-x86-64' ;;
    linux-aarch64 | linux-arm64) jna_platform='linux-aarch64' ;;
    mac-x86_64) jna_platform='darwin-x86-64' ;;
    mac-arm64) jna_platform='darwin-aarch64' ;;
    windows-*) jna_platform='win32-x86-64' ;;
esac
for jar in "$WORK"/input/jna-[0-9]*.jar; do
    [ -f "$jar" ] && [ -n "$jna_platform" ] || continue
    drop_from_jar "$jar" -path '*/com/sun/jna/*/*jnidispatch*' ! -path "*/com/sun/jna/$jna_platform/*"
    "$JDK/bin/jar" --list --file "$jar" | grep -q "com/sun/jna/$jna_platform/" || die "no JNA library for $jna_platform in $jar"
done
# Libraries of which the app uses a small part keep only the classes it can reach
# (installer/ShrinkJars.java: constant-pool closure from every other jar, services kept); those
# named methods:… keep only the methods that can be called, and the classes these use. Every
# library's classes (not Peresvet's own jars) lose their local variable tables (for debuggers;
# line numbers stay).
step "Shrinking library jars…"
"$JDK/bin/java" "$HERE/ShrinkJars.java" "$WORK/input" jna-platform- unboundid-ldapsdk- \
    commons-lang3- commons-io- commons-compress- jctools-core- netty- jetty- snakeyaml- \
    xodus-utils- xodus-openAPI- xodus-environment- metrics-core- cron-utils- \
    methods:eclipse-collections- methods:eclipse-collections-api- methods:jfreechart- \
    methods:kotlin-stdlib- methods:okio- methods:okhttp- methods:guava- \
    --no-local-variables-except=peresvet- || die "ShrinkJars failed"

common=(
    --name peresvet
    --app-version "$VERSION"
    --vendor "Peresvet"
    --description "Peresvet SCADA engineering workstation"
)
image_args=(
    --type app-image
    "${common[@]}"
    --input "$WORK/input"
    --main-jar peresvet-app.jar
    --main-class org.peresvet.app.Launcher
    --runtime-image "$RUNTIME"
    --java-options "-Xmx1g"
    --dest "$OUT"
)
case "$OS" in
    linux)
        # The app class archive written by lib/peresvet-cds. Missing or not fitting (a moved
        # image): the JVM runs without it, silently, with the runtime's archive of JDK classes.
        image_args+=(--icon "$HERE/icons/peresvet-256.png"
            --java-options '-XX:SharedArchiveFile=$APPDIR/peresvet.jsa'
            --java-options "-Xlog:cds=off" --java-options "-Xlog:cds+dynamic=off")
        ;;
    windows) image_args+=(--icon "$HERE/icons/peresvet.ico") ;;
    mac) image_args+=(--icon "$HERE/icons/peresvet.icns" --mac-package-identifier org.peresvet.workstation --mac-package-name Peresvet) ;;
esac
step "App image with $JDK/bin/jpackage…"
"$JDK/bin/jpackage" "${image_args[@]}" >"$WORK/jpackage-image.log" 2>&1 ||
    { cat "$WORK/jpackage-image.log" >&2; die "jpackage (app image) failed."; }
# jlink links the modules' identical legal notices to java.base's (--dedup-legal-notices);
# jpackage copies them as files again: the links are put back (0.5 MB).
legal_links() {
    [ -d "$1/legal" ] || return 0
    rm -rf "$1/legal" && cp -a "$RUNTIME/legal" "$1/legal"
}
if [ "$OS" = linux ]; then
    install -m 755 "$HERE/linux/peresvet-cds" "$HERE/linux/peresvet-open" "$IMAGE/lib/"
    legal_links "$IMAGE/lib/runtime"
fi

# --- Debian package ------------------------------------------------------------------------------
# jpackage writes the package from the app image with our maintainer scripts and finds the
# libraries it depends on; Java 17's jpackage installs only under /opt/peresvet, so the files a
# Debian system expects elsewhere (command, desktop entry, icons, MIME type, systemd unit,
# settings) are added to it after, and dpkg-deb packs it again.
build_deb() {
    local res="$WORK/deb-resources" stage="$WORK/deb-root" first
    mkdir -p "$res" "$WORK/deb-jpackage"
    cp "$HERE/linux/control" "$HERE/linux/postinst" "$HERE/linux/prerm" "$HERE/linux/postrm" "$res/"
    step "Debian package with jpackage…"
    # Not compressed here: it is unpacked and packed again below.
    DPKG_DEB_COMPRESSOR_TYPE=none "$JDK/bin/jpackage" --type deb "${common[@]}" --app-image "$IMAGE" \
        --resource-dir "$res" --linux-package-name peresvet --linux-app-category science \
        --linux-deb-maintainer "peresvet@localhost" --dest "$WORK/deb-jpackage" >"$WORK/jpackage-deb.log" 2>&1 ||
        { cat "$WORK/jpackage-deb.log" >&2; die "jpackage (deb) failed."; }
    first="$(ls "$WORK"/deb-jpackage/*.deb)"
    dpkg-deb -R "$first" "$stage"
    rm -f "$stage/opt/peresvet/lib/app/peresvet.jsa" # written on the target by postinst
    legal_links "$stage/opt/peresvet/lib/runtime"
    # The runtime's archive of JDK classes too (11 MB): postinst writes it first (lib/peresvet-cds).
    rm -f "$stage/opt/peresvet/lib/runtime/lib/server/classes.jsa"

    install -d "$stage/usr/bin"
    ln -s /opt/peresvet/bin/peresvet "$stage/usr/bin/peresvet"
    # The source checkout's desktop entry, pointed at the installed command, with the file type.
    install -d "$stage/usr/share/applications"
    sed -e '/^#/d' -e 's:^Exec=.*:Exec=/opt/peresvet/lib/peresvet-open %f:' \
        -e '$a MimeType=application/x-peresvet-project;' \
        "$HERE/peresvet.desktop" >"$stage/usr/share/applications/peresvet.desktop"
    local size
    for size in 16 24 32 48 64 128 256 512; do
        install -D -m 644 "$HERE/icons/peresvet-$size.png" "$stage/usr/share/icons/hicolor/${size}x$size/apps/peresvet.png"
    done
    install -D -m 644 "$HERE/peresvet.svg" "$stage/usr/share/icons/hicolor/scalable/apps/peresvet.svg"
    install -D -m 644 "$HERE/linux/peresvet-mime.xml" "$stage/usr/share/mime/packages/peresvet.xml"
    install -D -m 644 "$HERE/linux/peresvet-engine.service" "$stage/lib/systemd/system/peresvet-engine.service"
    install -D -m 644 "$HERE/linux/peresvet-engine.default" "$stage/etc/default/peresvet-engine"
    echo /etc/default/peresvet-engine >"$stage/DEBIAN/conffiles"

    local installed
    installed="$(du -sk --exclude=DEBIAN "$stage" | cut -f1)"
    sed -i "s/^Installed-Size:.*/Installed-Size: $installed/" "$stage/DEBIAN/control"
    (cd "$stage" && find . -type f ! -path './DEBIAN/*' -printf '%P\0' | LC_ALL=C sort -z | xargs -0 md5sum) \
        >"$stage/DEBIAN/md5sums"
    DEB="$OUT/$(basename "$first")"
    step "Packing $DEB (dpkg-deb, ${DPKG_DEB_COMPRESSOR_TYPE:-xz})…"
    dpkg-deb --root-owner-group -b "$stage" "$DEB" >/dev/null
}

case "$TYPE" in
    deb) build_deb ;;
    msi)
        step "Windows installer with jpackage…"
        "$JDK/bin/jpackage" --type msi "${common[@]}" --app-image "$IMAGE" --dest "$OUT" \
            --win-menu --win-menu-group Peresvet --win-shortcut --win-dir-chooser \
            --win-upgrade-uuid 6c1c8a3e-5d0e-4d52-9d6b-2f3f8f6f6a11 \
            --file-associations "$HERE/file-association.properties"
        ;;
    dmg)
        step "macOS disk image with jpackage…"
        "$JDK/bin/jpackage" --type dmg "${common[@]}" --app-image "$OUT/peresvet.app" --dest "$OUT" \
            --mac-package-identifier org.peresvet.workstation --mac-package-name Peresvet \
            --file-associations "$HERE/file-association.properties"
        ;;
esac

# --- App class archive for the app image -----------------------------------------------------------
if [ "$OS" = linux ] && [ "$CLASS_ARCHIVE" = 1 ]; then
    step "Class archive of the app image (two headless runs)…"
    "$IMAGE/lib/peresvet-cds" || echo "Note: no class archive for the app image; it runs without (slower starts)."
fi
rm -rf "$WORK"

case "$OS" in
    linux) step "Done: $IMAGE (run $IMAGE/bin/peresvet), $(du -sh "$IMAGE" | cut -f1)" ;;
    *) step "Done: $(ls -d "$OUT"/peresvet* | tr '\n' ' ')" ;;
esac
if [ "$TYPE" = deb ]; then
    step "Done: $DEB, $(du -h "$DEB" | cut -f1)"
fi
