package store_test

import (
	"context"
	"encoding/json"
	"fmt"
	"log"
	"os"
	"strings"

	"github.com/azureml-go/azureml/internal/store"
)

func ExampleStore_Update() {
	ctx := context.Background()
	dir, _ := os.MkdirTemp("", "store-example")
	defer os.RemoveAll(dir)
	s, err := store.Open(ctx, dir)
	if err != nil {
		log.Fatal(err)
	}
	for range 3 {
		err := s.Update(ctx, "counters/runs", func(cur []byte) ([]byte, error) {
			var n int
			if cur != nil {
				if err := json.Unmarshal(cur, &n); err != nil {
					return nil, err
				}
			}
			return json.Marshal(n + 1)
		})
		if err != nil {
			log.Fatal(err)
		}
	}
	var n int
	if err := s.ReadJSON(ctx, "counters/runs", &n); err != nil {
		log.Fatal(err)
	}
	keys, _ := s.List(ctx, "counters/")
	fmt.Println(n, keys)
	// Output: 3 [counters/runs]
}

func ExampleStore_PutObject() {
	ctx := context.Background()
	dir, _ := os.MkdirTemp("", "store-example")
	defer os.RemoveAll(dir)
	s, err := store.Open(ctx, dir)
	if err != nil {
		log.Fatal(err)
	}
	hash, n, err := s.PutObject(ctx, strings.NewReader("hello\n"))
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(hash, n, s.HasObject(hash))
	// Output: 5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03 6 true
}

func ExampleStore_Lock() {
	ctx := context.Background()
	dir, _ := os.MkdirTemp("", "store-example")
	defer os.RemoveAll(dir)
	s, err := store.Open(ctx, dir)
	if err != nil {
		log.Fatal(err)
	}
	unlock, err := s.Lock(ctx, "envs/3f2a9c")
	if err != nil {
		log.Fatal(err)
	}
	defer unlock()
	fmt.Println("building the environment once")
	// Output: building the environment once
}

// A value that only needs to survive the death of processes (here, the
// state of a run that is going on) skips the fsyncs with SyncNone; the
// final value, which must survive a machine crash once acknowledged, keeps
// the default, SyncFull.
func ExampleStore_UpdateWith() {
	ctx := context.Background()
	dir, _ := os.MkdirTemp("", "store-example")
	defer os.RemoveAll(dir)
	s, err := store.Open(ctx, dir)
	if err != nil {
		log.Fatal(err)
	}
	set := func(status string) func([]byte) ([]byte, error) {
		return func([]byte) ([]byte, error) { return json.Marshal(map[string]string{"status": status}) }
	}
	if err := s.UpdateWith(ctx, "runs/r1", &store.WriteOptions{Sync: store.SyncNone}, set("Running")); err != nil {
		log.Fatal(err)
	}
	if err := s.UpdateWith(ctx, "runs/r1", nil, set("Completed")); err != nil {
		log.Fatal(err)
	}
	data, _ := s.Read(ctx, "runs/r1")
	fmt.Println(string(data))
	// Output: {"status":"Completed"}
}
