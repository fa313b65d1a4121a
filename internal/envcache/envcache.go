package envcache

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"
)

// Spec is what the cache needs of an environment definition;
// *conda.Dependencies is one.
type Spec interface {
	// Hash is a stable content hash: equal specs have equal hashes.
	Hash() string
	// Save writes the conda environment file to path.
	Save(path string) error
}

// LockFunc takes a named inter-process lock, waiting for it until ctx is
// done, and returns the function that releases it.
type LockFunc func(ctx context.Context, name string) (release func() error, err error)

// Options configure a Cache. The zero value (or nil) uses the defaults.
type Options struct {
	// Command is the conda-compatible tool: a path, or a name looked up on
	// PATH. Empty means the first of conda, mamba and micromamba on PATH.
	Command string
	// Output receives the tool's output while it builds. Nil discards it
	// (the end of it is still kept for a *BuildError).
	Output io.Writer
}

// Cache is a folder of built environments. It holds no open files and is
// safe for concurrent use.
type Cache struct {
	dir  string
	lock LockFunc
	opts Options
}

// New returns the cache in folder dir (created when first needed). lock
// takes the inter-process lock that serializes builds of one hash.
func New(dir string, lock LockFunc, opts *Options) *Cache {
	c := &Cache{dir: dir, lock: lock}
	if opts != nil {
		c.opts = *opts
	}
	return c
}

// Env is a ready environment.
type Env struct {
	// Hash is the spec's content hash, the environment's name in the cache.
	Hash string
	// Prefix is the environment's real folder (where conda built it).
	Prefix string
	// Python is Prefix/bin/python.
	Python string
	// Built is true when this call ran the tool, false when the
	// environment came from the cache.
	Built bool
	// Tool is the tool that built it (empty when Built is false).
	Tool string
	// Duration is how long Ensure took, lock wait and build included.
	Duration time.Duration
}

// Lookup returns the published environment of hash, or an error matching
// fs.ErrNotExist when there is none. It never builds.
func (c *Cache) Lookup(hash string) (*Env, error) {
	if err := checkHash(hash); err != nil {
		return nil, err
	}
	prefix, err := filepath.EvalSymlinks(filepath.Join(c.dir, hash))
	if err != nil {
		return nil, fmt.Errorf("envcache: environment %s: %w", hash, err)
	}
	py := filepath.Join(prefix, "bin", "python")
	if _, err := os.Stat(py); err != nil {
		return nil, fmt.Errorf("envcache: environment %s: %w", hash, err)
	}
	return &Env{Hash: hash, Prefix: prefix, Python: py}, nil
}

// Ensure returns the environment of spec, building it first when the
// cache lacks it. Concurrent calls (in any process) for one hash build it
// once. A cached environment is returned without looking for a tool.
func (c *Cache) Ensure(ctx context.Context, spec Spec) (*Env, error) {
	start := time.Now()
	hash := spec.Hash()
	if env, err := c.Lookup(hash); err == nil {
		env.Duration = time.Since(start)
		return env, nil
	} else if !errors.Is(err, os.ErrNotExist) {
		return nil, err
	}
	tool, err := FindTool(c.opts.Command)
	if err != nil {
		return nil, err
	}
	release, err := c.lock(ctx, "envs/"+hash)
	if err != nil {
		return nil, fmt.Errorf("envcache: lock environment %s: %w", hash, err)
	}
	defer func() { _ = release() }()
	env, err := c.Lookup(hash) // another process may have built it meanwhile
	if err != nil {
		if env, err = c.build(ctx, tool, hash, spec); err != nil {
			return nil, err
		}
	}
	env.Duration = time.Since(start)
	return env, nil
}

// build runs the tool into a fresh prefix and publishes it. The caller
// holds the hash's lock.
func (c *Cache) build(ctx context.Context, tool, hash string, spec Spec) (*Env, error) {
	builds := filepath.Join(c.dir, ".builds")
	if err := os.MkdirAll(builds, 0o755); err != nil {
		return nil, fmt.Errorf("envcache: %w", err)
	}
	removeStale(builds, hash)
	name := hash + "-" + randomSuffix()
	prefix := filepath.Join(builds, name)
	yml := prefix + ".yml"
	if err := spec.Save(yml); err != nil {
		return nil, fmt.Errorf("envcache: write environment file %s: %w", yml, err)
	}
	if err := runTool(ctx, tool, prefix, yml, c.opts.Output); err != nil {
		_ = os.RemoveAll(prefix)
		return nil, &BuildError{Hash: hash, Tool: tool, Err: err}
	}
	py := filepath.Join(prefix, "bin", "python")
	if _, err := os.Stat(py); err != nil {
		_ = os.RemoveAll(prefix)
		return nil, &BuildError{Hash: hash, Tool: tool, Err: fmt.Errorf("no bin/python in the built prefix: %w", err)}
	}
	if err := publish(c.dir, hash, name); err != nil {
		return nil, err
	}
	return &Env{Hash: hash, Prefix: prefix, Python: py, Built: true, Tool: tool}, nil
}

// publish atomically points <dir>/<hash> at .builds/<name>.
func publish(dir, hash, name string) error {
	tmp := filepath.Join(dir, ".builds", name+".link")
	_ = os.Remove(tmp)
	if err := os.Symlink(filepath.Join(".builds", name), tmp); err != nil {
		return fmt.Errorf("envcache: publish environment %s: %w", hash, err)
	}
	if err := os.Rename(tmp, filepath.Join(dir, hash)); err != nil {
		_ = os.Remove(tmp)
		return fmt.Errorf("envcache: publish environment %s: %w", hash, err)
	}
	return nil
}

// removeStale deletes what failed or interrupted builds of hash left in
// builds. The caller holds the hash's lock and the hash is unpublished, so
// nothing there is in use.
func removeStale(builds, hash string) {
	matches, _ := filepath.Glob(filepath.Join(builds, hash+"-*"))
	for _, m := range matches {
		_ = os.RemoveAll(m)
	}
}

// checkHash rejects a hash that cannot be a folder name in the cache.
func checkHash(hash string) error {
	if hash == "" || len(hash) > 128 {
		return &HashError{Hash: hash}
	}
	for _, c := range []byte(hash) {
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c >= 'A' && c <= 'Z') {
			return &HashError{Hash: hash}
		}
	}
	return nil
}

// randomSuffix returns 8 random hex digits.
func randomSuffix() string {
	b := make([]byte, 4)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}
