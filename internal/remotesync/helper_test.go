package remotesync_test

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/azureml-go/azureml/internal/sshx"
	"github.com/azureml-go/azureml/snapshot"
)

// writeTree creates n files of about size bytes each, with distinct
// contents, in nested folders under dir.
func writeTree(t testing.TB, dir string, n, size int) {
	t.Helper()
	for i := range n {
		p := filepath.Join(dir, fmt.Sprintf("d%02d", i%20), fmt.Sprintf("f%04d.txt", i))
		require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
		body := strings.Repeat(fmt.Sprintf("file %d ", i), size)[:size]
		require.NoError(t, os.WriteFile(p, []byte(body), 0o644))
	}
}

func take(t testing.TB, dir string) *snapshot.Manifest {
	t.Helper()
	m, err := snapshot.Take(t.Context(), dir, &snapshot.Options{DisableStatCache: true, MaxFiles: snapshot.NoLimit, MaxBytes: snapshot.NoLimit})
	require.NoError(t, err)
	return m
}

// remoteListing lists dest on the host as "mode sha256 path" and "link
// target path" lines, sorted, with a few processes however many files.
func remoteListing(t testing.TB, c *sshx.Client, dest string) []string {
	t.Helper()
	out, err := c.Run(t.Context(), "cd '"+dest+"' && find . -type f -printf '%m %p\\n' && echo -- && "+
		"find . -type f -exec sha256sum {} + && echo -- && find . -type l -printf 'link %l %p\\n'")
	require.NoError(t, err)
	parts := strings.Split(string(out), "--\n")
	require.Len(t, parts, 3)
	modes := map[string]string{}
	for _, l := range strings.Split(strings.TrimSpace(parts[0]), "\n") {
		if mode, p, ok := strings.Cut(l, " "); ok {
			modes[p] = mode
		}
	}
	var lines []string
	for _, l := range strings.Split(strings.TrimSpace(parts[1]), "\n") {
		if sum, p, ok := strings.Cut(l, "  "); ok {
			lines = append(lines, modes[p]+" "+sum+" "+p)
		}
	}
	for _, l := range strings.Split(strings.TrimSpace(parts[2]), "\n") {
		if l != "" {
			lines = append(lines, l)
		}
	}
	sort.Strings(lines)
	return lines
}

// manifestListing is what remoteListing must show for m synced with
// copies; see linkedListing for the default.
func manifestListing(m *snapshot.Manifest) []string { return listing(m, false) }

// linkedListing is what remoteListing must show for m synced with links:
// files readable by all lose their write bits.
func linkedListing(m *snapshot.Manifest) []string { return listing(m, true) }

func listing(m *snapshot.Manifest, linked bool) []string {
	var lines []string
	for _, e := range m.Entries {
		if e.Kind == snapshot.KindSymlink {
			lines = append(lines, fmt.Sprintf("link %s ./%s", e.Target, e.Path))
			continue
		}
		mode := e.Mode
		if linked && mode&0o444 == 0o444 {
			mode &^= 0o222
		}
		lines = append(lines, fmt.Sprintf("%o %s ./%s", mode, e.SHA256, e.Path))
	}
	sort.Strings(lines)
	return lines
}
