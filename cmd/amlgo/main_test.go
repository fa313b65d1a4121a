package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"
)

var update = flag.Bool("update", false, "rewrite the golden files of testdata/")

// binary is the amlgo built once for the end-to-end tests.
var binary string

func TestMain(m *testing.M) {
	flag.Parse()
	dir, err := os.MkdirTemp("", "amlgo-test")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	binary = filepath.Join(dir, "amlgo")
	out, err := exec.Command("go", "build", "-o", binary, ".").CombinedOutput()
	if err != nil {
		fmt.Fprintf(os.Stderr, "go build: %v\n%s", err, out)
		os.RemoveAll(dir)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// result is what one amlgo invocation did.
type result struct {
	stdout, stderr string
	code           int
}

// cli runs amlgo in a workspace folder and a working folder.
type cli struct {
	t       *testing.T
	wsDir   string
	workDir string
	env     []string
}

func newCLI(t *testing.T) *cli {
	return &cli{t: t, wsDir: t.TempDir(), workDir: t.TempDir()}
}

// run runs amlgo with args and returns what it did.
func (c *cli) run(args ...string) result {
	c.t.Helper()
	cmd := c.command(args...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else {
		require.NoError(c.t, err)
	}
	return result{stdout: out.String(), stderr: errb.String(), code: code}
}

// ok runs amlgo and requires exit code 0.
func (c *cli) ok(args ...string) result {
	c.t.Helper()
	r := c.run(args...)
	require.Equal(c.t, 0, r.code, "amlgo %s\nstdout:\n%s\nstderr:\n%s", strings.Join(args, " "), r.stdout, r.stderr)
	return r
}

// volatile are the parts of JSON output that change from run to run.
var volatile = []struct {
	re   *regexp.Regexp
	repl string
}{
	{regexp.MustCompile(`\b[A-Za-z0-9][A-Za-z0-9_-]*_\d{10}_[0-9a-f]{8}\b`), `RUN_ID`},
	{regexp.MustCompile(`\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ`), `TIME`},
	{regexp.MustCompile(`"[0-9a-f]{64}"`), `"SHA256"`},
	{regexp.MustCompile(`"free_disk_kb": \d+`), `"free_disk_kb": N`},
	{regexp.MustCompile(`"arch": "[^"]+"`), `"arch": "ARCH"`},
	{regexp.MustCompile(`"ssh_port": \d+`), `"ssh_port": PORT`},
	{regexp.MustCompile(`"python": "Python [0-9.]+"`), `"python": "Python X"`},
}

// normalize replaces volatile fields and the given paths in s.
func normalize(s string, paths map[string]string) string {
	for p, name := range paths {
		s = strings.ReplaceAll(s, p, name)
	}
	for _, v := range volatile {
		s = v.re.ReplaceAllString(s, v.repl)
	}
	return s
}

// golden compares got with testdata/name.golden, or rewrites it under -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name+".golden")
	if *update {
		require.NoError(t, os.WriteFile(path, []byte(got), 0o644))
		return
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "run go test -update to create %s", path)
	require.Equal(t, string(want), got, "%s differs; run go test -update if the change is intended", path)
}

// command returns amlgo with args, not started, with c's folders.
func (c *cli) command(args ...string) *exec.Cmd {
	cmd := exec.Command(binary, args...)
	cmd.Dir = c.workDir
	cmd.Env = append(append(os.Environ(), "AZUREML_GO_HOME="+c.wsDir), c.env...)
	return cmd
}

// syncBuffer is a bytes.Buffer safe for a writing process and a reading test.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}
