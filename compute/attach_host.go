package compute

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/azureml-go/azureml/internal/arm"
	"github.com/azureml-go/azureml/internal/runfolder"
	"github.com/azureml-go/azureml/internal/store"
	"github.com/azureml-go/azureml/workspace"
)

// probeScript prints, one per line: uname -s, uname -m, the interpreter's
// --version (or "missing"), the free KiB of the home's file system, and
// whether setsid(1) is there (the run supervisor needs it).
const probeScript = `uname -s; uname -m
if v=$(%s --version 2>&1); then printf '%%s\n' "$v" | head -n 1; else echo missing; fi
df -Pk ~ | awk 'NR==2 {print $4}'
if command -v setsid >/dev/null 2>&1; then echo setsid; else echo nosetsid; fi`

// probeHost checks that the host can run jobs and describes it.
func probeHost(ctx context.Context, sh runfolder.Shell, interpreter string) (*HostInfo, error) {
	out, err := sh.Run(ctx, fmt.Sprintf(probeScript, shQuote(interpreter)))
	if err != nil {
		return nil, fmt.Errorf("compute: check host: %w", err)
	}
	lines := strings.Split(strings.TrimRight(string(out), "\n"), "\n")
	if len(lines) != 5 {
		return nil, fmt.Errorf("compute: check host: unexpected answer %q", out)
	}
	info := &HostInfo{OS: lines[0], Arch: lines[1], Python: lines[2]}
	info.FreeDiskKB, _ = strconv.ParseInt(strings.TrimSpace(lines[3]), 10, 64)
	switch {
	case info.Python == "missing":
		return nil, &HostError{Check: "interpreter", Value: interpreter,
			Reason: "not found on the host's PATH (install it, or set Interpreter in the attach configuration)"}
	case lines[4] != "setsid":
		return nil, &HostError{Check: "setsid", Value: info.OS,
			Reason: "setsid(1) is not on the host's PATH; runs need it to outlive the SSH session (install util-linux)"}
	}
	return info, nil
}

// writeRegistration records the target, failing with a *ConflictError if
// another process registered the name meanwhile.
func writeRegistration(ctx context.Context, ws *workspace.Workspace, name string, kind Kind, h hostRecord) error {
	st, err := store.Open(ctx, ws.LocalDir())
	if err != nil {
		return err
	}
	data, err := json.MarshalIndent(registration{Name: name, Kind: kind, Properties: h.properties()}, "", "  ")
	if err != nil {
		return err
	}
	return st.Update(ctx, registrationPrefix+name, func(cur []byte) ([]byte, error) {
		if cur != nil {
			var reg registration
			_ = json.Unmarshal(cur, &reg)
			return nil, &ConflictError{Name: name, Kind: reg.Kind}
		}
		return append(data, '\n'), nil
	})
}

// Detach removes the registration of the attached target name from ws.
// In a local workspace nothing on the host is touched: runs, their
// folders and cached environments stay there. In an Azure workspace it
// sends DELETE with underlyingResourceAction=Detach (the VM, cluster or
// account itself stays) and waits for the operation; [Delete] deletes the
// resource instead. A missing name is a *[NotFoundError]; "local" cannot
// be detached.
func Detach(ctx context.Context, ws *workspace.Workspace, name string) error {
	if name == LocalName {
		return &UnsupportedError{What: "detaching the local target", Hint: "it is built in"}
	}
	if ws != nil && ws.Kind() == workspace.KindAzure {
		op, err := beginDelete(ctx, ws, name, arm.UnderlyingResourceActionDetach)
		if err != nil {
			return err
		}
		_, err = op.WaitForCompletion(ctx, nil)
		return err
	}
	if ws == nil || !ws.IsLocal() {
		return &NotFoundError{Name: name, Reason: "only a local workspace holds attached targets in this version"}
	}
	st, err := store.Open(ctx, ws.LocalDir())
	if err != nil {
		return fmt.Errorf("compute: detach %q: %w", name, err)
	}
	if err := st.Delete(ctx, registrationPrefix+name); err != nil {
		if errors.Is(err, store.ErrNotFound) {
			return &NotFoundError{Name: name, Reason: "not registered in the workspace"}
		}
		return fmt.Errorf("compute: detach %q: %w", name, err)
	}
	return nil
}

// ErrConflict is matched (errors.Is) by a *[ConflictError].
var ErrConflict = errors.New("compute: target already exists")

// ConflictError reports a target name the workspace already has.
type ConflictError struct {
	Name string
	// Kind is the kind of the existing target.
	Kind Kind
}

// Error implements error.
func (e *ConflictError) Error() string {
	return fmt.Sprintf("compute: target %q already exists (kind %s): Compute with this name already exists. "+
		"Detach it first or choose another name", e.Name, e.Kind)
}

// Is reports whether target is [ErrConflict].
func (e *ConflictError) Is(target error) bool { return target == ErrConflict }

// AttachError reports an attach that failed at a stage (connect, check
// host, record). Nothing was recorded in the workspace.
type AttachError struct {
	Name  string
	Stage string
	Err   error
}

// Error implements error.
func (e *AttachError) Error() string {
	return fmt.Sprintf("compute: attach %q failed (%s): %v", e.Name, e.Stage, e.Err)
}

// Unwrap returns the underlying failure.
func (e *AttachError) Unwrap() error { return e.Err }

// HostError reports a host that fails a check of the attach.
type HostError struct {
	Check  string
	Value  string
	Reason string
}

// Error implements error.
func (e *HostError) Error() string {
	return fmt.Sprintf("compute: host check %s %q: %s", e.Check, e.Value, e.Reason)
}
