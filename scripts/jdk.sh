# Sourced by the project's scripts: finds a JDK 21 or newer and exports JAVA_HOME and PATH.
# Order: $JAVA_HOME if new enough, the `java` on PATH if new enough, then the newest JDK under /usr/lib/jvm.

llgate_java_major() {
  "$1/bin/java" -XshowSettings:properties -version 2>&1 |
    awk -F'= ' '/java.specification.version/ { split($2, v, "."); print (v[1] == "1" ? v[2] : v[1]); exit }'
}

llgate_find_jdk() {
  local candidate major best="" best_major=0
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/javac" ]; then
    major=$(llgate_java_major "$JAVA_HOME")
    if [ "${major:-0}" -ge 21 ]; then echo "$JAVA_HOME"; return 0; fi
  fi
  if command -v javac >/dev/null 2>&1; then
    candidate=$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")
    major=$(llgate_java_major "$candidate")
    if [ "${major:-0}" -ge 21 ]; then echo "$candidate"; return 0; fi
  fi
  for candidate in /usr/lib/jvm/* /opt/java/* /opt/jdk*; do
    [ -x "$candidate/bin/javac" ] || continue
    major=$(llgate_java_major "$candidate")
    if [ "${major:-0}" -gt "$best_major" ]; then best="$candidate"; best_major=$major; fi
  done
  if [ "$best_major" -ge 21 ]; then echo "$best"; return 0; fi
  return 1
}

if ! LLGATE_JDK=$(llgate_find_jdk); then
  echo "LLGate needs a JDK 21 or newer; none was found (set JAVA_HOME)." >&2
  exit 1
fi
export JAVA_HOME="$LLGATE_JDK"
export PATH="$JAVA_HOME/bin:$PATH"
