package store_test

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/azureml-go/azureml/internal/store"
)

func TestCreate(t *testing.T) {
	tests := []struct {
		name    string
		key     string
		data    string
		opts    *store.WriteOptions
		before  string // an existing value of key, if not ""
		wantErr func(t *testing.T, err error)
	}{
		{name: "new, defaults", key: "runs/e/r1", data: `{"n":1}`},
		{name: "new, SyncNone", key: "runs/e/r2", data: `{"n":2}`, opts: &store.WriteOptions{Sync: store.SyncNone}},
		{name: "exists", key: "runs/e/r3", data: `{"n":3}`, before: `{"n":0}`, wantErr: func(t *testing.T, err error) {
			var ee *store.ExistsError
			require.ErrorAs(t, err, &ee)
			require.Equal(t, "runs/e/r3", ee.Key)
			require.ErrorIs(t, err, fs.ErrExist)
			require.Equal(t, `store: record "runs/e/r3" already exists`, err.Error())
		}},
		{name: "invalid JSON", key: "runs/e/r4", data: `{"n":`, wantErr: func(t *testing.T, err error) {
			require.EqualError(t, err, "store: create runs/e/r4: value is not valid JSON")
		}},
		{name: "bad key", key: "runs/../x", data: `1`, wantErr: func(t *testing.T, err error) {
			var ke *store.KeyError
			require.ErrorAs(t, err, &ke)
		}},
		{name: "bad Sync", key: "runs/e/r5", data: `1`, opts: &store.WriteOptions{Sync: 9}, wantErr: func(t *testing.T, err error) {
			var oe *store.OptionError
			require.ErrorAs(t, err, &oe)
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := openTemp(t)
			if tt.before != "" {
				require.NoError(t, s.WriteJSON(t.Context(), tt.key, rawJSON(tt.before)))
			}
			err := s.Create(t.Context(), tt.key, []byte(tt.data), tt.opts)
			tmp, rerr := os.ReadDir(filepath.Join(s.Dir(), "tmp"))
			require.NoError(t, rerr)
			require.Empty(t, tmp, "no temporary file is left behind")
			if tt.wantErr != nil {
				require.Error(t, err)
				tt.wantErr(t, err)
				if tt.before != "" {
					got, rerr := s.Read(t.Context(), tt.key)
					require.NoError(t, rerr)
					require.JSONEq(t, tt.before, string(got), "an existing record is never replaced")
				}
				return
			}
			require.NoError(t, err)
			got, err := s.Read(t.Context(), tt.key)
			require.NoError(t, err)
			require.Equal(t, tt.data, string(got))
			_, err = os.Stat(filepath.Join(s.Dir(), "locks", "records", filepath.FromSlash(tt.key)+".lock"))
			require.ErrorIs(t, err, fs.ErrNotExist, "Create makes no lock file")
		})
	}
}

// rawJSON is JSON that WriteJSON writes as is.
type rawJSON string

func (j rawJSON) MarshalJSON() ([]byte, error) { return []byte(j), nil }

func TestCreateRace(t *testing.T) {
	s := openTemp(t)
	const n = 8
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() { errs[i] = s.Create(t.Context(), "k", []byte{'0' + byte(i)}, nil) })
	}
	wg.Wait()
	won := -1
	for i, err := range errs {
		if err == nil {
			require.Equal(t, -1, won, "two creates of one key succeeded")
			won = i
			continue
		}
		require.True(t, errors.Is(err, fs.ErrExist), "%v", err)
	}
	require.GreaterOrEqual(t, won, 0, "no create succeeded")
	got, err := s.Read(t.Context(), "k")
	require.NoError(t, err)
	require.Equal(t, []byte{'0' + byte(won)}, got)
}
