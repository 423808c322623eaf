# Used by scripts/package: the installed Linux commands. Each is a POSIX sh script that execs the
# bundled runtime's own java with the options of scripts/jvm-options and a class path, as
# scripts/daylight runs a source checkout. Not jpackage's launcher: JDK 17's Linux launcher asks the
# package managers who owns it on every start (`rpm -qf`, `dpkg -S`, `dpkg -L`, each through sh) to
# find its libapplauncher.so, some 170 ms before the JVM starts (docs/PERFORMANCE.md, "Packages").
# The paths in the scripts are where the package installs: the .deb and .rpm both install /opt/NAME.
# Callers set WORK, APP_INPUT, KEEP_SQLITE (sqlite-jdbc's folder of this platform's library) and
# TRAY_MAIN (empty: no tray), and source scripts/lib.sh.

# Prints the class path of JAR (a jar of APP_INPUT) as the installed app folder DIR holds it: JAR,
# then its manifest's Class-Path in that order, as `java -jar` reads it in a source checkout.
# The manifest names lib/NAME-VERSION[-CLASSIFIER].jar; the app folder holds NAME[-CLASSIFIER].jar.
# Usage: manifest_class_path JAR DIR
manifest_class_path() {
  local jar=$1 dir=$2 entry file cp
  mkdir -p "$WORK/manifest/$jar"
  (cd "$WORK/manifest/$jar" && jar xf "$APP_INPUT/$jar" META-INF/MANIFEST.MF)
  cp="$dir/$jar"
  for entry in $(tr -d '\r' < "$WORK/manifest/$jar/META-INF/MANIFEST.MF" \
      | awk '/^Class-Path: /{cp=substr($0,13); on=1; next} on&&/^ /{cp=cp substr($0,2); next} {on=0} END{print cp}'); do
    file=$(basename "$entry" | sed -E 's/-[0-9][0-9A-Za-z.]*(-SNAPSHOT)?(-[a-z][a-z0-9]*)?\.jar$/\2.jar/')
    [ -f "$APP_INPUT/$file" ] || die "$jar's Class-Path names $entry, but no $file is packaged"
    cp="$cp:$dir/$file"
  done
  echo "$cp"
}

# Stops packaging when a word for the launcher NAME would need quoting: options and class paths
# are written into the scripts unquoted.
# Usage: plain_words NAME WORD...
plain_words() {
  local name=$1 word
  shift
  for word in "$@"; do
    case $word in *[!A-Za-z0-9_.,:=/+-]*) die "$name: '$word' would need quoting in a launcher" ;; esac
  done
}

# Writes the command bin/NAME of the app folder APPDIR. The options and class path are written
# unquoted, so each must be one word of plain characters.
# Usage: write_launcher APPDIR NAME JAVA OPTIONS CLASSPATH MAIN [PRELUDE]
write_launcher() {
  local appdir=$1 name=$2 java=$3 opts=$4 cp=$5 main=$6 prelude=${7:-}
  plain_words "$name" $opts $cp $main
  {
    echo '#!/bin/sh'
    echo "# $name, written by scripts/package (scripts/lib/launchers.sh) from scripts/jvm-options."
    [ -z "$prelude" ] || printf '%s\n' "$prelude"
    printf 'exec %s %s -cp %s %s "$@"\n' "$java" "$opts" "$cp" "$main"
  } > "$appdir/bin/$name"
  chmod 0755 "$appdir/bin/$name"
}

# Writes bin/daylight-train of the app folder APPDIR: bin/daylight's command with its arguments,
# which lists the classes it loads, then a static class-data archive of them written to ARCHIVE
# (dumped next to it, then renamed: a scan child of a running service maps the old one or none). Static, not dumped at exit: JDK 17 leaves Java 5 class files such
# as picocli's out of a dynamic archive (docs/PERFORMANCE.md, "Discovery").
# Usage: write_trainer APPDIR JAVA OPTIONS CLASSPATH ARCHIVE
write_trainer() {
  local appdir=$1 java=$2 opts=$3 cp=$4 archive=$5
  plain_words daylight-train $opts $cp $archive
  {
    echo '#!/bin/sh'
    echo "# daylight-train, written by scripts/package (scripts/lib/launchers.sh) from scripts/jvm-options."
    echo 'set -e'
    echo 'work=$(mktemp -d)'
    printf 'trap '"'"'rm -rf "$work" %s.new'"'"' EXIT\n' "$archive"
    printf '%s %s -XX:DumpLoadedClassList="$work/classes" -cp %s dev.daylight.agent.cli.Main "$@"\n' "$java" "$opts" "$cp"
    printf '%s -Xshare:dump -XX:SharedClassListFile="$work/classes" -XX:SharedArchiveFile=%s.new -XX:+UseSerialGC -cp %s\n' "$java" "$archive" "$cp"
    printf 'mv -f %s.new %s\n' "$archive" "$archive"
  } > "$appdir/bin/daylight-train"
  chmod 0755 "$appdir/bin/daylight-train"
}

# Replaces jpackage's launcher in the app folder APPDIR, which installs to INSTALLED, by scripts:
#   bin/daylight        the CLI, with the scan's options and the agent's class-data archive
#   bin/daylight-train  the same, then dumping that archive (integrate.sh runs it at install)
#   bin/daylight-agentd `run`, the resident watcher, with its own small options; its scan children
#                       are the runtime's java again (platform.Relaunch) with the scan's options
#                       and the archive, from DAYLIGHT_CHILD_JAVA_OPTS as scripts/daylight sets it
#   bin/daylight-tray   both tray processes (the icon, and the window it starts the same way)
# The agent's launchers share one class path: the archive holds it and is only used with it.
# SQLite's native library is unpacked here, once, into lib/native: sqlite-jdbc otherwise writes it
# from its jar into the temp folder at every start of a process that opens a store (about 40 ms of a
# storing scan, docs/PERFORMANCE.md "Packages").
# Usage: write_linux_launchers APPDIR INSTALLED
write_linux_launchers() {
  local appdir=$1 installed=$2 java agent_cp archive scan sqlite
  java="$installed/lib/runtime/bin/java"
  [ -x "$appdir/lib/runtime/bin/java" ] || die "the runtime has no bin/java for the launchers"
  rm -f "$appdir"/bin/* "$appdir"/lib/app/*.cfg "$appdir"/lib/libapplauncher.so
  mkdir -p "$WORK/sqlite-native" "$appdir/lib/native"
  (cd "$WORK/sqlite-native" && jar xf "$APP_INPUT/sqlite-jdbc.jar" "org/sqlite/native/$KEEP_SQLITE/libsqlitejdbc.so")
  install -m 0644 "$WORK/sqlite-native/org/sqlite/native/$KEEP_SQLITE/libsqlitejdbc.so" "$appdir/lib/native/" \
    || die "sqlite-jdbc.jar has no libsqlitejdbc.so for $KEEP_SQLITE"
  sqlite="-Dorg.sqlite.lib.path=$installed/lib/native -Dorg.sqlite.lib.name=libsqlitejdbc.so"
  agent_cp=$(manifest_class_path daylight-agent.jar "$installed/lib/app")
  archive="$installed/lib/app/daylight.jsa"
  # Each kind's options read on its own line: a missing kind then stops packaging (set -e), which
  # it would not as one of several substitutions in an argument.
  local scan_opts resident_opts tray_opts
  scan_opts=$(jvm_opts scan)
  resident_opts=$(jvm_opts resident)
  tray_opts=$(jvm_opts tray)
  scan="$scan_opts $(cds_map_opts "$archive") $sqlite"
  write_launcher "$appdir" daylight "$java" "$scan" "$agent_cp" dev.daylight.agent.cli.Main
  write_trainer "$appdir" "$java" "$scan_opts $sqlite" "$agent_cp" "$archive"
  write_launcher "$appdir" daylight-agentd "$java" "$resident_opts" "$agent_cp" dev.daylight.agent.cli.Main \
    "DAYLIGHT_CHILD_JAVA_OPTS=\${DAYLIGHT_CHILD_JAVA_OPTS:-$scan}
export DAYLIGHT_CHILD_JAVA_OPTS"
  if [ -n "$TRAY_MAIN" ]; then
    # GTK would probe OpenGL for the window's visual even with JavaFX's software pipeline (as in
    # scripts/daylight-tray).
    write_launcher "$appdir" daylight-tray "$java" "$tray_opts $sqlite" \
      "$(manifest_class_path daylight-ui.jar "$installed/lib/app")" "$TRAY_MAIN" \
      'GDK_GL=${GDK_GL:-disable}
export GDK_GL'
  fi
}
