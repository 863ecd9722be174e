#!/usr/bin/env bash
# Renders the committed icons from installer/peresvet.svg. Run it only after changing the SVG:
# the build uses the committed files and needs no converter.
#   Debian/Ubuntu: sudo apt-get install librsvg2-bin imagemagick icnsutils
# Linux: PNG per hicolor size; Windows (msi): peresvet.ico; macOS (dmg): peresvet.icns.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
for size in 16 24 32 48 64 128 256 512; do
    rsvg-convert -w "$size" -h "$size" -o "peresvet-$size.png" ../peresvet.svg
done
/usr/bin/convert peresvet-{16,24,32,48,64,128,256}.png peresvet.ico
png2icns peresvet.icns peresvet-{16,32,48,128,256,512}.png >/dev/null
