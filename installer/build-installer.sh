#!/usr/bin/env bash
# Builds a native Peresvet package with jpackage (part of JDK 17+).
#
#   installer/build-installer.sh          app image: target/installer/peresvet/bin/peresvet
#   installer/build-installer.sh --deb    Debian package: target/installer/peresvet_<version>_<arch>.deb
#
# Input: app/target/classes (jar'ed here) + app/target/lib, built first when missing.
# The image bundles its own Java runtime, so the target machine needs no JDK.
set -euo pipefail

TYPE=app-image
case "${1:-}" in
    "") ;;
    --deb) TYPE=deb ;;
    --app-image) TYPE=app-image ;;
    -h | --help)
        sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//'
        exit 0
        ;;
    *)
        echo "build-installer.sh: unknown option '$1' (use --deb, or nothing for an app image)" >&2
        exit 2
        ;;
esac

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

# jpackage and jar from the same JDK as java (JAVA_HOME first).
if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/jpackage" ]; then
    JDK_BIN="$JAVA_HOME/bin"
elif command -v jpackage >/dev/null 2>&1; then
    JDK_BIN="$(dirname "$(readlink -f "$(command -v jpackage)")")"
elif command -v java >/dev/null 2>&1 && [ -x "$(dirname "$(readlink -f "$(command -v java)")")/jpackage" ]; then
    JDK_BIN="$(dirname "$(readlink -f "$(command -v java)")")"
else
    die "jpackage not found. It ships with a full JDK 17+ (e.g. openjdk-17-jdk); set JAVA_HOME to one."
fi

if [ ! -d app/target/classes ] || [ ! -d app/target/lib ]; then
    echo "Building the app (log: target/installer-build.log)…"
    mkdir -p target
    ./mvnw -q -B -DskipTests package -pl app -am >target/installer-build.log 2>&1 ||
        { cat target/installer-build.log >&2; die "the build failed."; }
fi

# jpackage wants a numeric version: 0.1.0-SNAPSHOT -> 0.1.0
VERSION="$(sed -n 's:.*<version>\([0-9][0-9.]*\).*</version>.*:\1:p' pom.xml | head -n 1)"
[ -n "$VERSION" ] || die "could not read the version from pom.xml"

OUT="$ROOT/target/installer"
WORK="$OUT/work"
rm -rf "$WORK" "$OUT/peresvet" "$OUT"/peresvet_*.deb
mkdir -p "$WORK/input" "$WORK/resources"

"$JDK_BIN/jar" --create --file "$WORK/input/peresvet-app.jar" -C app/target/classes .
cp app/target/lib/*.jar "$WORK/input/"

args=(
    --type "$TYPE"
    --name peresvet
    --app-version "$VERSION"
    --vendor "Peresvet"
    --description "Peresvet SCADA engineering workstation"
    --input "$WORK/input"
    --main-jar peresvet-app.jar
    --main-class org.peresvet.app.Launcher
    --java-options "-Xmx1g"
    --dest "$OUT"
)

# Linux icons must be PNG: render the SVG when a converter is at hand.
icon="$WORK/peresvet.png"
for tool in rsvg-convert inkscape; do
    command -v "$tool" >/dev/null 2>&1 || continue
    case "$tool" in
        rsvg-convert) rsvg-convert -w 256 -h 256 -o "$icon" "$HERE/peresvet.svg" 2>/dev/null || true ;;
        inkscape) inkscape "$HERE/peresvet.svg" -w 256 -h 256 -o "$icon" >/dev/null 2>&1 || true ;;
    esac
    [ -s "$icon" ] && break
done
# Accept only a real PNG (signature \x89PNG).
if [ -s "$icon" ] && [ "$(head -c 4 "$icon" | od -An -tx1 | tr -d ' \n')" = "89504e47" ]; then
    args+=(--icon "$icon")
else
    echo "Note: no SVG converter (rsvg-convert or inkscape) found; the package uses the default icon."
fi

if [ "$TYPE" = deb ]; then
    # Our desktop entry, pointed at the installed launcher.
    sed -e 's:^Exec=.*:Exec=/opt/peresvet/bin/peresvet:' \
        -e 's:^Icon=.*:Icon=/opt/peresvet/lib/peresvet.png:' \
        -e '/^#/d' "$HERE/peresvet.desktop" >"$WORK/resources/peresvet.desktop"
    args+=(--resource-dir "$WORK/resources" --linux-shortcut --linux-menu-group "Development;Engineering;"
        --linux-app-category misc)
fi

echo "Packaging Peresvet $VERSION ($TYPE) with $JDK_BIN/jpackage…"
"$JDK_BIN/jpackage" "${args[@]}"
rm -rf "$WORK"

if [ "$TYPE" = app-image ]; then
    echo "Done: $OUT/peresvet (run $OUT/peresvet/bin/peresvet)"
else
    echo "Done: $(ls "$OUT"/*.deb)"
fi
