#!/bin/sh
# Regenerates the shop's small media files (committed, so the demo needs no ffmpeg):
# a 4 s VP8/Opus test-card video (~40 KB) and a 3 s Opus chime (~6 KB). Debian: apt-get install ffmpeg.
set -eu
cd "$(dirname "$0")/public/media"
ffmpeg -hide_banner -loglevel error -y -f lavfi -i "testsrc2=size=320x180:rate=15:duration=4" \
  -f lavfi -i "sine=frequency=440:duration=4" -c:v libvpx -b:v 60k -c:a libopus -b:a 16k -ac 1 -shortest demo.webm
ffmpeg -hide_banner -loglevel error -y -f lavfi -i "sine=frequency=330:duration=3" -c:a libopus -b:a 16k -ac 1 chime.ogg
