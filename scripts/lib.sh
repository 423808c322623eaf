# Shared by the launchers: build a module's jar when it is missing or older than its sources.
# Usage: ensure_built MODULE JAR SOURCE_DIR...
ensure_built() {
  local module=$1 jar=$2
  shift 2
  local stale=0
  if [ ! -f "$jar" ]; then
    stale=1
  elif [ -n "$(find "$@" "$ROOT/pom.xml" -newer "$jar" -type f -print -quit 2>/dev/null)" ]; then
    stale=1
  fi
  if [ "$stale" = 1 ]; then
    echo "daylight: building $module (first run or sources changed)..." >&2
    (cd "$ROOT" && ./mvnw -q -B -pl "$module" -am package -DskipTests -Dmaven.javadoc.skip=true) >&2 || {
      echo "daylight: build of $module failed" >&2
      exit 3
    }
  fi
}
