#!/usr/bin/env bash
# The device checks as one prepared command, for a session whose task is lent a GPU
# (.library/device). Prepared and read, NOT yet run on a GPU: no session that wrote it had one.
#
#   here:    bash scripts/device_wheels.sh            # the dependencies the GPU image lacks -> .whl/
#   device:  run(command="bash scripts/device_batch.sh bench cnn", carry=[".whl"], timeout_s=590)
#            run(command="bash scripts/device_batch.sh vae gan lstm", carry=[".whl"], timeout_s=590)
#
# Groups (each under its own time limit, so one slow group still returns the others' files):
#   bench  tests/benchmarks/test_family_speed.py on cuda (issue 9: the FFN's >= 50x target)
#   cnn    the full-profile claims that train the lecture-12 CNN / LeNet on 60k MNIST (issue 11)
#   vae    the document-size convolutional VAE claims (70k images, 32 epochs)
#   gan    the document-size GAN claims (70k images, 30 + 10 epochs)
#   lstm   the IMDB-size LSTM claims (Embedding 20000x128, LSTM 128, 15 epochs)
# Everything lands in $OUT, at most 8 files, none deeper than 2 folders (the tool's limits): the
# log, the benchmark JSON, and each group's result files as one tar.gz (results/<env>/full/ nests
# too deep to come back as files). Back here: untar into reports/baselines/, review, pin.
set -uo pipefail
cd "$(dirname "$0")/.."
OUT=${OUT:-/tmp/device-out}
mkdir -p "$OUT"
export PYTHONUNBUFFERED=1 PYTHONPATH="/tmp/site:$PWD${PYTHONPATH:+:$PYTHONPATH}"
LOG="$OUT/log.txt"
exec > >(tee -a "$LOG") 2>&1

if ls .whl/*.whl >/dev/null 2>&1; then
  python3 -m pip install -q --no-index --no-deps --no-compile --no-cache-dir --upgrade --target /tmp/site .whl/*.whl \
    || { echo "wheel install failed"; exit 2; }
fi
nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv,noheader || true
python3 -c "import torch; print('torch', torch.__version__, 'cuda', torch.cuda.is_available())"

CNN="keras-cnn-mnist-test-accuracy-over-99pct or cnn-beats-keras-mlp-on-digit-images or cnn-dropout-layers-narrow-train-test-gap or cnn-first-layer-filters-become-edge-detectors or cnn-mnist-still-improving-after-10-epochs or lenet5-suits-handwriting-recognition"
claims_full() {  # group, seconds, pytest selection...
  local group=$1 limit=$2; shift 2
  local dir="/tmp/results-$group"
  echo "== $group (limit ${limit}s)"
  timeout "$limit" python3 -m pytest -p no:cacheprovider -n 0 --claims-profile full --claims-device cuda \
    --claims-results-dir "$dir" -rA "$@"
  echo "== $group exit $?"
  [ -d "$dir" ] && tar -czf "$OUT/results-$group.tar.gz" -C "$dir" .
}

for group in "$@"; do
  case $group in
    bench) echo "== bench"
           CLAIMS_BENCH_DEVICE=cuda timeout 150 python3 -m pytest -p no:cacheprovider -n 0 \
             tests/benchmarks/test_family_speed.py --benchmark-json="$OUT/bench-families-gpu.json"
           echo "== bench exit $?" ;;
    cnn)  claims_full cnn 420 claims/kane_mnist/test_mnist_training.py claims/foundations/test_catalog_gaps_004.py -k "$CNN" ;;
    vae)  claims_full vae 300 claims/generative/test_conv_vae.py claims/generative/test_merged_test_set.py ;;
    gan)  claims_full gan 240 claims/generative/test_gan.py -k "gan-hands-on" ;;
    lstm) claims_full lstm 240 claims/sequences/test_word_order.py -k "lstm-sentiment-far-above-chance-on-review-snippets or lstm-vs-bag-of-words-on-review-snippets" ;;
    *) echo "unknown group $group (bench, cnn, vae, gan, lstm)"; exit 2 ;;
  esac
done
