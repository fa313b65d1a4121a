package experiment_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/azureml-go/azureml/compute/computetest"
	"github.com/azureml-go/azureml/experiment"
	"github.com/azureml-go/azureml/runconfig"
	"github.com/azureml-go/azureml/workspace"
)

// submitEnded submits a run of train.py in src to a mock target playing b
// and waits for its end, so that its final status is in the run index.
func submitEnded(t *testing.T, ws *workspace.Workspace, exp, src string, b *computetest.Behavior) string {
	t.Helper()
	e, err := experiment.New(ws, exp)
	require.NoError(t, err)
	cfg := &runconfig.ScriptRunConfig{SourceDirectory: src, Script: "train.py"}
	run, err := e.Submit(t.Context(), cfg, &experiment.SubmitOptions{Target: computetest.NewTarget("mock", b)})
	require.NoError(t, err)
	_, _ = run.WaitForCompletion(t.Context(), nil)
	return run.ID()
}

func TestListExperiments(t *testing.T) {
	src := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(src, "train.py"), []byte("print(1)\n"), 0o644))
	tests := []struct {
		name   string
		submit map[string][]*computetest.Behavior // experiment -> runs, in order
		want   map[string]map[experiment.Status]int
	}{
		{name: "no runs", want: map[string]map[experiment.Status]int{}},
		{name: "one experiment", submit: map[string][]*computetest.Behavior{"train": {computetest.Succeeds()}},
			want: map[string]map[experiment.Status]int{"train": {experiment.StatusCompleted: 1}}},
		{name: "two experiments, mixed outcomes",
			submit: map[string][]*computetest.Behavior{
				"mnist": {computetest.Succeeds(), computetest.Fails(errors.New("boom")), computetest.Succeeds()},
				"demo":  {computetest.Fails(errors.New("boom"))},
			},
			want: map[string]map[experiment.Status]int{
				"demo":  {experiment.StatusFailed: 1},
				"mnist": {experiment.StatusCompleted: 2, experiment.StatusFailed: 1},
			}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ws, err := workspace.Local(t.Context(), &workspace.LocalOptions{Dir: filepath.Join(t.TempDir(), "ws")})
			require.NoError(t, err)
			last := map[string]string{}
			for exp, runs := range tc.submit {
				for _, b := range runs {
					last[exp] = submitEnded(t, ws, exp, src, b)
				}
			}
			// Folders that are not experiments with runs are left out.
			require.NoError(t, os.MkdirAll(filepath.Join(ws.LocalDir(), "experiments", "empty"), 0o755))
			require.NoError(t, os.MkdirAll(filepath.Join(ws.LocalDir(), "experiments", "-not-a-name"), 0o755))

			got, err := experiment.List(t.Context(), ws)
			require.NoError(t, err)
			require.Len(t, got, len(tc.want))
			for i, s := range got {
				if i > 0 {
					require.Less(t, got[i-1].Name, s.Name, "name order")
				}
				require.Equal(t, tc.want[s.Name], s.Statuses, s.Name)
				total := 0
				for _, n := range s.Statuses {
					total += n
				}
				require.Equal(t, total, s.Runs)
				require.Equal(t, last[s.Name], s.LastRunID, "the newest run")
				require.False(t, s.LastSubmitted.IsZero())
				require.Equal(t, s.LastStatus, statusOf(t, ws, s.LastRunID))
			}
		})
	}
}

// statusOf is the recorded status of run id, as GetRun sees it.
func statusOf(t *testing.T, ws *workspace.Workspace, id string) experiment.Status {
	t.Helper()
	e, err := experiment.New(ws, mustExperiment(t, id))
	require.NoError(t, err)
	runs, err := e.ListRuns(t.Context(), nil)
	require.NoError(t, err)
	for _, r := range runs {
		if r.ID == id {
			return r.Status
		}
	}
	t.Fatalf("run %s not listed", id)
	return ""
}

func mustExperiment(t *testing.T, id string) string {
	t.Helper()
	exp, _, err := experiment.ParseRunID(id)
	require.NoError(t, err)
	return exp
}

func TestListExperimentsErrors(t *testing.T) {
	_, err := experiment.List(t.Context(), nil)
	var ve *experiment.ValidationError
	require.ErrorAs(t, err, &ve)
	require.Equal(t, "workspace", ve.Field)

	ws, err := workspace.Local(t.Context(), &workspace.LocalOptions{Dir: filepath.Join(t.TempDir(), "ws")})
	require.NoError(t, err)
	require.NoError(t, os.MkdirAll(filepath.Join(ws.LocalDir(), "experiments", "train"), 0o755))
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	_, err = experiment.List(ctx, ws)
	require.ErrorIs(t, err, context.Canceled)
}

// Listing the experiments of a workspace with their run counts.
func ExampleList() {
	ctx := context.Background()
	tmp, _ := os.MkdirTemp("", "example-")
	defer os.RemoveAll(tmp)
	src := filepath.Join(tmp, "src")
	_ = os.MkdirAll(src, 0o755)
	_ = os.WriteFile(filepath.Join(src, "train.py"), []byte("print('hello')\n"), 0o644)
	ws, err := workspace.Local(ctx, &workspace.LocalOptions{Dir: filepath.Join(tmp, "ws")})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, name := range []string{"mnist", "demo", "mnist"} {
		exp, _ := experiment.New(ws, name)
		cfg := &runconfig.ScriptRunConfig{SourceDirectory: src, Script: "train.py"}
		run, err := exp.Submit(ctx, cfg, &experiment.SubmitOptions{Target: computetest.NewTarget("mock", computetest.Succeeds())})
		if err != nil {
			fmt.Println(err)
			return
		}
		_, _ = run.WaitForCompletion(ctx, nil)
	}
	exps, err := experiment.List(ctx, ws)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, s := range exps {
		fmt.Println(s.Name, s.Runs, s.LastStatus)
	}
	// Output:
	// demo 1 Completed
	// mnist 2 Completed
}
