#!/usr/bin/env bash
# Here, before a device run: fetch the wheels of the project's dependencies that the lent GPU
# machine's image lacks (it has torch, numpy, scipy, pandas, scikit-learn, pytest, xdist,
# pytest-benchmark, hypothesis, jinja2, pyarrow; .library/device/KINDS.md), for its Python 3.12, at
# the versions installed here, into .whl/ (git-ignored). The device run names .whl in `carry`.
# The tracked tree is ~51 MiB; these wheels add ~6 MiB, under the 64 MiB a call may carry.
set -euo pipefail
cd "$(dirname "$0")/.."
NAMES="pydantic pydantic-core annotated-types typing-inspection mlxtend keras namex optree boston
imbalanced-learn sklearn-compat"
rm -rf .whl && mkdir -p .whl
for name in $NAMES; do
  version=$(python3 -c "import importlib.metadata as m, sys; print(m.version(sys.argv[1]))" "$name")
  python3 -m pip download -q --disable-pip-version-check --no-deps --only-binary=:all: --python-version 3.12 \
    --implementation cp --platform manylinux_2_28_x86_64 --platform manylinux_2_17_x86_64 \
    --platform manylinux2014_x86_64 -d .whl "$name==$version" 2>&1 | grep -v "^WARNING: Location" || true
done
ls .whl | wc -l | xargs echo "wheels:"; du -sh .whl
