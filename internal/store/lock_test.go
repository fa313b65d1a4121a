package store_test

import (
	"context"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/azureml-go/azureml/internal/store"
)

func TestLockExcludes(t *testing.T) {
	s, err := store.Open(t.Context(), t.TempDir())
	require.NoError(t, err)
	unlock, err := s.Lock(t.Context(), "envs/abc")
	require.NoError(t, err)

	var got atomic.Bool
	done := make(chan error, 1)
	go func() {
		u, err := s.Lock(t.Context(), "envs/abc")
		if err == nil {
			got.Store(true)
			err = u()
		}
		done <- err
	}()
	time.Sleep(50 * time.Millisecond)
	require.False(t, got.Load(), "a second holder got the lock while it was held")

	other, err := s.Lock(t.Context(), "envs/other")
	require.NoError(t, err, "another name must not be blocked")
	require.NoError(t, other())

	require.NoError(t, unlock())
	require.NoError(t, <-done)
	require.True(t, got.Load())
	require.NoError(t, unlock(), "a second unlock is a no-op")
}

func TestLockHonoursContext(t *testing.T) {
	s, err := store.Open(t.Context(), t.TempDir())
	require.NoError(t, err)
	unlock, err := s.Lock(t.Context(), "busy")
	require.NoError(t, err)
	defer func() { require.NoError(t, unlock()) }()

	ctx, cancel := context.WithTimeout(t.Context(), 30*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err = s.Lock(ctx, "busy")
	require.ErrorIs(t, err, context.DeadlineExceeded)
	require.Less(t, time.Since(start), 2*time.Second)
}

func TestLockRejectsBadNames(t *testing.T) {
	s, err := store.Open(t.Context(), t.TempDir())
	require.NoError(t, err)
	for _, name := range []string{"", "../x", "a//b", ".hidden", "a b"} {
		_, err := s.Lock(t.Context(), name)
		var ke *store.KeyError
		require.ErrorAs(t, err, &ke, name)
		require.Equal(t, "lock name", ke.Field)
		require.Equal(t, name, ke.Value)
	}
}
