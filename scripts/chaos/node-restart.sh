#!/usr/bin/env bash
# Kill the RabbitMQ node under a running worker (kill -9), bring it back after an
# outage, and measure how long the worker takes to be ready again; repeat.
#
# The node is one of the script's own (its own name, port and data folder), so
# nothing else on the machine is disturbed. Needs rabbitmq-server installed and
# root (the node runs as the rabbitmq user, as Debian's package sets it up).
#
#   scripts/chaos/node-restart.sh [--repeat N] [--outage SECONDS] [--limit SECONDS]
#                                 [--queue-type quorum|classic] [--settle SECONDS] [--binary PATH]
#
# Defaults: 10 repetitions, 60 s outages, fail when any readiness takes longer
# than 10 s after the node answers AMQP again, a quorum input queue, no wait
# between the worker's first readiness and the first kill, target/debug/enricher.
#
# --settle: RabbitMQ 3.10 keeps the directory of its quorum queues in a file it
# saves every few minutes; a node killed with -9 sooner after a quorum queue was
# declared forgets the queue's log, and the queue never elects a leader again
# (on one node; a three-node cluster keeps a majority). CI waits 200 s, so the
# runs measure the worker and not that.
set -euo pipefail

repeat=10
outage=60
limit=10
binary=target/debug/enricher
queue_type=quorum
settle=0
while [ $# -gt 0 ]; do
    case $1 in
        --repeat) repeat=$2; shift 2 ;;
        --outage) outage=$2; shift 2 ;;
        --limit) limit=$2; shift 2 ;;
        --binary) binary=$2; shift 2 ;;
        --queue-type) queue_type=$2; shift 2 ;;
        --settle) settle=$2; shift 2 ;;
        *) echo "unknown argument: $1" >&2; exit 2 ;;
    esac
done
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
[ -x "$binary" ] || { echo "no worker binary at $binary (cargo build first)" >&2; exit 2; }

node="enricher-chaos-$$@localhost"
amqp_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
http_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
dist_port=$((amqp_port + 20000 > 65000 ? amqp_port - 20000 : amqp_port + 20000))
dir=$(mktemp -d /tmp/enricher-chaos.XXXXXX)
printf 'listeners.tcp.local = 127.0.0.1:%s\n' "$amqp_port" >"$dir/rabbitmq.conf"
echo '[].' >"$dir/enabled_plugins"
chown -R rabbitmq:rabbitmq "$dir" 2>/dev/null || true

export RABBITMQ_NODENAME=$node RABBITMQ_NODE_PORT=$amqp_port RABBITMQ_DIST_PORT=$dist_port \
    RABBITMQ_CONFIG_FILE=$dir/rabbitmq RABBITMQ_MNESIA_BASE=$dir/mnesia RABBITMQ_LOG_BASE=$dir/log \
    RABBITMQ_PID_FILE=$dir/pid RABBITMQ_ENABLED_PLUGINS_FILE=$dir/enabled_plugins

worker_pid=""
cleanup() {
    [ -n "$worker_pid" ] && kill -TERM "$worker_pid" 2>/dev/null && wait "$worker_pid" 2>/dev/null || true
    if [ -f "$dir/pid" ]; then kill -9 "$(cat "$dir/pid")" 2>/dev/null || true; fi
    [ -n "${KEEP:-}" ] && echo "kept $dir" || rm -rf "$dir"
}
trap cleanup EXIT

now() { date +%s.%N; }
since() { python3 -c "print(f'{$(now) - $1:.1f}')"; }
port_open() { timeout 1 bash -c "</dev/tcp/127.0.0.1/$amqp_port" 2>/dev/null; }
ready() { [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$http_port/readyz")" = 200 ]; }

# Wait until `$1` succeeds, at most $2 seconds; false when it never did.
wait_for() {
    local deadline=$(( $(date +%s) + $2 ))
    until $1; do
        [ "$(date +%s)" -lt "$deadline" ] || return 1
        sleep 0.1
    done
}

start_node() {
    rm -f "$dir/pid"
    rabbitmq-server -detached >/dev/null 2>&1
}

echo "node $node on 127.0.0.1:$amqp_port; worker HTTP on 127.0.0.1:$http_port; $repeat x ${outage}s outages"
start_node
wait_for port_open 120 || { echo "the node did not start" >&2; tail -n 30 "$dir"/log/*.log >&2 || true; exit 1; }
wait_for "test -s $dir/pid" 30

ENRICHER__AMQP__URL="amqp://guest:guest@127.0.0.1:$amqp_port/%2f" \
    ENRICHER__HTTP__LISTEN="127.0.0.1:$http_port" \
    ENRICHER__TELEMETRY__LOG_FORMAT=json \
    ENRICHER__INPUT__QUEUE_TYPE="$queue_type" \
    "$binary" run 2>"$dir/worker.log" &
worker_pid=$!
wait_for ready 120 || { echo "the worker never became ready" >&2; tail -n 20 "$dir/worker.log" >&2; exit 1; }
sleep "$settle"

printf '%-4s %-22s %-26s %-28s\n' run "503 after kill (s)" "node answers after start (s)" "worker ready after node (s)"
failed=0
for run in $(seq 1 "$repeat"); do
    killed=$(now)
    kill -9 "$(cat "$dir/pid")"
    wait_for "eval ! ready" 30 || { echo "the worker stayed ready after the kill" >&2; exit 1; }
    unready=$(since "$killed")
    sleep "$outage"
    started=$(now)
    start_node
    wait_for port_open 120 || { echo "the node did not come back" >&2; exit 1; }
    answered=$(now)
    node_up=$(since "$started")
    wait_for "test -s $dir/pid" 30 || true
    if ! wait_for ready 60; then
        echo "run $run: the worker was not ready 60 s after the node came back" >&2
        exit 1
    fi
    took=$(since "$answered")
    printf '%-4s %-22s %-26s %-28s\n' "$run" "$unready" "$node_up" "$took"
    if python3 -c "import sys; sys.exit(0 if $took <= $limit else 1)"; then :; else failed=$((failed + 1)); fi
done
if ! kill -0 "$worker_pid" 2>/dev/null; then
    echo "the worker died during the runs" >&2
    exit 1
fi
if [ "$failed" -gt 0 ]; then
    echo "$failed of $repeat runs took longer than ${limit}s" >&2
    exit 1
fi
echo "every run ready within ${limit}s of the node's return"
