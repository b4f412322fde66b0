#!/usr/bin/env bash
# A replicated HIKB set on loopback (docs/scale-out.md): one Kafka broker (KRaft, from the Kafka jars Maven
# fetched for the tests), the writer, N read replicas and HAProxy in front.
#
#   scripts/scale-out.sh start [N]   start it (N replicas, default 2); prints the addresses and an admin token
#   scripts/scale-out.sh bench       the replication benchmark on a running set (docs/scale-out.md, "Measured")
#   scripts/scale-out.sh stop        stop everything it started
#
# Environment: SCOPE (curated, the default, or health: what the writer's first start imports), WORK
# (default target/scale-out; delete it for a fresh set). Ports: HAProxy 7170, writer 7171, replicas 7172...,
# Kafka 7192 (controller 7193). Needs java, mvn and haproxy (Debian: apt-get install haproxy).
set -euo pipefail
cd "$(dirname "$0")/.."
WORK=${WORK:-target/scale-out}
SCOPE=${SCOPE:-curated}
JAR=target/hikb.jar
LB=127.0.0.1:7170
WRITER=127.0.0.1:7171
KAFKA=localhost:7192
TOPIC=hikb-changes

wait_for() { # URL SECONDS
    for _ in $(seq 1 $(( $2 * 4 ))); do curl -sf -o /dev/null "$1" && return 0; sleep 0.25; done
    echo "No answer from $1 within $2 s; see $WORK/*.log" >&2; return 1
}

start_node() { # NAME PORT ARGS...
    local name=$1 port=$2; shift 2
    nohup java -Xmx768m -jar "$JAR" serve --data "$WORK/$name" --port "$port" --host 127.0.0.1 --scope "$SCOPE" \
        --tokens-file "$WORK/tokens" "$@" > "$WORK/$name.log" 2>&1 &
    echo $! > "$WORK/$name.pid"
}

haproxy_config() { # N
    cp deploy/haproxy.cfg "$WORK/haproxy.cfg"
    for i in $(seq 1 "$1"); do echo "    server replica$i 127.0.0.1:$((7171 + i))" >> "$WORK/haproxy.cfg"; done
}

start_haproxy() { # N
    haproxy_config "$1"
    [ -f "$WORK/haproxy.pid" ] && kill "$(cat "$WORK/haproxy.pid")" 2>/dev/null || true
    HIKB_LB_BIND=$LB HIKB_WRITER=$WRITER haproxy -D -f "$WORK/haproxy.cfg" -p "$WORK/haproxy.pid"
}

start() {
    local n=${1:-2}
    mkdir -p "$WORK"
    [ -f "$JAR" ] || mvn -B -q package -DskipTests
    [ -f "$WORK/kafka.cp" ] || mvn -B -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$WORK/kafka.cp"
    if [ ! -d "$WORK/kafka/logs" ]; then
        mkdir -p "$WORK/kafka"
        cat > "$WORK/kafka/server.properties" <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.bootstrap.servers=localhost:7193
listeners=PLAINTEXT://localhost:7192,CONTROLLER://localhost:7193
advertised.listeners=PLAINTEXT://localhost:7192
controller.listener.names=CONTROLLER
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
inter.broker.listener.name=PLAINTEXT
log.dirs=$PWD/$WORK/kafka/logs
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
group.initial.rebalance.delay.ms=0
PROPS
        java -cp "$(cat "$WORK/kafka.cp")" kafka.tools.StorageTool format --standalone \
            -t "$(java -cp "$(cat "$WORK/kafka.cp")" kafka.tools.StorageTool random-uuid 2>/dev/null | tail -1)" -c "$WORK/kafka/server.properties" > "$WORK/kafka.log" 2>&1
    fi
    nohup java -Xmx512m -cp "$(cat "$WORK/kafka.cp")" kafka.Kafka "$WORK/kafka/server.properties" >> "$WORK/kafka.log" 2>&1 &
    echo $! > "$WORK/kafka.pid"
    for _ in $(seq 1 240); do (echo > /dev/tcp/localhost/7192) 2>/dev/null && break; sleep 0.25; done
    if [ ! -f "$WORK/tokens" ]; then
        java -jar "$JAR" token --name operator --role admin --tokens-file "$WORK/tokens" > "$WORK/admin-token" 2>/dev/null
    fi
    start_node writer 7171 --primary --log "$KAFKA" --topic "$TOPIC"
    wait_for "http://$WRITER/health" 600
    for i in $(seq 1 "$n"); do
        start_node "replica$i" $((7171 + i)) --replicate-from "$KAFKA" --topic "$TOPIC" --writer-url "http://$WRITER"
    done
    for i in $(seq 1 "$n"); do wait_for "http://127.0.0.1:$((7171 + i))/health?ready" 600; done
    start_haproxy "$n"
    wait_for "http://$LB/health" 30
    echo "HAProxy http://$LB/ (reads to $n replicas, writes to the writer http://$WRITER/); Kafka $KAFKA; admin token in $WORK/admin-token"
}

stop() {
    for f in "$WORK"/*.pid; do [ -f "$f" ] && { kill "$(cat "$f")" 2>/dev/null || true; rm -f "$f"; }; done
    echo "Stopped (data kept in $WORK)."
}

bench() {
    local token; token=$(cat "$WORK/admin-token")
    local replicas; replicas=$(ls "$WORK"/replica*.pid | wc -l)
    java -jar "$JAR" bench replication --writer "http://$WRITER" --token "$token" --hold "$(cat "$WORK/replica$replicas.pid")" \
        $(for i in $(seq 1 "$replicas"); do echo "--replica http://127.0.0.1:$((7171 + i))"; done)
    echo
    echo "Reads: GET /api/search, 8 clients, 20 s each after 10 s of warm-up"
    java -jar "$JAR" bench replication --reads "http://127.0.0.1:7172" --label "one replica, direct (baseline)"
    start_haproxy 1; sleep 3
    java -jar "$JAR" bench replication --no-header --reads "http://$LB" --label "HAProxy, 1 replica"
    start_haproxy "$replicas"; sleep 3
    java -jar "$JAR" bench replication --no-header --reads "http://$LB" --label "HAProxy, $replicas replicas"
}

case "${1:-}" in
    start) start "${2:-2}" ;;
    stop) stop ;;
    bench) bench ;;
    *) sed -n '2,13p' "$0"; exit 2 ;;
esac
