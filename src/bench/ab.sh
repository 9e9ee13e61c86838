#!/bin/bash
# Alternates commands (A, B, A, B, …) ROUNDS times and prints the median wall time of each, whole process included.
# usage: ab.sh ROUNDS LABEL1 "COMMAND1" LABEL2 "COMMAND2" …   (README, "Start-up and the first search")
rounds=$1; shift
declare -a labels cmds
while [ $# -gt 0 ]; do labels+=("$1"); cmds+=("$2"); shift 2; done
for ((r=0; r<rounds; r++)); do
  for ((i=0; i<${#labels[@]}; i++)); do
    s=$(date +%s%N); bash -c "${cmds[$i]}" > /dev/null 2>&1; e=$(date +%s%N)
    echo "${labels[$i]} $(( (e - s) / 1000000 ))"
  done
done | sort -k1,1 -k2,2n | awk '{a[$1]=a[$1]" "$2; n[$1]++} END {for (k in a) {split(substr(a[k],2), v, " "); m=v[int((n[k]+1)/2)]; print k": median "m" ms of "n[k]" ("substr(a[k],2)")"}}'
