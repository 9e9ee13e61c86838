#!/usr/bin/env bash
# The scorer's GPU benchmark, ready for a machine with an NVIDIA GPU (CUDA 12.4-capable driver),
# JDK 17+ and Maven: model load time, docs/s at 512 tokens for batch sizes 1–64 in fp16, the
# prefix cache's speed-up, and peak GPU memory (nvidia-smi, sampled every 200 ms).
#
#   src/bench/cuda-bench.sh                    # a random checkpoint of FollowIR-7B's shape (writes 14.5 GB)
#   src/bench/cuda-bench.sh /models/FollowIR-7B   # the real weights
set -euo pipefail
cd "$(dirname "$0")/../.."
model="${1:-}"
mvn -B -q -Pcuda -DskipTests package
# which natives DJL takes here (cu124 needs a GPU and CUDA 12.4+), the GPU's free memory and whether the model fits
java -Dai.djl.offline=true -jar target/relevance-workbench.jar doctor ${model:+--model "$model"} || true
log="$(mktemp)"
nvidia-smi --query-gpu=memory.used --format=csv,noheader,nounits -lms 200 > "$log" &
sampler=$!
trap 'kill "$sampler" 2>/dev/null || true' EXIT
if [ -n "$model" ]; then
  shape=(--model "$model")
else
  shape=(--hidden 4096 --layers 32 --heads 32 --kv-heads 8 --intermediate 14336 --random-weights BF16)
fi
start=$(date +%s)
java -Dai.djl.offline=true -jar target/relevance-workbench.jar bench model "${shape[@]}" \
  --device cuda --dtype fp16 --doc-tokens 512 --prefix-tokens 160 --batch-sizes 1,2,4,8,16,32,64
echo "wall time: $(( $(date +%s) - start )) s"
kill "$sampler" 2>/dev/null || true
sleep 0.3
echo "peak GPU memory: $(sort -n "$log" | tail -n 1) MiB (whole GPU, as nvidia-smi reports it)"
