#!/bin/bash
# Class data sharing for the application image (README, "Installers"): a start maps the classes it needs, already
# parsed and verified, from one archive instead of reading them out of ~40 jars and JavaFX's modules; the window is
# shown 1.1–1.4 s sooner here (medians 4.5–4.6 s -> 3.1–3.4 s under Xvfb), a command ~0.3–0.4 s sooner.
#
#   class-data.sh list IMAGE      build time: records which classes a start loads (the window's, where a display or
#                                 xvfb-run is at hand, else a command's) into IMAGE's lib/app/relevance-workbench.classlist
#   class-data.sh archive IMAGE   dumps the archive of those classes for IMAGE where it now lies, and points its
#                                 launcher at it; run again where the image is installed (the .deb's postinst does)
#
# Java 17 takes an archive only for the class path it was dumped from, so one made in the build folder would not fit
# the installed copy: the list travels with the image, the archive is made where it runs. A start whose archive is
# missing or does not fit loads its classes as before, silently (-Xlog:cds=off). Best effort throughout: any failure
# leaves the image as jpackage made it.
set -uo pipefail
mode=$1 image=$2
launcher="$image/bin/relevance-workbench"
app="$image/lib/app"
cfg="$app/relevance-workbench.cfg"
list="$app/relevance-workbench.classlist"
archive="$app/relevance-workbench.jsa"
[ -x "$launcher" ] && [ -f "$cfg" ] || { echo "class data: no launcher or cfg in $image, skipped"; exit 0; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
run() { env HOME="$tmp" JAVA_TOOL_OPTIONS="$1 -Djava.util.prefs.userRoot=$tmp/prefs -Drelevance-workbench.native-dir=$tmp/native" "${@:2}"; }

case "$mode" in
list)
    rm -f "$list"
    if [ -z "${DISPLAY:-}" ] && command -v xvfb-run >/dev/null; then
        xvfb-run -a bash "$0" list "$image" # back here, with a display
        exit 0
    fi
    if [ -n "${DISPLAY:-}" ]; then # the window on the sample corpora, until StartScreen says its comparison is shown
        run "-XX:DumpLoadedClassList=$list.part -Drelevance-workbench.screen=comparison" \
            "$launcher" --db "$tmp/ws.db" > "$tmp/out" 2>&1 &
        pid=$!
        for _ in $(seq 1 900); do grep -q "^screen comparison at" "$tmp/out" && break; sleep 0.2; done
        kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null
        grep -q "^screen comparison at" "$tmp/out" || rm -f "$list.part"
    fi
    if [ ! -s "$list.part" ]; then # no display: a command's classes (the store, BM25, picocli)
        run "-XX:DumpLoadedClassList=$list.part" "$launcher" --db "$tmp/ws.db" samples >/dev/null 2>&1 || rm -f "$list.part"
    fi
    [ -s "$list.part" ] && mv "$list.part" "$list" && echo "class data: $(wc -l < "$list") classes listed"
    ;;
archive)
    [ -s "$list" ] || { echo "class data: no class list in $image, skipped"; exit 0; }
    sed -i '/relevance-workbench\.jsa/d; /-Xshare:auto/d; /-Xlog:cds/d' "$cfg" # a dump runs without the last archive
    rm -f "$archive"
    run "-Xshare:dump -XX:SharedClassListFile=$list -XX:SharedArchiveFile=$archive" "$launcher" >"$tmp/dump" 2>&1
    if [ ! -s "$archive" ]; then
        echo "class data: no archive ($(grep -m1 -i error "$tmp/dump"))"; rm -f "$archive"; exit 0
    fi
    options='java-options=-XX:SharedArchiveFile=$APPDIR/relevance-workbench.jsa\njava-options=-Xshare:auto\njava-options=-Xlog:cds=off\njava-options=-Xlog:cds+dynamic=off'
    sed -i "s|^\[JavaOptions\]\$|[JavaOptions]\n$options|" "$cfg"
    # the launcher must say its version and nothing more, with the archive taken
    if [[ "$(env -u JAVA_TOOL_OPTIONS HOME="$tmp" "$launcher" --version 2>&1)" != "Relevance Workbench "* ]]; then
        sed -i '/relevance-workbench\.jsa/d; /-Xshare:auto/d; /-Xlog:cds/d' "$cfg"; rm -f "$archive"
        echo "class data: the launcher did not start with the archive; left without"; exit 0
    fi
    echo "class data: $(du -h "$archive" | cut -f1) archive for $image"
    ;;
*)
    echo "usage: class-data.sh list|archive IMAGE" >&2; exit 2
    ;;
esac
