# Sourced by ./mvnw and ./sluice: makes JAVA_HOME a JDK 25 or newer, or stops with what to do.
sluice_java_feature() { "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p'; }
sluice_select_jdk() {
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
    local v; v=$(sluice_java_feature "$JAVA_HOME")
    if [ "${v%%.*}" -ge 25 ] 2>/dev/null; then export JAVA_HOME; return 0; fi
  fi
  local candidate v dir
  # SLUICE_JDK_DIRS: where to look for a JDK when JAVA_HOME is not one (space-separated folders of JDKs).
  for dir in ${SLUICE_JDK_DIRS:-/usr/lib/jvm /opt/java}; do
    for candidate in "$dir"/*25* "$dir"/* "$dir"/openjdk; do
      [ -x "$candidate/bin/javac" ] || continue
      v=$(sluice_java_feature "$candidate")
      if [ "${v%%.*}" -ge 25 ] 2>/dev/null; then export JAVA_HOME="$candidate"; return 0; fi
    done
  done
  echo "error: Sluice needs JDK 25 or newer; none found (JAVA_HOME=${JAVA_HOME:-unset}). Install one (e.g. Temurin 25 under /usr/lib/jvm) or set JAVA_HOME to it." >&2
  return 1
}
