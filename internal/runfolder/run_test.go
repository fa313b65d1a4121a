package runfolder_test

import (
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/azureml-go/azureml/internal/runfolder"
)

func TestRunEnds(t *testing.T) {
	cases := []struct {
		name     string
		script   string
		state    runfolder.State
		reason   runfolder.Reason
		exitCode int
		signal   string
		lines    []string
	}{
		{"exit 0", "echo out; echo err >&2; echo done", runfolder.StateCompleted, runfolder.ReasonNone, 0, "", []string{"out", "err", "done"}},
		{"exit 3", "echo failing; exit 3", runfolder.StateFailed, runfolder.ReasonExit, 3, "", []string{"failing"}},
		{"killed", "echo dying; kill -KILL $$", runfolder.StateFailed, runfolder.ReasonExit, -1, "KILL", []string{"dying"}},
		{"no newline", "printf partial", runfolder.StateCompleted, runfolder.ReasonNone, 0, "", []string{"partial"}},
	}
	for _, sh := range shells {
		for _, tc := range cases {
			t.Run(sh+"/"+tc.name, func(t *testing.T) {
				dir := startRun(t, runfolder.Spec{Argv: []string{"sh", "-c", tc.script}}, shellPath(t, sh))
				st := waitFinal(t, dir)
				require.Equal(t, tc.state, st.State)
				require.Equal(t, tc.reason, st.Reason)
				require.Equal(t, tc.exitCode, st.ExitCode)
				require.Equal(t, tc.signal, st.Signal)
				require.False(t, st.StartTime.IsZero())
				require.False(t, st.EndTime.Before(st.StartTime))
				require.Equal(t, time.UTC, st.EndTime.Location())
				log := readLog(t, dir)
				require.Equal(t, tc.lines, scriptLines(log))
				require.Contains(t, log, "runfolder: script ended with exit status")
				require.True(t, strings.HasSuffix(log, "run "+string(tc.state)+"\n"), log)
				if tc.state == runfolder.StateCompleted {
					require.NoError(t, st.Err(dir))
					return
				}
				var re *runfolder.RunError
				require.ErrorAs(t, st.Err(dir), &re)
				require.Equal(t, tc.exitCode, re.ExitCode)
			})
		}
	}
}

func TestRunMissingProgramFails(t *testing.T) {
	dir := startRun(t, runfolder.Spec{Argv: []string{"no-such-program-xyz"}}, "")
	st := waitFinal(t, dir)
	require.Equal(t, runfolder.StateFailed, st.State)
	require.Equal(t, 127, st.ExitCode)
	require.Contains(t, readLog(t, dir), "no-such-program-xyz")
}

func TestRunOutputsInWorkDir(t *testing.T) {
	dir := startRun(t, runfolder.Spec{Argv: []string{"sh", "-c", "pwd; echo model > outputs/model.txt"}}, "")
	require.Equal(t, runfolder.StateCompleted, waitFinal(t, dir).State)
	require.Equal(t, []string{filepath.Join(dir, runfolder.WorkDir)}, scriptLines(readLog(t, dir)))
	b, err := os.ReadFile(filepath.Join(dir, runfolder.WorkDir, "outputs", "model.txt"))
	require.NoError(t, err)
	require.Equal(t, "model\n", string(b))
}

func TestNastyEnvAndArgs(t *testing.T) {
	nasty := map[string]string{
		"SPACES": "a b  c", "SQUOTE": "it's", "DQUOTE": `say "hi"`, "NEWLINE": "line1\nline2\n",
		"DOLLAR": "$HOME ${PATH} $(id) `id`", "BACKSLASH": `C:\path\n`, "QUOTED": `'\''`,
		"EMPTY": "", "DASH": "-n", "UNICODE": "héllo ✓", "GLOB": "* ? [a]", "SEMI": "a; rm -rf /tmp/x &",
	}
	for _, sh := range shells {
		t.Run(sh, func(t *testing.T) {
			spec := helperSpec(t, "dump", "arg with space", "it's", "$HOME", "", "a\nb", "-e")
			for k, v := range nasty {
				spec.Env[k] = v
			}
			dir := startRun(t, spec, shellPath(t, sh))
			st := waitFinal(t, dir)
			require.Equal(t, runfolder.StateCompleted, st.State, readLog(t, dir))
			got := readDump(t, dir)
			require.Equal(t, spec.Argv[1:], got.Args)
			for k, v := range nasty {
				require.Equal(t, v, got.Env[k], k)
			}
			require.Equal(t, dir, got.Env[runfolder.RunDirEnv])
			require.Equal(t, got.PID, got.Pgrp, "the script leads its own process group")
			require.Equal(t, got.PID, st.PGID, "status.json names the script's group")
		})
	}
}

// dump is what the "dump" helper writes to outputs/dump.json.
type dump struct {
	Args []string
	Env  map[string]string
	PID  int
	Pgrp int
}

func readDump(t *testing.T, dir string) dump {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, runfolder.WorkDir, "outputs", "dump.json"))
	require.NoError(t, err)
	var got dump
	require.NoError(t, json.Unmarshal(b, &got))
	return got
}

// TestCommandFileRunsAlone runs command.sh by hand, as a person debugging
// a run would: with no arguments it execs the program itself, with the
// spec's environment.
func TestCommandFileRunsAlone(t *testing.T) {
	for _, sh := range shells {
		t.Run(sh, func(t *testing.T) {
			spec := helperSpec(t, "dump", "a b", "it's")
			spec.Env["X"] = "$HOME"
			dir := newRun(t, spec)
			cmd := exec.Command(shellPath(t, sh), filepath.Join(dir, runfolder.CommandFile))
			cmd.Dir = filepath.Join(dir, runfolder.WorkDir)
			out, err := cmd.CombinedOutput()
			require.NoError(t, err, string(out))
			got := readDump(t, dir)
			require.Equal(t, spec.Argv[1:], got.Args)
			require.Equal(t, "$HOME", got.Env["X"])
			require.Equal(t, dir, got.Env[runfolder.RunDirEnv])
		})
	}
}

func TestTimeout(t *testing.T) {
	cases := []struct {
		name, script, signal string
	}{
		{"term", "echo started; sleep 1000", "TERM"},
		{"ignores term", "trap '' TERM; echo started; sleep 1000 & wait; wait", "KILL"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			spec := runfolder.Spec{Argv: []string{"sh", "-c", tc.script},
				Timeout: 300 * time.Millisecond, Grace: 300 * time.Millisecond}
			dir := startRun(t, spec, "")
			st := waitFinal(t, dir)
			require.Equal(t, runfolder.StateFailed, st.State)
			require.Equal(t, runfolder.ReasonTimeout, st.Reason)
			require.Equal(t, tc.signal, st.Signal)
			require.Empty(t, groupMembers(t, st.PGID))
			require.Contains(t, readLog(t, dir), "stopping the script (timeout)")
			var re *runfolder.RunError
			require.ErrorAs(t, st.Err(dir), &re)
			require.Contains(t, re.Error(), "maximum run duration")
		})
	}
}

// TestRunSurvivesClient starts the run from a separate process that exits
// as soon as Start returns; the run must still complete.
func TestRunSurvivesClient(t *testing.T) {
	dir := newRun(t, runfolder.Spec{Argv: []string{"sh", "-c", "while [ ! -e go ]; do sleep 0.01; done; echo survived"}})
	exe, err := os.Executable()
	require.NoError(t, err)
	cmd := exec.CommandContext(t.Context(), exe, dir)
	cmd.Env = append(os.Environ(), helperEnv+"=start-and-exit")
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, string(out))
	// The client is gone; the run is still going.
	st, err := runfolder.ReadStatus(t.Context(), runfolder.LocalShell{}, runfolder.LocalFS{}, dir)
	require.NoError(t, err)
	require.Equal(t, runfolder.StateRunning, st.State)
	require.NoError(t, os.WriteFile(filepath.Join(dir, runfolder.WorkDir, "go"), nil, 0o644))
	st = waitFinal(t, dir)
	require.Equal(t, runfolder.StateCompleted, st.State)
	require.Equal(t, []string{"survived"}, scriptLines(readLog(t, dir)))
}

func TestSupervisorKilled(t *testing.T) {
	dir := startRun(t, runfolder.Spec{Argv: []string{"sh", "-c", "sleep 1000 & wait"}}, "")
	st, err := runfolder.ReadStatus(t.Context(), nil, runfolder.LocalFS{}, dir)
	require.NoError(t, err)
	require.Equal(t, runfolder.StateRunning, st.State)
	proc, err := os.FindProcess(st.SupervisorPID)
	require.NoError(t, err)
	require.NoError(t, proc.Kill())

	require.Eventually(t, func() bool {
		st, err = runfolder.ReadStatus(t.Context(), nil, runfolder.LocalFS{}, dir)
		return err == nil && st.Final()
	}, 5*time.Second, 10*time.Millisecond)
	require.Equal(t, runfolder.StateFailed, st.State)
	require.Equal(t, runfolder.ReasonSupervisorDied, st.Reason)
	require.Contains(t, st.Err(dir).Error(), "supervisor")
	require.Contains(t, st.Err(dir).Error(), "died")
	require.NotEmpty(t, groupMembers(t, st.PGID), "the script outlives its supervisor")

	// Cancel still stops the orphaned script.
	require.NoError(t, runfolder.Cancel(t.Context(), runfolder.LocalShell{}, runfolder.LocalFS{}, dir, 200*time.Millisecond))
	require.Empty(t, groupMembers(t, st.PGID))
}

func TestStatusErrors(t *testing.T) {
	ctx, fsys := t.Context(), runfolder.LocalFS{}
	_, err := runfolder.ReadStatus(ctx, nil, fsys, t.TempDir())
	var nr *runfolder.NotRunFolderError
	require.ErrorAs(t, err, &nr)
	require.True(t, errors.Is(err, os.ErrNotExist))

	dir := newRun(t, runfolder.Spec{Argv: []string{"true"}})
	st, err := runfolder.ReadStatus(ctx, nil, fsys, dir)
	require.NoError(t, err)
	require.Equal(t, runfolder.StateNotStarted, st.State)
	// The supervisor creates status.json with one write: empty is not started.
	require.NoError(t, os.WriteFile(filepath.Join(dir, runfolder.StatusFile), nil, 0o644))
	st, err = runfolder.ReadStatus(ctx, nil, fsys, dir)
	require.NoError(t, err)
	require.Equal(t, runfolder.StateNotStarted, st.State)

	for _, bad := range []string{"{", `{"version":2,"state":"Running"}`, `{"version":1,"state":"Dancing"}`,
		`{"version":1,"state":"Running","start_time":"yesterday"}`} {
		require.NoError(t, os.WriteFile(filepath.Join(dir, runfolder.StatusFile), []byte(bad), 0o644))
		_, err = runfolder.ReadStatus(ctx, nil, fsys, dir)
		var fe *runfolder.FormatError
		require.ErrorAs(t, err, &fe, bad)
		require.Contains(t, err.Error(), runfolder.StatusFile)
	}
}
