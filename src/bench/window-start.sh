#!/bin/bash
# usage: xvfb-run -a window-start.sh JAR WORKSPACE -> ms from `java -jar` to the main window shown (StartScreen prints
# "screen comparison at …" once the window and its Compare tab are up). README, "Start-up and the first search".
jar=$1 db=$2 log=$(mktemp)
s=$(date +%s%N)
java -Dai.djl.offline=true -Djava.util.prefs.userRoot=/tmp/winprefs -Drelevance-workbench.screen=comparison -jar "$jar" --db "$db" > "$log" 2>&1 &
app=$!
for i in $(seq 1 600); do
  if grep -q "^screen comparison at" "$log"; then e=$(date +%s%N); echo $(( (e - s) / 1000000 )); break; fi
  sleep 0.02
done
kill $app 2>/dev/null; wait $app 2>/dev/null; rm -f "$log"
