// Package envcachetest provides a conda stand-in for tests: a shell script
// that takes the command line envcache gives conda, records it, and does
// real work, so tests of system-managed environments run on machines
// without conda.
package envcachetest

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// FailPackage is a package name that makes the stand-in fail, as conda
// fails on a package it cannot resolve, after it has written part of the
// prefix.
const FailPackage = "azureml-go-unresolvable"

// Stub is an installed conda stand-in.
type Stub struct {
	// Dir holds the executable; put it first on PATH to make it "conda".
	Dir string
	// Path is the executable's path (Dir/conda).
	Path string
	// LogPath is where each invocation appends its arguments, one line.
	LogPath string
}

// script is the stand-in. It understands
// `env create --prefix P --file F [--quiet]` (conda, mamba) and
// `create --yes --prefix P --file F` (micromamba), sleeps %s seconds (so
// races overlap), fails on FailPackage, and otherwise makes P a venv of
// python3 with the system's site packages and copies F into it.
const script = `#!/bin/sh
printf '%%s\n' "$*" >> '%s'
prefix=""; file=""
while [ $# -gt 0 ]; do
  case "$1" in
    --prefix|-p) prefix="$2"; shift ;;
    --file|-f) file="$2"; shift ;;
  esac
  shift
done
if [ -z "$prefix" ] || [ ! -f "$file" ]; then
  echo "conda stand-in: need --prefix DIR and --file FILE" >&2; exit 2
fi
mkdir -p "$prefix/conda-meta"
sleep %s
if grep -q '%s' "$file"; then
  echo "ResolvePackageNotFound: - %s" >&2; exit 1
fi
'%s' -m venv --without-pip --system-site-packages "$prefix" || exit 3
cp "$file" "$prefix/environment.yml"
echo "conda stand-in: created $prefix"
`

// Install writes a stand-in named name (conda, mamba or micromamba) into a
// new temporary folder. python3 is the interpreter the environments it
// creates are based on; sleep is how long each build takes, in seconds
// (e.g. "0.3").
func Install(t testing.TB, name, python3, sleep string) *Stub {
	t.Helper()
	dir := t.TempDir()
	s := &Stub{Dir: dir, Path: filepath.Join(dir, name), LogPath: filepath.Join(dir, name+".argv")}
	body := fmt.Sprintf(script, s.LogPath, sleep, FailPackage, FailPackage, python3)
	if err := os.WriteFile(s.Path, []byte(body), 0o755); err != nil {
		t.Fatalf("envcachetest: %v", err)
	}
	return s
}

// Calls returns the argument lines of every invocation so far.
func (s *Stub) Calls(t testing.TB) []string {
	t.Helper()
	data, err := os.ReadFile(s.LogPath)
	if os.IsNotExist(err) {
		return nil
	}
	if err != nil {
		t.Fatalf("envcachetest: %v", err)
	}
	return strings.Split(strings.TrimSuffix(string(data), "\n"), "\n")
}
