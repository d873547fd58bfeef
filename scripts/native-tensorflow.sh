#!/usr/bin/env bash
# Builds @tensorflow/tfjs-node against the tensorflow-cpu wheel that pip serves (no Google storage
# needed: its libtensorflow_cc.so.2 exports TensorFlow's C API and the wheel holds the headers),
# then runs the course on the native backend: the backend conformance test, then every chapter's
# model solutions. For users behind a firewall, and CI's native leg. Run from a checkout after
# `npm ci`; `npm ci` removes the native package again.
#   scripts/native-tensorflow.sh            build and test
#   scripts/native-tensorflow.sh --build    build only
set -euo pipefail
cd "$(dirname "$0")/.."

VERSION=2.21.0
WORK=.d2l/native
PKG=node_modules/@tensorflow/tfjs-node
mkdir -p "$WORK"

if ! ls "$WORK"/tensorflow_cpu-"$VERSION"-*.whl > /dev/null 2>&1; then
  if ! pip download --quiet --no-deps "tensorflow-cpu==$VERSION" -d "$WORK" > "$WORK/pip.log" 2>&1; then
    echo "native TensorFlow leg skipped: pip could not fetch the tensorflow-cpu $VERSION wheel ($(tail -1 "$WORK/pip.log"))"
    exit 0
  fi
fi
WHEEL=$(ls "$WORK"/tensorflow_cpu-"$VERSION"-*.whl | head -1)

# Built and loadable (its dependencies too: `npm install` of another package prunes them) or build again.
if ! node -e "require('@tensorflow/tfjs-node')" > /dev/null 2>&1; then
  echo "building @tensorflow/tfjs-node against $(basename "$WHEEL")"
  # Its install script would download libtensorflow from Google's storage: install without scripts.
  npm install --no-save --ignore-scripts --no-audit --no-fund @tensorflow/tfjs-node@4.22.0 > "$WORK/npm.log" 2>&1
  rm -rf "$WORK/wheel" && mkdir -p "$WORK/wheel"
  unzip -q -o "$WHEEL" 'tensorflow/libtensorflow_cc.so.2' 'tensorflow/libtensorflow_framework.so.2' 'tensorflow/include/*' -d "$WORK/wheel"
  mkdir -p "$PKG/deps/lib" "$PKG/deps/include"
  cp "$WORK/wheel/tensorflow/libtensorflow_cc.so.2" "$WORK/wheel/tensorflow/libtensorflow_framework.so.2" "$PKG/deps/lib/"
  cp -r "$WORK/wheel/tensorflow/include/." "$PKG/deps/include/"
  # The names the addon links against, and the one its install script looks for to skip the download.
  (cd "$PKG/deps/lib" &&
    for name in libtensorflow.so libtensorflow.so.2 libtensorflow.so.2.9.1; do ln -sf libtensorflow_cc.so.2 "$name"; done &&
    ln -sf libtensorflow_framework.so.2 libtensorflow_framework.so)
  npm_config_build_from_source=true npm rebuild @tensorflow/tfjs-node > "$WORK/build.log" 2>&1
  rm -rf "$WORK/wheel"
fi
echo "native backend: $(node -e "process.env.TF_CPP_MIN_LOG_LEVEL='2'; require('@tensorflow/tfjs-node'); console.log(require('@tensorflow/tfjs-core').getBackend())")"
[ "${1:-}" = "--build" ] && exit 0

export D2L_BACKEND=tensorflow
./node_modules/.bin/vitest run selftest/conformance.test.ts selftest/rnn-references.test.ts selftest/lenet.test.ts
for chapter in 1 2 3 4 5 6 7 8 9; do
  start=$SECONDS
  NO_COLOR=1 node bin/d2l.mjs test "$chapter" --impl solutions --no-typecheck > "$WORK/chapter-$chapter.log" 2>&1 || {
    if grep -q 'has no exercises yet' "$WORK/chapter-$chapter.log"; then continue; fi
    cat "$WORK/chapter-$chapter.log"
    echo "chapter $chapter's solutions fail on the native TensorFlow backend"
    exit 1
  }
  echo "chapter $chapter on tensorflow: $(grep -E 'exercises pass' "$WORK/chapter-$chapter.log" | tail -1) in $((SECONDS - start)) s"
done
