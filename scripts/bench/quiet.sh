# Sourced by the bench scripts: waiting for a quiet machine. `load` prints the 1-minute load
# average; `wait_quiet` returns once it is below MAX_LOAD (default 1.0), or after MAX_WAIT
# seconds (default 600) with a note on stderr.
MAX_LOAD=${MAX_LOAD:-1.0}
MAX_WAIT=${MAX_WAIT:-600}

load() { cut -d' ' -f1 /proc/loadavg; }

wait_quiet() {
    waited=0
    while [ "$(echo "$(load) >= $MAX_LOAD" | bc)" = 1 ]; do
        if [ "$waited" -ge "$MAX_WAIT" ]; then
            echo "load still $(load) after ${MAX_WAIT}s; measuring anyway" >&2
            return
        fi
        sleep 5
        waited=$((waited + 5))
    done
}
