#!/usr/bin/env bash
# Wall time and peak RSS of one admin command run as a fresh JVM: `apogee admin` against the
# official mqadmin (org.apache.rocketmq.tools.command.MQAdminStartup of rocketmq-tools 5.3.3),
# both asking the same Apogee standalone, alternating in every round.
#
#   apogee-cli/src/test/bench/admin-vs-mqadmin.sh [rounds]      (from the repository root)
#
# Builds the CLI (no tests) and takes the official tools from apogee-cli's test class path.
# Prints one line per run: implementation, command, seconds, peak RSS (KB), exit code.
set -euo pipefail
ROUNDS="${1:-5}"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../../.." && pwd)"
cd "$ROOT"
mvn -q -B -ntp -pl apogee-cli -am package -DskipTests dependency:build-classpath \
    -DincludeScope=test -Dmdep.outputFile=target/bench-test.cp >&2
APOGEE_CP="$(ls apogee-cli/target/apogee-cli-*.jar | head -n 1):$(tr ':' '\n' \
    < apogee-cli/target/bench-test.cp | grep -v 'org/apache/rocketmq' | paste -sd:)"
OFFICIAL_CP="$(tr ':' '\n' < apogee-cli/target/bench-test.cp | grep -v '/apogee-' | paste -sd:)"
dir=$(mktemp -d)
trap 'kill "$spid" 2>/dev/null || true; wait "$spid" 2>/dev/null || true; rm -rf "$dir"' EXIT
ns_port=$(( 40000 + RANDOM % 10000 ))
cat > "$dir/broker.conf" <<CONF
brokerName=broker-a
namesrvAddr=127.0.0.1:$ns_port
listenPort=$(( ns_port + 35 ))
bindAddress=127.0.0.1
brokerIP1=127.0.0.1
storePathRootDir=$dir/store
mappedFileSizeCommitLog=8388608
mappedFileSizeConsumeQueue=200000
maxIndexNum=10000
CONF
java -Xmx256m -cp "$APOGEE_CP" io.apogeemq.cli.Apogee standalone -c "$dir/broker.conf" \
    > "$dir/standalone.log" 2>&1 &
spid=$!
for _ in $(seq 1 180); do grep -q 'standalone ready' "$dir/standalone.log" && break; sleep 1; done
NS="127.0.0.1:$ns_port"
java -cp "$APOGEE_CP" io.apogeemq.cli.Apogee admin updateTopic -n "$NS" -c DefaultCluster \
    -t BenchT > /dev/null
JVM="-Xmx256m -XX:TieredStopAtLevel=1"
measure() {
  local label=$1; shift
  local rc=0
  /usr/bin/time -f "%e %M" -o "$dir/t" "$@" > "$dir/o" 2>&1 || rc=$?
  echo "$label $(tail -1 "$dir/t") rc=$rc"
}
for _ in $(seq 1 "$ROUNDS"); do
  for cmd in topicList "topicStatus -t BenchT"; do
    # shellcheck disable=SC2086
    measure "apogee   $cmd" java $JVM -cp "$APOGEE_CP" io.apogeemq.cli.Apogee admin $cmd -n "$NS"
    # shellcheck disable=SC2086
    measure "official $cmd" java $JVM -cp "$OFFICIAL_CP" \
        org.apache.rocketmq.tools.command.MQAdminStartup $cmd -n "$NS"
  done
done
