package snapshot_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log"
	"os"
	"path/filepath"

	"github.com/azureml-go/azureml/snapshot"
)

// exampleDir makes a small source folder and returns it.
func exampleDir(files map[string]string) string {
	dir, err := os.MkdirTemp("", "snapshot-example")
	if err != nil {
		log.Fatal(err)
	}
	for rel, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			log.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			log.Fatal(err)
		}
		if err := os.Chmod(p, 0o644); err != nil {
			log.Fatal(err)
		}
	}
	return dir
}

func ExampleTake() {
	dir := exampleDir(map[string]string{"train.py": "print('hello')\n", "data/iris.csv": "5.1,3.5\n"})
	defer os.RemoveAll(dir)

	m, err := snapshot.Take(context.Background(), dir, &snapshot.Options{DisableStatCache: true})
	if err != nil {
		log.Fatal(err)
	}
	for _, e := range m.Entries {
		fmt.Printf("%s %04o %d %s\n", e.Path, e.Mode, e.Size, e.SHA256[:12])
	}
	fmt.Println("id:", m.ID())
	fmt.Println("hashed:", m.Stats.HashedFiles)
	// Output:
	// data/iris.csv 0644 8 c0882c723441
	// train.py 0644 15 03e693d9f2f6
	// id: 7e20c354dd4ae986138e05e75e28db2d24b8bd4abf537dc54499972f43872afe
	// hashed: 2
}

func ExampleTake_limit() {
	dir := exampleDir(map[string]string{"a.csv": "1234567890", "b/c.csv": "12345", "d.py": "1"})
	defer os.RemoveAll(dir)

	_, err := snapshot.Take(context.Background(), dir, &snapshot.Options{MaxBytes: 12, DisableStatCache: true})
	var le *snapshot.LimitError
	if errors.As(err, &le) {
		fmt.Println(le.Limit, le.Total, "of", le.Max)
		for _, u := range le.LargestFiles {
			fmt.Println(u.Path, u.Bytes)
		}
	}
	// Output:
	// bytes 16 of 12
	// a.csv 10
	// b/c.csv 5
	// d.py 1
}

func ExampleDiff() {
	dir := exampleDir(map[string]string{"train.py": "v1", "old.py": "x"})
	defer os.RemoveAll(dir)
	opts := &snapshot.Options{DisableStatCache: true}
	before, err := snapshot.Take(context.Background(), dir, opts)
	if err != nil {
		log.Fatal(err)
	}
	_ = os.WriteFile(filepath.Join(dir, "train.py"), []byte("v2"), 0o644)
	_ = os.Remove(filepath.Join(dir, "old.py"))
	_ = os.WriteFile(filepath.Join(dir, "new.py"), []byte("y"), 0o644)
	after, err := snapshot.Take(context.Background(), dir, opts)
	if err != nil {
		log.Fatal(err)
	}
	c := snapshot.Diff(before, after)
	fmt.Println("added:", c.Added, "changed:", c.Changed, "removed:", c.Removed)
	// Output:
	// added: [new.py] changed: [train.py] removed: [old.py]
}

func ExampleManifest_Pack() {
	ctx := context.Background()
	dir := exampleDir(map[string]string{"train.py": "print('hello')\n", "data/iris.csv": "5.1,3.5\n"})
	defer os.RemoveAll(dir)
	m, err := snapshot.Take(ctx, dir, &snapshot.Options{DisableStatCache: true})
	if err != nil {
		log.Fatal(err)
	}
	var tarball bytes.Buffer
	if err := m.Pack(ctx, dir, &tarball); err != nil {
		log.Fatal(err)
	}

	dest, err := os.MkdirTemp("", "snapshot-unpacked")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dest)
	if err := snapshot.Unpack(ctx, &tarball, dest, &snapshot.UnpackOptions{Manifest: m}); err != nil {
		log.Fatal(err)
	}
	data, _ := os.ReadFile(filepath.Join(dest, "train.py"))
	fmt.Print(string(data))
	// Output:
	// print('hello')
}

func ExampleManifest_CopyTo() {
	ctx := context.Background()
	dir := exampleDir(map[string]string{"train.py": "print('hello')\n", "outputs/old.txt": "stale"})
	defer os.RemoveAll(dir)
	if err := os.WriteFile(filepath.Join(dir, ".amlignore"), []byte("outputs/\n"), 0o644); err != nil {
		log.Fatal(err)
	}
	m, err := snapshot.Take(ctx, dir, &snapshot.Options{DisableStatCache: true})
	if err != nil {
		log.Fatal(err)
	}
	runDir, err := os.MkdirTemp("", "snapshot-run")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(runDir)
	if err := m.CopyTo(ctx, dir, runDir); err != nil {
		log.Fatal(err)
	}
	names, _ := os.ReadDir(runDir)
	for _, n := range names {
		fmt.Println(n.Name())
	}
	// Output:
	// .amlignore
	// train.py
}
