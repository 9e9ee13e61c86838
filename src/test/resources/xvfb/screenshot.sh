#!/usr/bin/env bash
# Runs inside xvfb-run: for each screen named, starts the packaged app on the James Cameron demo with
# -Drelevance-workbench.screen=SCREEN (ui.StartScreen), which opens that screen once the demo has run and prints
# "screen SCREEN at X,Y WxH". Then it screenshots that rectangle of the X screen every second with ImageMagick's
# `import`, keeps the first of two identical, colourful shots (the window has settled) as OUT_DIR/SCREEN.png, and
# stops the app. Usage: screenshot.sh JAR WORKSPACE PREFS_DIR OUT_DIR TIMEOUT_S SCREEN...
set -u
jar=$1 workspace=$2 prefs=$3 out=$4 timeout=$5
shift 5
# A hub cache of its own: the model chooser lists what this run has, not what the machine has.
export HF_HOME="$(dirname "$workspace")/hf-home"
failed=0

shoot() { # SCREEN: 0 once OUT_DIR/SCREEN.png is written
    local screen=$1 log="$out/$1.app.log" geometry="" previous="" shot colours
    java -Dai.djl.offline=true -Djava.util.prefs.userRoot="$prefs" -Drelevance-workbench.screen="$screen" \
        -Drelevance-workbench.native-dir="$prefs/native" \
        -jar "$jar" --db "$workspace" --demo >"$log" 2>&1 &
    local app=$!
    for ((waited = 0; waited < timeout; waited++)); do
        sleep 1
        kill -0 $app 2>/dev/null || { echo "$screen: the app exited early; its log:"; cat "$log"; return 1; }
        if [[ -z $geometry ]]; then
            # "screen judging at 140,50 1000x720" -> 1000x720+140+50
            geometry=$(sed -nE "s/^screen $screen at (-?[0-9]+),(-?[0-9]+) ([0-9]+x[0-9]+)$/\3+\1+\2/p" "$log")
            continue
        fi
        shot="$out/$screen.$waited.png"
        import -window root -crop "$geometry" +repage "$shot" 2>/dev/null || continue
        colours=$(identify -format %k "$shot")
        if [[ -n $previous && $colours -gt 100 ]] \
            && [[ $(compare -metric AE "$previous" "$shot" null: 2>&1) == 0 ]]; then
            mv "$previous" "$out/$screen.png"
            rm -f "$out/$screen".*.png
            kill $app 2>/dev/null
            wait $app 2>/dev/null
            return 0
        fi
        [[ -n $previous ]] && rm -f "$previous"
        previous=$shot
    done
    echo "$screen: no settled, non-blank screen within ${timeout} s (geometry '${geometry}'); the app's log:"
    cat "$log"
    kill $app 2>/dev/null
    wait $app 2>/dev/null
    return 1
}

for screen in "$@"; do
    shoot "$screen" || failed=1
done
exit $failed
