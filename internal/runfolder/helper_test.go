package runfolder_test

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/azureml-go/azureml/internal/runfolder"
	"github.com/azureml-go/azureml/internal/testenv"
)

// helperEnv selects a helper mode of the test binary (see TestMain).
const helperEnv = "RUNFOLDER_TEST_HELPER"

// TestMain lets the test binary play other programs: a client that starts
// a run and exits at once, a script that dumps its argv and environment,
// and a script that prints timestamps for the latency benchmark.
func TestMain(m *testing.M) {
	switch os.Getenv(helperEnv) {
	case "":
		os.Exit(m.Run())
	case "start-and-exit": // argv: dir
		ctx := context.Background()
		if _, err := runfolder.Start(ctx, runfolder.LocalShell{}, runfolder.LocalFS{}, os.Args[1], nil); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		os.Exit(0)
	case "dump": // writes outputs/dump.json with argv and environment
		env := map[string]string{}
		for _, kv := range os.Environ() {
			k, v, _ := strings.Cut(kv, "=")
			env[k] = v
		}
		b, _ := json.Marshal(map[string]any{"args": os.Args[1:], "env": env, "pid": os.Getpid(), "pgrp": syscall.Getpgrp()})
		os.Exit(map[bool]int{true: 0, false: 1}[os.WriteFile("outputs/dump.json", b, 0o644) == nil])
	case "ticker": // argv: count, then one interval per line (ms), cycled
		n, _ := strconv.Atoi(os.Args[1])
		for i := range n {
			ms, _ := strconv.Atoi(os.Args[2+i%(len(os.Args)-2)])
			time.Sleep(time.Duration(ms) * time.Millisecond)
			fmt.Printf("tick %d %d\n", i, time.Now().UnixNano())
		}
		os.Exit(0)
	}
}

// helperSpec returns a spec that runs this test binary in a helper mode.
func helperSpec(t testing.TB, mode string, args ...string) runfolder.Spec {
	exe, err := os.Executable()
	require.NoError(t, err)
	return runfolder.Spec{Argv: append([]string{exe}, args...), Env: map[string]string{helperEnv: mode}}
}

// newRun prepares a run folder for spec in a fresh temporary folder.
func newRun(t testing.TB, spec runfolder.Spec) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "run")
	require.NoError(t, runfolder.Prepare(context.Background(), runfolder.LocalFS{}, dir, spec))
	return dir
}

// startRun prepares and starts a run, with the supervisor under interp
// ("" for /bin/sh).
func startRun(t testing.TB, spec runfolder.Spec, interp string) string {
	t.Helper()
	dir := newRun(t, spec)
	pid, err := runfolder.Start(context.Background(), runfolder.LocalShell{}, runfolder.LocalFS{}, dir,
		&runfolder.StartOptions{Interpreter: interp})
	require.NoError(t, err)
	require.Positive(t, pid)
	return dir
}

// waitFinal waits (at most 30 s) for the run to end.
func waitFinal(t testing.TB, dir string) *runfolder.Status {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	st, err := runfolder.Wait(ctx, runfolder.LocalShell{}, runfolder.LocalFS{}, dir)
	require.NoError(t, err)
	require.True(t, st.Final(), "state %s", st.State)
	return st
}

// readLog returns the whole driver log.
func readLog(t testing.TB, dir string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, runfolder.DriverLog))
	require.NoError(t, err)
	return string(b)
}

// scriptLines returns the log's lines that the script wrote (the
// supervisor's own lines start with "[").
func scriptLines(log string) []string {
	var out []string
	for _, l := range strings.Split(strings.TrimSuffix(log, "\n"), "\n") {
		if !strings.HasPrefix(l, "[") {
			out = append(out, l)
		}
	}
	return out
}

// groupMembers lists the live (non-zombie) processes of process group
// pgid, from /proc.
func groupMembers(t testing.TB, pgid int) []int {
	t.Helper()
	stats, err := filepath.Glob("/proc/[0-9]*/stat")
	require.NoError(t, err)
	var pids []int
	for _, f := range stats {
		b, err := os.ReadFile(f)
		if err != nil {
			continue // exited meanwhile
		}
		fields := strings.Fields(string(b[strings.LastIndexByte(string(b), ')')+1:]))
		if len(fields) > 2 && fields[0] != "Z" && fields[2] == strconv.Itoa(pgid) {
			pid, _ := strconv.Atoi(filepath.Base(filepath.Dir(f)))
			pids = append(pids, pid)
		}
	}
	return pids
}

// shells are the interpreters the supervisor is tested under: sh (dash on
// Debian) and bash.
var shells = []string{"sh", "bash"}

// shellPath returns the interpreter for a name of shells; bash is an
// integration tool (see testenv).
func shellPath(t *testing.T, name string) string {
	if name == "sh" {
		return "/bin/sh"
	}
	return testenv.LookPath(t, name)
}
