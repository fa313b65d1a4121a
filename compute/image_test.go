package compute_test

import (
	"archive/tar"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/azureml-go/azureml/internal/testenv"
)

// testImage is the tag of the python image the docker tests run in. It is
// built once with `podman import` and kept in podmanDirs across test runs.
const testImage = "localhost/azureml-go-test-python:3.11-1"

// podman returns the podman binary and the global arguments that keep its
// state in a folder of its own (reused across test runs, so the image is
// built once) and use runc, which works where crun's cgroup handling fails.
func podman(t *testing.T) (string, []string) {
	t.Helper()
	bin := testenv.LookPath(t, "podman")
	testenv.LookPath(t, "runc")
	base := filepath.Join(os.TempDir(), "azureml-go-podman-test")
	global := []string{"--root", filepath.Join(base, "root"), "--runroot", filepath.Join(base, "run"),
		"--runtime", "runc"}
	return bin, global
}

// ensureTestImage builds testImage from the host's Debian python3.11 (the
// interpreter, the libraries ldd lists, and its standard library), unless
// it exists already.
func ensureTestImage(t *testing.T, bin string, global []string) {
	t.Helper()
	exists := exec.CommandContext(t.Context(), bin, append(global, "image", "exists", testImage)...)
	if exists.Run() == nil {
		return
	}
	python := testenv.File(t, "Debian python3.11", "/usr/bin/python3.11")
	stdlib := testenv.File(t, "Debian python3.11 stdlib", "/usr/lib/python3.11")
	out, err := exec.CommandContext(t.Context(), "ldd", python).Output()
	require.NoError(t, err, "ldd %s", python)
	libs := regexp.MustCompile(`(/\S+\.so[.\d]*)`).FindAllString(string(out), -1)

	cmd := exec.CommandContext(t.Context(), bin, append(global, "import", "-", testImage)...)
	stdin, err := cmd.StdinPipe()
	require.NoError(t, err)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	require.NoError(t, cmd.Start())
	tw := tar.NewWriter(stdin)
	writeRootfs(t, tw, python, stdlib, libs)
	require.NoError(t, tw.Close())
	require.NoError(t, stdin.Close())
	require.NoError(t, cmd.Wait(), "podman import: %s", stderr.String())
}

// writeRootfs writes a minimal root file system with python to tw.
func writeRootfs(t *testing.T, tw *tar.Writer, python, stdlib string, libs []string) {
	t.Helper()
	for _, d := range []string{"usr/", "usr/bin/", "usr/lib/", "lib/", "lib64/", "lib/x86_64-linux-gnu/"} {
		require.NoError(t, tw.WriteHeader(&tar.Header{Name: d, Typeflag: tar.TypeDir, Mode: 0o755}))
	}
	require.NoError(t, tw.WriteHeader(&tar.Header{Name: "tmp/", Typeflag: tar.TypeDir, Mode: 0o1777}))
	addFile(t, tw, python, "usr/bin/python3.11")
	for _, link := range []string{"usr/bin/python3", "usr/bin/python"} {
		require.NoError(t, tw.WriteHeader(&tar.Header{Name: link, Typeflag: tar.TypeSymlink, Linkname: "python3.11"}))
	}
	for _, lib := range libs {
		addFile(t, tw, lib, strings.TrimPrefix(lib, "/"))
	}
	skip := map[string]bool{"test": true, "dist-packages": true, "__pycache__": true, "idlelib": true,
		"tkinter": true, "ensurepip": true, "lib2to3": true, "pydoc_data": true}
	err := filepath.WalkDir(stdlib, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && skip[d.Name()] {
			return filepath.SkipDir
		}
		name := strings.TrimPrefix(p, "/")
		switch {
		case d.IsDir():
			return tw.WriteHeader(&tar.Header{Name: name + "/", Typeflag: tar.TypeDir, Mode: 0o755})
		case d.Type().IsRegular():
			addFile(t, tw, p, name)
		}
		return nil
	})
	require.NoError(t, err)
}

// addFile writes the file at src (following symlinks) as name.
func addFile(t *testing.T, tw *tar.Writer, src, name string) {
	t.Helper()
	f, err := os.Open(src)
	require.NoError(t, err)
	defer f.Close()
	fi, err := f.Stat()
	require.NoError(t, err)
	require.NoError(t, tw.WriteHeader(&tar.Header{Name: name, Typeflag: tar.TypeReg, Mode: int64(fi.Mode().Perm()), Size: fi.Size()}))
	_, err = io.Copy(tw, f)
	require.NoError(t, err)
}
