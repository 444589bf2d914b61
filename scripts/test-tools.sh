#!/usr/bin/env bash
# The pinned Python tools the API tests read open-data files with (openpyxl, frictionless), in a
# venv at target/test-venv; reinstalled only when scripts/test-tools/requirements.txt changes.
set -euo pipefail
cd "$(dirname "$0")/.."
venv=target/test-venv
stamp="$venv/.requirements.sha256"
want="$(sha256sum scripts/test-tools/requirements.txt | cut -d' ' -f1)"
if [ ! -x "$venv/bin/python" ] || [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  rm -rf "$venv"
  mkdir -p target
  if ! python3 -m venv "$venv"; then
    echo "test-tools: 'python3 -m venv' failed; on Debian: apt-get install python3-venv" >&2
    exit 1
  fi
  "$venv/bin/python" -m pip install -q --disable-pip-version-check --no-deps \
    -r scripts/test-tools/requirements.txt
  echo "$want" >"$stamp"
fi
