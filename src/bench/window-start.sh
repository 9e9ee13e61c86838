#!/bin/bash
# usage: xvfb-run -a window-start.sh JAR|IMAGE WORKSPACE -> ms from the start of `java -jar JAR` (or of the app image's
# launcher IMAGE/bin/relevance-workbench) to the main window shown (StartScreen prints "screen comparison at …" once the
# window and its Compare tab are up). README, "Start-up and the first search".
app=$1 db=$2 log=$(mktemp)
props="-Dai.djl.offline=true -Djava.util.prefs.userRoot=/tmp/winprefs -Drelevance-workbench.screen=comparison"
s=$(date +%s%N)
if [ -d "$app" ]; then # the launcher takes JVM options from its .cfg; these come through the JVM's own variable
  JAVA_TOOL_OPTIONS="$props" "$app/bin/relevance-workbench" --db "$db" > "$log" 2>&1 &
else
  java $props -jar "$app" --db "$db" > "$log" 2>&1 &
fi
pid=$!
for i in $(seq 1 600); do
  if grep -q "^screen comparison at" "$log"; then e=$(date +%s%N); echo $(( (e - s) / 1000000 )); break; fi
  sleep 0.02
done
kill $pid 2>/dev/null; wait $pid 2>/dev/null; rm -f "$log"
