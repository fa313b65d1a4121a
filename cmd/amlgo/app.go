package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"slices"

	"github.com/azureml-go/azureml/compute"
	"github.com/azureml-go/azureml/workspace"
)

// Output formats of --output.
const (
	formatTable = "table"
	formatJSON  = "json"
	formatYAML  = "yaml"
)

// app is one invocation of amlgo: its standard streams, environment and
// global flags.
type app struct {
	stdout, stderr io.Writer
	// tty is true when stdout is a terminal (progress lines are rewritten
	// in place), false when it is a pipe or a file (plain lines).
	tty    bool
	ttyErr bool
	getenv func(string) string

	output     string
	quiet      bool
	verbose    bool
	wsDir      string
	configPath string
}

// globalFlags declares the flags every command takes; --output only on
// commands that print data.
func (a *app) globalFlags(f *flags, data bool) {
	a.output = formatTable
	if data {
		f.str(&a.output, "output", "o", "FORMAT", formatTable, "output format: table, json or yaml")
	}
	f.boolean(&a.quiet, "quiet", "q", "print no progress and no streamed log, only the result and errors")
	f.boolean(&a.verbose, "verbose", "v", "trace SSH connections and Azure HTTP requests on stderr (secrets redacted), and show whole errors")
	f.str(&a.wsDir, "workspace-dir", "", "DIR", "", "local workspace folder (default: the config's local_dir, $AZUREML_GO_HOME, else the default local workspace)")
	f.str(&a.configPath, "config", "", "PATH", "", "config.json, or the folder to search it from (default: the current folder and its parents)")
}

// checkGlobals validates the global flags after parsing.
func (a *app) checkGlobals(path string) error {
	if !slices.Contains([]string{formatTable, formatJSON, formatYAML}, a.output) {
		return &usageError{cmd: path, msg: fmt.Sprintf("--output %q: must be table, json or yaml", a.output)}
	}
	return nil
}

// workspace opens the workspace the config (or its absence) names, as
// workspace.FromConfig does; an Azure one reaches Azure as the
// environment says (see azureOptions).
func (a *app) workspace(ctx context.Context) (*workspace.Workspace, error) {
	az, err := a.azureOptions()
	if err != nil {
		return nil, err
	}
	return workspace.FromConfig(ctx, a.configPath, &workspace.FromConfigOptions{LocalDir: a.wsDir, Azure: az})
}

// logger is the trace logger of --verbose (nil otherwise).
func (a *app) logger() *slog.Logger {
	if !a.verbose {
		return nil
	}
	return slog.New(slog.NewTextHandler(a.stderr, &slog.HandlerOptions{Level: slog.LevelDebug}))
}

// sshOptions are the SSH options of remote targets: a trace logger under
// --verbose.
func (a *app) sshOptions() *compute.SSHOptions {
	if l := a.logger(); l != nil {
		return &compute.SSHOptions{Logger: l}
	}
	return nil
}

// progressOut is where streamed logs and progress go: stdout for tables,
// stderr when stdout carries JSON or YAML, nowhere with --quiet.
func (a *app) progressOut() io.Writer {
	switch {
	case a.quiet:
		return nil
	case a.output == formatTable:
		return a.stdout
	}
	return a.stderr
}

// isTerminal reports whether f is a character device (a terminal).
func isTerminal(f *os.File) bool {
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	a := &app{stdout: os.Stdout, stderr: os.Stderr, tty: isTerminal(os.Stdout), ttyErr: isTerminal(os.Stderr), getenv: os.Getenv}
	code := a.main(ctx, os.Args[1:])
	stop()
	os.Exit(code)
}

// main runs args and returns the exit code, having reported any error.
func (a *app) main(ctx context.Context, args []string) int {
	if len(args) > 0 && args[0] == completeCommand {
		a.complete(rootCommand(), args[1:])
		return exitOK
	}
	err := a.execute(ctx, rootCommand(), args)
	if err == nil {
		return exitOK
	}
	return a.report(err)
}
