# Sourced by the scripts that run the real game (smoke-test.sh,
# a11y-check.sh), with $out set to their output folder. Sets $bin and the
# environment the game runs in.
#
# FACT_SORTER_BIN: a game binary that is already built (CI passes the one
# `cargo test` built; `cargo build` would rebuild much of Bevy, because the
# test build unifies dev-dependency features differently).
bin="${FACT_SORTER_BIN:-}"
if [ -z "$bin" ]; then
    cargo build --quiet --bin fact-sorter
    bin="${CARGO_TARGET_DIR:-target}/debug/fact-sorter"
fi
# Software Vulkan (lavapipe) under a virtual X server; no GPU needed.
export WGPU_BACKEND="${WGPU_BACKEND:-vulkan}"
# Results and settings go into the output folder, never the real ones.
export FACT_SORTER_DATA_DIR="$out/data"
export FACT_SORTER_CONFIG_DIR="$out/config"
