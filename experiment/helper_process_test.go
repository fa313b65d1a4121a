package experiment_test

import (
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// TestHelperProcess is not a test: the integration tests run this binary
// with EXPERIMENT_TEST_HELPER set to submit runs from another process.
//
//   - submit-block N: submits slowScript with N steps, prints the run id,
//     and blocks until killed;
//   - submit-many N: submits N quick runs, one after the other.
func TestHelperProcess(t *testing.T) {
	mode := os.Getenv(helperEnv)
	if mode == "" {
		t.Skip("helper process only")
	}
	exp := localExperiment(t, os.Getenv("HELPER_WS"))
	args := strings.Split(os.Getenv("HELPER_ARGS"), "\x1f")
	switch mode {
	case "submit-block":
		run, err := exp.Submit(t.Context(), pythonConfig(t, slowScript, args[0]), nil)
		require.NoError(t, err)
		fmt.Println(run.ID())
		time.Sleep(time.Hour) // until SIGKILL
	case "submit-many":
		var n int
		_, err := fmt.Sscan(args[0], &n)
		require.NoError(t, err)
		cfg := pythonConfig(t, "pass\n")
		for range n {
			_, err := exp.Submit(t.Context(), cfg, nil)
			require.NoError(t, err)
		}
	default:
		t.Fatalf("unknown helper mode %q", mode)
	}
}
