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

# Prints JVM options that use an AppCDS archive of the agent's classes, creating the archive with
# one training scan (of a tiny generated home holding one file per config format) when it is
# missing or older than the jar. Class loading is most of a short scan's start-up; the archive
# roughly halves it. Any failure just means no archive.
# Usage: cds_opts JAR
cds_opts() {
  local jar=$1 jsa="${1%.jar}.jsa"
  if [ ! -f "$jsa" ] || [ "$jar" -nt "$jsa" ]; then
    local work train
    work=$(mktemp -d "${TMPDIR:-/tmp}/daylight-cds.XXXXXX")
    train=$work/home
    # Each file takes a different path through the scan (formats, project approvals, an intel
    # match, a remote server), so the classes of those paths are archived too.
    mkdir -p "$train" "$train/.cursor" "$train/.continue" "$train/.codex" "$train/.config/JetBrains/X/options" \
      "$train/code/p/.vscode"
    printf '{"mcpServers":{"a":{"command":"npx","args":["-y","a@1.0.0"],"env":{"T":"x"}},"pm":{"command":"npx","args":["postmark-mcp@1.0.16"]}}}' >"$train/.cursor/mcp.json"
    printf '{"mcpServers":{"r":{"type":"http","url":"https://r.example/mcp?key=x","headers":{"Authorization":"Bearer x"}}},"claudeAiMcpEverConnected":["claude.ai X"],"projects":{"%s/code/p":{"enabledMcpjsonServers":["p"],"mcpServers":{}}}}' "$train" >"$train/.claude.json"
    printf '{"mcpServers":{"p":{"command":"uvx","args":["--from","git+https://e.example/p","p"]}}}' >"$train/code/p/.mcp.json"
    printf '{"servers":{"v":{"command":"docker","args":["run","-i","--rm","e/v"]}}}' >"$train/code/p/.vscode/mcp.json"
    printf 'mcpServers:\n  - name: b\n    command: uvx\n    args: [b==1.0]\n' >"$train/.continue/config.yaml"
    printf '[mcp_servers.c]\ncommand = "docker"\nargs = ["run", "-i", "c/d:1"]\n' >"$train/.codex/config.toml"
    mkdir -p "$train/.gemini"
    printf '{"mcpServers":{"g":{"command":"python","args":["-m","g_mod"]},"s":{"command":"bash","args":["-c","T=\\"$(op read op://v/i)\\" npx -y s-mcp --api-key k1"]}},"mcp":{"excluded":["x"]}}' >"$train/.gemini/settings.json"
    printf '<application><component name="McpApplicationServerCommands"><McpServerCommand><option name="name" value="d"/><option name="programPath" value="npx"/></McpServerCommand></component></application>' \
      >"$train/.config/JetBrains/X/options/llm.mcpServers.xml"
    # With the scan's own options, so the classes its logging and start-up load are the archived
    # ones. A static archive (the training's class list, then -Xshare:dump), not a dynamic one:
    # JDK 17 leaves Java 5 class files out of a dynamic archive, and picocli's are; the static one
    # holds them (docs/PERFORMANCE.md, "Discovery"). Dumped next to the archive, then renamed: a
    # scan started meanwhile maps the old archive or none, never half a file. A failed training
    # removes a stale archive: mapping one the JVM refuses also drops the JDK's own.
    if java -XX:DumpLoadedClassList="$work/classes" $(jvm_opts scan) -jar "$jar" \
        scan --home "$train" --os linux --format json --no-store >/dev/null 2>&1 &&
      java -Xshare:dump -XX:SharedClassListFile="$work/classes" -XX:SharedArchiveFile="$jsa.$$" \
        -XX:+UseSerialGC -cp "$jar" >/dev/null 2>&1; then
      mv -f "$jsa.$$" "$jsa"
    else
      rm -f "$jsa" "$jsa.$$"
    fi
    rm -rf "$work"
  fi
  if [ -f "$jsa" ]; then
    cds_map_opts "$jsa"
  fi
}

# Prints the JVM options that map the AppCDS archive JSA (a missing or stale one is silently not
# used). Also used by scripts/package for the installed launchers. Map the archives where they were
# dumped: this JDK build relocates them to a random address by default (ArchiveRelocationMode=1),
# which rewrites every pointer in ~28 MB of metadata on each start, about 60 ms of CPU
# (`-Xlog:cds`); mode 0 was the default before JDK 20.
# Usage: cds_map_opts JSA
cds_map_opts() {
  echo "-XX:SharedArchiveFile=$1 -Xshare:auto -XX:+UnlockDiagnosticVMOptions -XX:ArchiveRelocationMode=0"
}

# Prints the JVM options of one kind (scan or resident) from scripts/jvm-options. Read with shell
# builtins: a grep here cost the launcher a fork and about 10 ms on every scan.
# Usage: jvm_opts KIND
jvm_opts() {
  local line
  while IFS= read -r line || [ -n "$line" ]; do
    case $line in
      "$1="*) echo "${line#*=}"; return 0 ;;
    esac
  done <"$ROOT/scripts/jvm-options"
  echo "daylight: no $1= line in scripts/jvm-options" >&2
  exit 3
}

# Prints the machine's load average: every benchmark figure is read beside it (a busy machine
# slows every command, the reference one included).
load_average() {
  echo "load average: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || uptime)"
}
