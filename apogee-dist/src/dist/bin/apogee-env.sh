# Sourced by the scripts in bin/: locates the distribution and Java, sizes the JVM.
#
# Environment (all optional):
#   JAVA_HOME         Java 17+ to use (default: java on the PATH)
#   JAVA_OPTS         extra JVM options, appended last (so -Xmx here wins over the sizing below)
#   APOGEE_LOG_DIR    log directory (default: $APOGEE_HOME/logs)
#   APOGEE_PID_DIR    pid files of mqnamesrv/mqbroker (default: $APOGEE_HOME/run); give each
#                     server started from the same directory its own
APOGEE_HOME="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export APOGEE_HOME
APOGEE_LOG_DIR="${APOGEE_LOG_DIR:-$APOGEE_HOME/logs}"
APOGEE_PID_DIR="${APOGEE_PID_DIR:-$APOGEE_HOME/run}"
if [[ -n "${JAVA_HOME:-}" ]]; then
  JAVA="$JAVA_HOME/bin/java"
else
  JAVA="java"
fi

# Memory available to this machine or container, in MB.
apogee_memory_mb() {
  local total limit
  total=$(awk '/^MemTotal:/ {print int($2 / 1024)}' /proc/meminfo 2>/dev/null || echo 4096)
  for f in /sys/fs/cgroup/memory.max /sys/fs/cgroup/memory/memory.limit_in_bytes; do
    if [[ -r "$f" ]]; then
      limit=$(cat "$f")
      if [[ "$limit" =~ ^[0-9]+$ ]] && (( limit / 1048576 < total )); then
        total=$(( limit / 1048576 ))
      fi
    fi
  done
  echo "${total:-4096}"
}

# Heap for a role: a share of memory, clamped (broker: 1/4, 256 MB..4 GB; NameServer: 1/8,
# 128 MB..1 GB; admin: 256 MB).
apogee_heap_mb() {
  local mem share min max heap
  mem=$(apogee_memory_mb)
  case "$1" in
    broker|standalone) share=4; min=256; max=4096 ;;
    namesrv) share=8; min=128; max=1024 ;;
    *) echo 256; return ;;
  esac
  heap=$(( mem / share ))
  (( heap < min )) && heap=$min
  (( heap > max )) && heap=$max
  echo "$heap"
}

# The JVM options of a role; JAVA_OPTS last.
apogee_jvm_opts() {
  local heap
  heap=$(apogee_heap_mb "$1")
  # the flags of the repository's ./apogee launcher, with the maximum heap sized above: a small
  # initial heap (messages live in mapped files), the serial collector (fewer threads, less
  # memory), direct memory capped at half the heap (at least 256 MB)
  local direct=$(( heap / 2 > 256 ? heap / 2 : 256 ))
  local opts="-Xms32m -Xmx${heap}m -XX:+UseSerialGC -XX:MaxDirectMemorySize=${direct}m"
  if [[ "$1" == admin ]]; then
    opts="-Xmx${heap}m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xshare:auto"
  fi
  echo "$opts -Dapogee.log.dir=$APOGEE_LOG_DIR -Dlogback.configurationFile=$APOGEE_HOME/conf/logback.xml ${JAVA_OPTS:-}"
}

# Pid of a running server of this role started from this distribution, or nothing.
apogee_running_pid() {
  local file="$APOGEE_PID_DIR/$1.pid" pid
  [[ -r "$file" ]] || return 0
  pid=$(cat "$file")
  if [[ "$pid" =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null \
      && tr '\0' ' ' < "/proc/$pid/cmdline" 2>/dev/null | grep -q 'io.apogeemq.cli.Apogee'; then
    echo "$pid"
  fi
}

# Runs a server in the foreground with its pid recorded: exec keeps this shell's pid.
apogee_exec_server() {
  local role="$1"
  shift
  local running
  running=$(apogee_running_pid "$role")
  if [[ -n "$running" ]]; then
    echo "An Apogee $role started from $APOGEE_HOME is already running (pid $running);" \
        "stop it with bin/mqshutdown $role or set APOGEE_PID_DIR." >&2
    exit 1
  fi
  mkdir -p "$APOGEE_PID_DIR" "$APOGEE_LOG_DIR"
  echo $$ > "$APOGEE_PID_DIR/$role.pid"
  # shellcheck disable=SC2046
  exec "$JAVA" $(apogee_jvm_opts "$role") -cp "$APOGEE_HOME/lib/*" io.apogeemq.cli.Apogee "$@"
}
