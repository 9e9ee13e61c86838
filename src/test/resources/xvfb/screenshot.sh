#!/usr/bin/env bash
# Runs inside xvfb-run: starts the packaged app on the James Cameron demo, screenshots the whole
# X screen every 2 s with ImageMagick's `import`, and keeps the first of two identical, colourful
# shots (the window has settled). Usage: screenshot.sh JAR WORKSPACE PREFS_DIR OUT.png [TIMEOUT_S]
set -u
jar=$1 workspace=$2 prefs=$3 out=$4 timeout=${5:-120}
java -Dai.djl.offline=true -Djava.util.prefs.userRoot="$prefs" -jar "$jar" --db "$workspace" --demo \
    >"$out.app.log" 2>&1 &
app=$!
trap 'kill $app 2>/dev/null; wait $app 2>/dev/null' EXIT
previous=""
for ((waited = 0; waited < timeout; waited += 2)); do
    sleep 2
    kill -0 $app 2>/dev/null || { echo "the app exited early; its log:"; cat "$out.app.log"; exit 1; }
    shot="$out.$waited.png"
    import -window root "$shot" 2>/dev/null || continue
    colours=$(identify -format %k "$shot")
    if [[ -n $previous && $colours -gt 100 ]] \
        && [[ $(compare -metric AE "$previous" "$shot" null: 2>&1) == 0 ]]; then
        mv "$previous" "$out"
        rm -f "$out".*.png
        exit 0
    fi
    [[ -n $previous ]] && rm -f "$previous"
    previous=$shot
done
echo "no settled, non-blank screen within ${timeout} s; the app's log:"
cat "$out.app.log"
exit 1
