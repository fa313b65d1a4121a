package runfolder

import (
	"context"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"path"
	"slices"
	"strconv"
	"strings"
	"time"
)

// The run folder's entries, relative to the run folder (see the package
// documentation for what each holds).
const (
	SpecFile       = "spec.json"
	CommandFile    = "command.sh"
	SupervisorFile = "supervisor.sh"
	StatusFile     = "status.json"
	CancelFile     = "cancel"
	WorkDir        = "wd"
	DriverLog      = "azureml-logs/70_driver_log.txt"
)

// RunDirEnv is the environment variable that holds the run folder's path
// in the script and every process it starts. Scripts may read it; the
// package uses it to recognise the run's processes.
const RunDirEnv = "AZUREML_GO_RUN_DIR"

// DefaultGrace is the time between SIGTERM and SIGKILL when [Spec.Grace]
// is zero.
const DefaultGrace = 10 * time.Second

//go:embed supervisor.sh
var supervisorScript []byte

// Spec says what a run executes.
type Spec struct {
	// Argv is the program and its arguments; Argv[0] is looked up in PATH
	// (after Env is applied) unless it contains a slash. Required.
	Argv []string
	// Env is added to the environment the supervisor inherits. Names must
	// be POSIX variable names; values may hold any byte except NUL.
	Env map[string]string
	// Timeout is the maximum run duration; when it elapses the script's
	// process group is stopped and the run is Failed with [ReasonTimeout].
	// Zero means no limit.
	Timeout time.Duration
	// Grace is how long the script has between SIGTERM and SIGKILL when
	// the timeout fires. Zero means [DefaultGrace].
	Grace time.Duration
}

// specFile is spec.json.
type specFile struct {
	Version        int               `json:"version"`
	Argv           []string          `json:"argv"`
	Env            map[string]string `json:"env,omitempty"`
	TimeoutSeconds float64           `json:"timeout_seconds"`
	GraceSeconds   float64           `json:"grace_seconds"`
	WorkDir        string            `json:"work_dir"`
	DriverLog      string            `json:"driver_log"`
}

// Validate reports the first rule that s breaks, as a [*SpecError].
func (s Spec) Validate() error {
	if len(s.Argv) == 0 || s.Argv[0] == "" {
		return &SpecError{Field: "Argv[0]", Reason: "must name a program"}
	}
	for i, a := range s.Argv {
		if strings.IndexByte(a, 0) >= 0 {
			return &SpecError{Field: fmt.Sprintf("Argv[%d]", i), Reason: "contains a NUL byte"}
		}
	}
	for _, k := range slices.Sorted(maps.Keys(s.Env)) {
		if !isName(k) {
			return &SpecError{Field: "Env", Value: k, Reason: "not a POSIX variable name ([A-Za-z_][A-Za-z0-9_]*)"}
		}
		if k == RunDirEnv {
			return &SpecError{Field: "Env", Value: k, Reason: "reserved: set by the run folder itself"}
		}
		if strings.IndexByte(s.Env[k], 0) >= 0 {
			return &SpecError{Field: fmt.Sprintf("Env[%q]", k), Reason: "value contains a NUL byte"}
		}
	}
	if s.Timeout < 0 {
		return &SpecError{Field: "Timeout", Value: s.Timeout.String(), Reason: "must be >= 0 (0: no limit)"}
	}
	if s.Grace < 0 {
		return &SpecError{Field: "Grace", Value: s.Grace.String(), Reason: "must be >= 0 (0: the default)"}
	}
	return nil
}

// Prepare makes dir a run folder for spec: it creates dir, wd/ (with
// outputs/ and logs/), azureml-logs/, and writes spec.json, command.sh and
// supervisor.sh. The caller then copies the snapshot into wd/ and calls
// [Start]. Preparing again before Start replaces the spec; after Start it
// is a [*StateError]. dir must be an absolute slash path.
func Prepare(ctx context.Context, fsys FS, dir string, spec Spec) error {
	if err := checkDir(dir); err != nil {
		return err
	}
	if err := spec.Validate(); err != nil {
		return err
	}
	if _, err := fsys.Stat(path.Join(dir, StatusFile)); err == nil {
		st, err := readStatus(ctx, fsys, dir)
		if err != nil {
			return err
		}
		return &StateError{Op: "prepare", Dir: dir, State: st.State}
	}
	for _, d := range []string{WorkDir + "/outputs", WorkDir + "/logs", path.Dir(DriverLog)} {
		if err := fsys.MkdirAll(path.Join(dir, d), 0o755); err != nil {
			return fmt.Errorf("runfolder: prepare %s: %w", dir, err)
		}
	}
	sf, err := json.MarshalIndent(newSpecFile(spec), "", "  ")
	if err != nil {
		return fmt.Errorf("runfolder: prepare %s: %w", dir, err)
	}
	files := []struct {
		name string
		data []byte
		perm fs.FileMode
	}{
		{SpecFile, append(sf, '\n'), 0o600},
		{CommandFile, commandScript(dir, spec), 0o600},
		{SupervisorFile, supervisorScript, 0o644},
	}
	for _, f := range files {
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := fsys.WriteFile(path.Join(dir, f.name), f.data, f.perm); err != nil {
			return fmt.Errorf("runfolder: prepare %s: %w", dir, err)
		}
	}
	return nil
}

// ReadSpec returns the spec that [Prepare] recorded in dir.
func ReadSpec(ctx context.Context, fsys FS, dir string) (*Spec, error) {
	sf, err := readSpecFile(ctx, fsys, dir)
	if err != nil {
		return nil, err
	}
	return &Spec{
		Argv:    sf.Argv,
		Env:     sf.Env,
		Timeout: time.Duration(sf.TimeoutSeconds * float64(time.Second)),
		Grace:   time.Duration(sf.GraceSeconds * float64(time.Second)),
	}, nil
}

func readSpecFile(ctx context.Context, fsys FS, dir string) (*specFile, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	name := path.Join(dir, SpecFile)
	b, err := fsys.ReadFile(name)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, &NotRunFolderError{Dir: dir}
	}
	if err != nil {
		return nil, fmt.Errorf("runfolder: %w", err)
	}
	var sf specFile
	if err := json.Unmarshal(b, &sf); err != nil {
		return nil, &FormatError{Path: name, Err: err}
	}
	if sf.Version != 1 {
		return nil, &FormatError{Path: name, Err: fmt.Errorf("unsupported version %d", sf.Version)}
	}
	return &sf, nil
}

func newSpecFile(s Spec) specFile {
	grace := s.Grace
	if grace == 0 {
		grace = DefaultGrace
	}
	return specFile{
		Version: 1, Argv: s.Argv, Env: s.Env,
		TimeoutSeconds: s.Timeout.Seconds(), GraceSeconds: grace.Seconds(),
		WorkDir: WorkDir, DriverLog: DriverLog,
	}
}

// commandScript is command.sh: exports, then exec of the program, every
// word single-quoted so no value is ever expanded by the shell. The exec
// is prefixed by the script's arguments ("$@"): run as `sh command.sh` it
// execs the program itself; the supervisor sources it in a subshell with
// the arguments set to `setsid [env --default-signal=...]`, which saves
// starting one shell per run.
func commandScript(dir string, s Spec) []byte {
	var b strings.Builder
	b.WriteString("# Written by runfolder.Prepare; sourced by supervisor.sh in wd/, with\n")
	b.WriteString("# \"$@\" set to the commands that put the program in a session of its own.\n")
	fmt.Fprintf(&b, "export %s=%s\n", RunDirEnv, quote(dir))
	for _, k := range slices.Sorted(maps.Keys(s.Env)) {
		fmt.Fprintf(&b, "export %s=%s\n", k, quote(s.Env[k]))
	}
	b.WriteString(`exec "$@"`)
	for _, a := range s.Argv {
		b.WriteString(" " + quote(a))
	}
	b.WriteString("\n")
	return []byte(b.String())
}

// seconds formats v seconds for sleep(1), with millisecond precision.
func seconds(v float64) string { return strconv.FormatFloat(v, 'f', 3, 64) }

func checkDir(dir string) error {
	if !path.IsAbs(dir) || path.Clean(dir) != dir || dir == "/" {
		return &SpecError{Field: "dir", Value: dir, Reason: "must be a clean absolute slash path below /"}
	}
	return nil
}

func isName(k string) bool {
	if k == "" {
		return false
	}
	for i, c := range k {
		alpha := c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
		if !alpha && (i == 0 || c < '0' || c > '9') {
			return false
		}
	}
	return true
}
