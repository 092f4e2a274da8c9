#!/usr/bin/env bash
# Builds Pairlab's self-contained app image and .deb with JDK 17's jpackage: a trimmed Java runtime
# (with jdk.compiler, which code labeling functions need), the app jar, and its libraries: JavaFX
# with its Linux natives, SQLite JDBC (bundles its native library), DJL with the PyTorch CPU native,
# and the Hugging Face tokenizers native. Output: target/installer/pairlab (app image) and
# target/installer/pairlab_VERSION_amd64.deb.
#   installer/build.sh            app image and .deb
#   installer/build.sh --check    also installs the .deb into a scratch root and runs it
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$here/.."
version="0.1.0"
out="$root/target/installer"

mvn -f "$root/pom.xml" -q -B -DskipTests package
rm -rf "$out"
mkdir -p "$out/input"
cp "$root/target/pairlab.jar" "$out/input/"
cp -r "$root/target/lib" "$out/input/lib"

# Modules the app needs (jdeps --print-module-deps) plus jdk.compiler for code LFs, jdk.management
# for the LF allocation watch, and the locale data for readable numbers.
modules="java.base,java.compiler,java.desktop,java.management,java.prefs,java.sql,java.logging,java.naming,java.xml,jdk.jfr,jdk.unsupported,jdk.compiler,jdk.management,jdk.zipfs,jdk.localedata"
common=(--name pairlab --app-version "$version" --vendor "Pairlab" --input "$out/input" --main-jar pairlab.jar
        --main-class dev.pairlab.ui.Main --add-modules "$modules"
        --java-options "-Dai.djl.offline=true" --java-options "-Xss4m"
        --description "Weak supervision of RLHF preference data"
        --add-launcher "pairlab-gui=$here/pairlab-gui.properties"
        # jpackage's default also strips bin/java, which code LFs need: each runs in a worker JVM (decision 0013).
        --jlink-options "--strip-debug --no-header-files --no-man-pages")

jpackage --type app-image --dest "$out" "${common[@]}"
jpackage --type deb --dest "$out" "${common[@]}" --linux-shortcut --linux-menu-group "Science" --linux-app-category science \
         --linux-package-name pairlab --resource-dir "$here/linux"
ls -la "$out"

if [ "${1:-}" = "--check" ]; then
  scratch="$(mktemp -d)"
  dpkg-deb -x "$out"/pairlab_*_amd64.deb "$scratch"
  "$scratch/opt/pairlab/bin/pairlab" --version
  "$scratch/opt/pairlab/bin/pairlab" formats
  check() { if "${@:2}"; then echo "ok: $1"; else echo "FAILED: $1" >&2; exit 1; fi; }
  check "bin/pairlab-gui has the GUI's GC pause target" grep -q "MaxGCPauseMillis=10" "$scratch/opt/pairlab/lib/app/pairlab-gui.cfg"
  check "bin/pairlab (the command line) keeps the default" bash -c "! grep -q MaxGCPauseMillis '$scratch/opt/pairlab/lib/app/pairlab.cfg'"
  check "the desktop entry starts bin/pairlab-gui" grep -q "^Exec=/opt/pairlab/bin/pairlab-gui" "$scratch/opt/pairlab/lib/pairlab-pairlab.desktop"
  check "the second launcher's entry is hidden from menus" grep -q "^NoDisplay=true" "$scratch/opt/pairlab/lib/pairlab-pairlab-gui.desktop"
  check "the runtime has bin/java for code LFs' worker processes" test -x "$scratch/opt/pairlab/lib/runtime/bin/java"
  p="$scratch/check.pairlab"
  printf 'return p.delta("length") > 0 ? B : A;\n' > "$scratch/lf.java"
  "$scratch/opt/pairlab/bin/pairlab" new "$p" >/dev/null
  "$scratch/opt/pairlab/bin/pairlab" import "$p" "$root/../shared/data/dfki-weak-supervision-rlhf/MT-BENCH-evaluation-set.jsonl" -q
  "$scratch/opt/pairlab/bin/pairlab" lf add "$p" longer --kind code --file "$scratch/lf.java" --trust-code >/dev/null
  check "a code LF runs in its worker process" bash -c "'$scratch/opt/pairlab/bin/pairlab' lf stats '$p' --json -q | grep -q '\"coverage\":1.0'"
  echo "installed into $scratch (desktop entry: $(ls "$scratch"/opt/pairlab/lib/*.desktop 2>/dev/null || echo none))"
fi
