package runfolder_test

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/azureml-go/azureml/internal/runfolder"
)

// Example prepares a run folder, starts the script detached, and streams
// its driver log until the run ends.
func Example() {
	ctx := context.Background()
	root, err := os.MkdirTemp("", "runfolder-example")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer os.RemoveAll(root)
	dir := filepath.Join(root, "run")
	fsys, sh := runfolder.LocalFS{}, runfolder.LocalShell{}

	spec := runfolder.Spec{
		Argv: []string{"sh", "-c", `echo "training with lr=$LR"; echo 0.93 > outputs/accuracy`},
		Env:  map[string]string{"LR": "0.1"},
	}
	if err := runfolder.Prepare(ctx, fsys, dir, spec); err != nil {
		fmt.Println(err)
		return
	}
	// (Copy the snapshot into dir/wd here.)
	if _, err := runfolder.Start(ctx, sh, fsys, dir, nil); err != nil {
		fmt.Println(err)
		return
	}
	var log strings.Builder
	_, st, err := runfolder.Follow(ctx, fsys, dir, 0, &log, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	sc := bufio.NewScanner(strings.NewReader(log.String()))
	for sc.Scan() {
		if !strings.HasPrefix(sc.Text(), "[") { // skip the supervisor's timestamped lines
			fmt.Println(sc.Text())
		}
	}
	acc, _ := os.ReadFile(filepath.Join(dir, runfolder.WorkDir, "outputs", "accuracy"))
	fmt.Println(st.State, st.ExitCode, strings.TrimSpace(string(acc)))
	// Output:
	// training with lr=0.1
	// Completed 0 0.93
}

// ExampleCancel stops a running script and its children.
func ExampleCancel() {
	ctx := context.Background()
	root, err := os.MkdirTemp("", "runfolder-example")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer os.RemoveAll(root)
	dir := filepath.Join(root, "run")
	fsys, sh := runfolder.LocalFS{}, runfolder.LocalShell{}

	spec := runfolder.Spec{Argv: []string{"sh", "-c", "sleep 1000 & sleep 1000; wait"}}
	if err := runfolder.Prepare(ctx, fsys, dir, spec); err != nil {
		fmt.Println(err)
		return
	}
	if _, err := runfolder.Start(ctx, sh, fsys, dir, nil); err != nil {
		fmt.Println(err)
		return
	}
	if err := runfolder.Cancel(ctx, sh, fsys, dir, 5*time.Second); err != nil {
		fmt.Println(err)
		return
	}
	st, err := runfolder.ReadStatus(ctx, sh, fsys, dir)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(st.State, st.Signal)
	fmt.Println(st.Err(dir) != nil)
	// Output:
	// Canceled TERM
	// true
}

// ExampleSpec_Validate shows the typed error for a bad environment name.
func ExampleSpec_Validate() {
	err := runfolder.Spec{Argv: []string{"python"}, Env: map[string]string{"MY-VAR": "1"}}.Validate()
	fmt.Println(err)
	// Output:
	// runfolder: Env "MY-VAR": not a POSIX variable name ([A-Za-z_][A-Za-z0-9_]*)
}

// ExampleHostProbe shares one probe across the starts on a host, so the
// supervisor's check of env(1) runs once, not once per run.
func ExampleHostProbe() {
	ctx := context.Background()
	root, err := os.MkdirTemp("", "runfolder-probe")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer os.RemoveAll(root)
	fsys, sh := runfolder.LocalFS{}, runfolder.LocalShell{}
	probe := &runfolder.HostProbe{}
	probe.Probe(ctx, sh) // optional: probe now, while other work goes on
	for i := range 2 {
		dir := filepath.Join(root, fmt.Sprint("run", i))
		spec := runfolder.Spec{Argv: []string{"sh", "-c", fmt.Sprint("exit ", i)}}
		if err := runfolder.Prepare(ctx, fsys, dir, spec); err != nil {
			fmt.Println(err)
			return
		}
		if _, err := runfolder.Start(ctx, sh, fsys, dir, &runfolder.StartOptions{Probe: probe}); err != nil {
			fmt.Println(err)
			return
		}
		st, err := runfolder.Wait(ctx, sh, fsys, dir)
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Println(st.State, st.ExitCode)
	}
	// Output:
	// Completed 0
	// Failed 1
}
