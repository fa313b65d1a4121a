package store_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/azureml-go/azureml/internal/store"
)

func sum(s string) string {
	h := sha256.Sum256([]byte(s))
	return hex.EncodeToString(h[:])
}

func TestPutObject(t *testing.T) {
	s := openTemp(t)
	const content = "print('hello')\n"
	hash, n, err := s.PutObject(t.Context(), strings.NewReader(content))
	require.NoError(t, err)
	require.Equal(t, sum(content), hash)
	require.Equal(t, int64(len(content)), n)
	require.True(t, s.HasObject(hash))
	require.Equal(t, filepath.Join(s.Dir(), "objects", hash[:2], hash[2:]), s.ObjectPath(hash))

	fi, err := os.Stat(s.ObjectPath(hash))
	require.NoError(t, err)
	require.Equal(t, fs.FileMode(0o444), fi.Mode().Perm())

	again, _, err := s.PutObject(t.Context(), strings.NewReader(content))
	require.NoError(t, err)
	require.Equal(t, hash, again)

	rc, err := s.OpenObject(t.Context(), hash)
	require.NoError(t, err)
	data, err := io.ReadAll(rc)
	require.NoError(t, err)
	require.NoError(t, rc.Close())
	require.Equal(t, content, string(data))

	tmp, err := os.ReadDir(filepath.Join(s.Dir(), "tmp"))
	require.NoError(t, err)
	require.Empty(t, tmp, "no temp file may outlive a put")
}

func TestPutObjectConcurrently(t *testing.T) {
	s := openTemp(t)
	content := strings.Repeat("data", 10000)
	var wg sync.WaitGroup
	hashes := make([]string, 8)
	errs := make([]error, 8)
	for i := range hashes {
		wg.Go(func() { hashes[i], _, errs[i] = s.PutObject(t.Context(), strings.NewReader(content)) })
	}
	wg.Wait()
	for i := range hashes {
		require.NoError(t, errs[i])
		require.Equal(t, sum(content), hashes[i])
	}
}

func TestPutFileCopies(t *testing.T) {
	s := openTemp(t)
	src := filepath.Join(t.TempDir(), "train.py")
	require.NoError(t, os.WriteFile(src, []byte("v1"), 0o644))
	hash, n, err := s.PutFile(t.Context(), src)
	require.NoError(t, err)
	require.Equal(t, sum("v1"), hash)
	require.Equal(t, int64(2), n)

	require.NoError(t, os.WriteFile(src, []byte("v2"), 0o644))
	data, err := os.ReadFile(s.ObjectPath(hash))
	require.NoError(t, err)
	require.Equal(t, "v1", string(data), "editing the source must not change the object")

	_, _, err = s.PutFile(t.Context(), filepath.Join(t.TempDir(), "missing"))
	require.ErrorIs(t, err, fs.ErrNotExist)
}

func TestObjectErrors(t *testing.T) {
	s := openTemp(t)
	missing := sum("never stored")
	_, err := s.OpenObject(t.Context(), missing)
	require.ErrorIs(t, err, store.ErrNotFound)
	require.ErrorIs(t, err, fs.ErrNotExist)
	require.False(t, s.HasObject(missing))

	for _, bad := range []string{"", "abc", strings.ToUpper(missing), "../" + missing[3:]} {
		_, err := s.OpenObject(t.Context(), bad)
		var ke *store.KeyError
		require.ErrorAs(t, err, &ke, bad)
		require.Equal(t, "hash", ke.Field)
		require.False(t, s.HasObject(bad))
		require.Empty(t, s.ObjectPath(bad))
	}

	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	_, _, err = s.PutObject(ctx, strings.NewReader("x"))
	require.ErrorIs(t, err, context.Canceled)
}
