package store_test

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/azureml-go/azureml/internal/store"
)

// Environment of a re-executed test binary acting as a helper process.
const (
	helperMode  = "STORE_TEST_HELPER"
	helperDir   = "STORE_TEST_DIR"
	helperCount = "STORE_TEST_COUNT"
)

// crashKeys are the records the crash helper rewrites in a loop.
var crashKeys = []string{"crash/a", "crash/b", "crash/c"}

// crashValue is self-checking: Pad's length and Sum follow from Seq, so a
// torn or mixed write cannot pass checkCrashValue.
type crashValue struct {
	Seq int    `json:"seq"`
	Pad string `json:"pad"`
	Sum int    `json:"sum"`
}

func newCrashValue(seq int) crashValue {
	return crashValue{Seq: seq, Pad: strings.Repeat("x", 1000+seq%4000), Sum: seq*7 + 3}
}

// counter is the record the Update helpers increment.
type counter struct {
	N int `json:"n"`
}

// TestHelperProcess is not a test: it is the body of the helper processes
// started by startHelper, selected by the STORE_TEST_HELPER variable.
func TestHelperProcess(t *testing.T) {
	mode := os.Getenv(helperMode)
	if mode == "" {
		return
	}
	ctx := context.Background()
	s, err := store.Open(ctx, os.Getenv(helperDir))
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	fmt.Println("started")
	switch mode {
	case "writer":
		err = crashWriter(ctx, s)
	case "counter":
		n, _ := strconv.Atoi(os.Getenv(helperCount))
		err = increment(ctx, s, n)
	case "open":
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	os.Exit(0)
}

// crashWriter rewrites every crash key with the next sequence number and
// stores an object, forever, until it is killed.
func crashWriter(ctx context.Context, s *store.Store) error {
	for i := 0; ; i++ {
		for _, key := range crashKeys {
			var cur crashValue
			if err := s.ReadJSON(ctx, key, &cur); err != nil && !isNotFound(err) {
				return err
			}
			if err := writeCrashValue(ctx, s, key, i, newCrashValue(cur.Seq+1)); err != nil {
				return err
			}
		}
		if _, _, err := s.PutObject(ctx, strings.NewReader(strings.Repeat("o", 1<<16)+strconv.Itoa(i))); err != nil {
			return err
		}
	}
}

// writeCrashValue writes v as key, with WriteJSON on even rounds and with
// a SyncNone update on odd ones, so that the crash test covers both.
func writeCrashValue(ctx context.Context, s *store.Store, key string, round int, v crashValue) error {
	if round%2 == 0 {
		return s.WriteJSON(ctx, key, v)
	}
	return s.UpdateWith(ctx, key, &store.WriteOptions{Sync: store.SyncNone}, func([]byte) ([]byte, error) {
		return json.Marshal(v)
	})
}

func increment(ctx context.Context, s *store.Store, n int) error {
	for range n {
		err := s.Update(ctx, "counter", func(cur []byte) ([]byte, error) {
			var c counter
			if cur != nil {
				if err := json.Unmarshal(cur, &c); err != nil {
					return nil, err
				}
			}
			c.N++
			return json.Marshal(c)
		})
		if err != nil {
			return err
		}
	}
	return nil
}

func isNotFound(err error) bool { return errors.Is(err, store.ErrNotFound) }

// startHelper re-executes the test binary as a helper in mode on dir and
// waits until it has opened the store.
func startHelper(t *testing.T, mode, dir string, count int) *exec.Cmd {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperProcess$")
	cmd.Env = append(os.Environ(), helperMode+"="+mode, helperDir+"="+dir, helperCount+"="+strconv.Itoa(count))
	cmd.Stderr = os.Stderr
	pr, pw := io.Pipe()
	cmd.Stdout = pw
	require.NoError(t, cmd.Start())
	t.Cleanup(func() { _ = pw.Close() })
	r := bufio.NewReader(pr)
	line, err := r.ReadString('\n')
	require.NoError(t, err, "helper %s did not start", mode)
	require.Equal(t, "started\n", line)
	go func() { _, _ = io.Copy(io.Discard, r) }()
	return cmd
}
