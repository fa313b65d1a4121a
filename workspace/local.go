package workspace

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"

	"github.com/azureml-go/azureml/internal/store"
)

// HomeEnv is the environment variable that, when set, names the folder of
// the default local workspace.
const HomeEnv = "AZUREML_GO_HOME"

// Folders a local workspace creates beside the store layout.
const (
	envsDir = "envs"
	runsDir = "runs"
)

// LocalOptions configures [Local]. A nil *LocalOptions means defaults.
type LocalOptions struct {
	// Dir is the workspace folder; "" means [DefaultLocalDir].
	Dir string
}

// Local opens the local workspace, creating its folder and layout when
// missing (see the package documentation). Opening is idempotent and safe
// while other processes open or use the same folder. A non-empty folder
// that is not a workspace is refused rather than filled.
func Local(ctx context.Context, opts *LocalOptions) (*Workspace, error) {
	dir := ""
	if opts != nil {
		dir = opts.Dir
	}
	if dir == "" {
		d, err := DefaultLocalDir()
		if err != nil {
			return nil, err
		}
		dir = d
	}
	return openLocal(ctx, dir, "")
}

func openLocal(ctx context.Context, dir, configPath string) (*Workspace, error) {
	s, err := store.Open(ctx, dir)
	if err != nil {
		return nil, fmt.Errorf("workspace: local workspace %s: %w", dir, err)
	}
	for _, sub := range []string{envsDir, runsDir} {
		if err := os.MkdirAll(filepath.Join(s.Dir(), sub), 0o755); err != nil {
			return nil, fmt.Errorf("workspace: local workspace: %w", err)
		}
	}
	return &Workspace{kind: KindLocal, name: LocalName, localDir: s.Dir(), configPath: configPath}, nil
}

// DefaultLocalDir returns the folder of the default local workspace:
// $AZUREML_GO_HOME when set; otherwise, on macOS,
// ~/Library/Application Support/azureml-go; elsewhere
// $XDG_DATA_HOME/azureml-go when XDG_DATA_HOME is an absolute path, else
// ~/.local/share/azureml-go. It reads the environment on every call.
func DefaultLocalDir() (string, error) {
	if dir := os.Getenv(HomeEnv); dir != "" {
		return filepath.Abs(dir)
	}
	if xdg := os.Getenv("XDG_DATA_HOME"); runtime.GOOS != "darwin" && filepath.IsAbs(xdg) {
		return filepath.Join(xdg, "azureml-go"), nil
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "", fmt.Errorf("workspace: default local folder: set %s: %w", HomeEnv, err)
	}
	if runtime.GOOS == "darwin" {
		return filepath.Join(home, "Library", "Application Support", "azureml-go"), nil
	}
	return filepath.Join(home, ".local", "share", "azureml-go"), nil
}
