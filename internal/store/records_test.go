package store_test

import (
	"context"
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/azureml-go/azureml/internal/store"
)

func openTemp(t *testing.T) *store.Store {
	t.Helper()
	s, err := store.Open(t.Context(), t.TempDir())
	require.NoError(t, err)
	return s
}

type rec struct {
	Name string `json:"name"`
	N    int    `json:"n"`
}

func TestWriteReadDelete(t *testing.T) {
	s := openTemp(t)
	ctx := t.Context()
	require.NoError(t, s.WriteJSON(ctx, "computes/cpu-1", rec{"cpu", 1}))
	require.NoError(t, s.WriteJSON(ctx, "computes/cpu-1", rec{"cpu", 2}))
	var got rec
	require.NoError(t, s.ReadJSON(ctx, "computes/cpu-1", &got))
	require.Equal(t, rec{"cpu", 2}, got)

	require.NoError(t, s.Delete(ctx, "computes/cpu-1"))
	err := s.ReadJSON(ctx, "computes/cpu-1", &got)
	require.ErrorIs(t, err, store.ErrNotFound)
	require.ErrorIs(t, err, fs.ErrNotExist)
	var nf *store.NotFoundError
	require.ErrorAs(t, err, &nf)
	require.Equal(t, "record", nf.What)
	require.Equal(t, "computes/cpu-1", nf.Key)
	require.Equal(t, `store: record "computes/cpu-1" not found`, err.Error())
	require.ErrorIs(t, s.Delete(ctx, "computes/cpu-1"), store.ErrNotFound)
}

func TestKeyValidation(t *testing.T) {
	s := openTemp(t)
	tests := []struct {
		key    string
		reason string
	}{
		{"", "must not be empty"},
		{"a/../b", "starts with a dot"},
		{"/abs", "empty path segment"},
		{"a/", "empty path segment"},
		{"a b", "outside [A-Za-z0-9._-]"},
		{"x.json/y", "ends in .json"},
		{"runs/ü", "outside [A-Za-z0-9._-]"},
	}
	for _, tt := range tests {
		t.Run(tt.key, func(t *testing.T) {
			err := s.WriteJSON(t.Context(), tt.key, 1)
			var ke *store.KeyError
			require.ErrorAs(t, err, &ke)
			require.Equal(t, "key", ke.Field)
			require.Equal(t, tt.key, ke.Value)
			require.Contains(t, ke.Reason, tt.reason)
			require.ErrorAs(t, s.ReadJSON(t.Context(), tt.key, new(int)), &ke)
			require.ErrorAs(t, s.Delete(t.Context(), tt.key), &ke)
		})
	}
}

func TestList(t *testing.T) {
	s := openTemp(t)
	keys := []string{"runs/exp/r2", "runs/exp/r10", "runs/exp2/r1", "computes/cpu", "top"}
	for _, k := range keys {
		require.NoError(t, s.WriteJSON(t.Context(), k, k))
	}
	tests := []struct {
		prefix string
		want   []string
	}{
		{"", []string{"computes/cpu", "runs/exp/r10", "runs/exp/r2", "runs/exp2/r1", "top"}},
		{"runs/", []string{"runs/exp/r10", "runs/exp/r2", "runs/exp2/r1"}},
		{"runs/exp/", []string{"runs/exp/r10", "runs/exp/r2"}},
		{"runs/exp", []string{"runs/exp/r10", "runs/exp/r2", "runs/exp2/r1"}},
		{"runs/exp/r1", []string{"runs/exp/r10"}},
		{"nothing/", nil},
		{"t", []string{"top"}},
	}
	for _, tt := range tests {
		t.Run(tt.prefix, func(t *testing.T) {
			got, err := s.List(t.Context(), tt.prefix)
			require.NoError(t, err)
			require.Equal(t, tt.want, got)
		})
	}
	_, err := s.List(t.Context(), "../")
	var ke *store.KeyError
	require.ErrorAs(t, err, &ke)
	require.Equal(t, "prefix", ke.Field)
}

func TestUpdate(t *testing.T) {
	tests := []struct {
		name string
		opts *store.WriteOptions
	}{
		{"default", nil},
		{"SyncFull", &store.WriteOptions{Sync: store.SyncFull}},
		{"SyncNone", &store.WriteOptions{Sync: store.SyncNone}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := openTemp(t)
			ctx := t.Context()
			update := func(fn func([]byte) ([]byte, error)) error { return s.UpdateWith(ctx, "c", tt.opts, fn) }
			seen := []string{}
			bump := func(cur []byte) ([]byte, error) {
				seen = append(seen, string(cur))
				var r rec
				if cur != nil {
					require.NoError(t, json.Unmarshal(cur, &r))
				}
				r.N++
				return json.Marshal(r)
			}
			require.NoError(t, update(bump))
			require.NoError(t, s.Update(ctx, "c", bump), "Update and UpdateWith share the record")
			require.Equal(t, []string{"", `{"name":"","n":1}`}, seen)

			require.NoError(t, update(func([]byte) ([]byte, error) { return nil, nil }))
			boom := errors.New("boom")
			require.ErrorIs(t, update(func([]byte) ([]byte, error) { return []byte(`{}`), boom }), boom)
			err := update(func([]byte) ([]byte, error) { return []byte(`{"n":`), nil })
			require.ErrorContains(t, err, `store: update c: new value is not valid JSON`)

			var r rec
			require.NoError(t, s.ReadJSON(ctx, "c", &r))
			require.Equal(t, 2, r.N, "nil, errors and invalid JSON must leave the record unchanged")
			tmp, err := os.ReadDir(filepath.Join(s.Dir(), "tmp"))
			require.NoError(t, err)
			require.Empty(t, tmp, "no temporary file is left behind")
		})
	}
}

func TestUpdateWithBadSync(t *testing.T) {
	s := openTemp(t)
	called := false
	err := s.UpdateWith(t.Context(), "c", &store.WriteOptions{Sync: store.Sync(7)}, func([]byte) ([]byte, error) {
		called = true
		return []byte(`1`), nil
	})
	var oe *store.OptionError
	require.ErrorAs(t, err, &oe)
	require.Equal(t, "Sync", oe.Field)
	require.Equal(t, "Sync(7)", oe.Value)
	require.Equal(t, "store: option Sync Sync(7): must be SyncFull or SyncNone", err.Error())
	require.False(t, called, "nothing runs with bad options")
	require.ErrorIs(t, s.ReadJSON(t.Context(), "c", new(int)), store.ErrNotFound)
}

func TestUpdateWaitsForKeyLock(t *testing.T) {
	s := openTemp(t)
	release := make(chan struct{})
	entered := make(chan struct{})
	done := make(chan error, 1)
	go func() {
		done <- s.Update(t.Context(), "k", func([]byte) ([]byte, error) {
			close(entered)
			<-release
			return []byte(`1`), nil
		})
	}()
	<-entered
	ctx, cancel := context.WithTimeout(t.Context(), 30*time.Millisecond)
	defer cancel()
	require.ErrorIs(t, s.WriteJSON(ctx, "k", 2), context.DeadlineExceeded)
	require.NoError(t, s.WriteJSON(t.Context(), "other", 3), "other keys are not blocked")
	close(release)
	require.NoError(t, <-done)
	require.NoError(t, s.WriteJSON(t.Context(), "k", 2))
}
