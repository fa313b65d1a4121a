package azuritetest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/azureml-go/azureml/internal/testenv"
)

// AccountName and AccountKey are Azurite's well-known development account;
// they are public and grant access to nothing but a local emulator.
const (
	AccountName = "devstoreaccount1"
	AccountKey  = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="
)

// Options tunes [Launch]; a nil *Options means the defaults.
type Options struct {
	// Binary is the azurite-blob executable; empty means [Find].
	Binary string
	// Location is the data folder; empty means a new temporary folder,
	// removed by [Server.Close].
	Location string
	// StartTimeout bounds the wait for the first answer; 0 means 30 s.
	StartTimeout time.Duration
}

// Server is a running azurite-blob. Its exported fields are read-only.
type Server struct {
	// Port is the blob port on 127.0.0.1.
	Port int
	// ServiceURL is the account's blob endpoint,
	// "http://127.0.0.1:PORT/devstoreaccount1/".
	ServiceURL string
	// Location is the data folder.
	Location string

	cmd       *exec.Cmd
	exited    chan struct{}
	ownDir    bool
	logFile   string
	closeOnce sync.Once
	closeErr  error
}

// Start launches Azurite for the rest of the test and stops it in
// t.Cleanup. When azurite-blob is not installed it calls testenv.Missing
// (skip, or fail under AZUREML_GO_INTEGRATION=require); any other failure
// fails the test.
func Start(t testing.TB) *Server {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	s, err := Launch(ctx, nil)
	if isNotFound(err) {
		testenv.Missing(t, "azurite-blob", err.Error())
	}
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := s.Close(); err != nil {
			t.Errorf("%v", err)
		}
	})
	return s
}

// Launch starts azurite-blob on a free port of 127.0.0.1 and waits until it
// answers HTTP. The caller must call [Server.Close]. A missing binary is a
// *[NotFoundError].
func Launch(ctx context.Context, opts *Options) (*Server, error) {
	o := Options{}
	if opts != nil {
		o = *opts
	}
	if o.StartTimeout <= 0 {
		o.StartTimeout = 30 * time.Second
	}
	if o.Binary == "" {
		p, err := Find()
		if err != nil {
			return nil, err
		}
		o.Binary = p
	}
	s := &Server{Location: o.Location}
	if s.Location == "" {
		dir, err := os.MkdirTemp("", "azuritetest-")
		if err != nil {
			return nil, fmt.Errorf("azuritetest: %w", err)
		}
		s.Location, s.ownDir = dir, true
	}
	s.logFile = filepath.Join(s.Location, "azurite-blob.log")
	var lastErr error
	for range 5 { // a port can be taken between probing and binding
		if lastErr = s.tryLaunch(ctx, o); lastErr == nil {
			return s, nil
		}
		if ctx.Err() != nil {
			break
		}
	}
	if s.ownDir {
		_ = os.RemoveAll(s.Location)
	}
	return nil, lastErr
}

// tryLaunch starts the server on one free port and waits for it.
func (s *Server) tryLaunch(ctx context.Context, o Options) error {
	port, err := freePort()
	if err != nil {
		return fmt.Errorf("azuritetest: %w", err)
	}
	s.Port = port
	s.ServiceURL = "http://127.0.0.1:" + strconv.Itoa(port) + "/" + AccountName + "/"
	logf, err := os.Create(s.logFile)
	if err != nil {
		return fmt.Errorf("azuritetest: %w", err)
	}
	defer logf.Close()
	s.cmd = exec.Command(o.Binary, "--blobHost", "127.0.0.1", "--blobPort", strconv.Itoa(port),
		"--location", s.Location, "--skipApiVersionCheck", "--disableTelemetry", "--silent")
	s.cmd.Stdout, s.cmd.Stderr = logf, logf
	dieWithParent(s.cmd)
	if err := s.cmd.Start(); err != nil {
		return fmt.Errorf("azuritetest: start %s: %w", o.Binary, err)
	}
	exited := make(chan struct{})
	s.exited = exited
	go func() { _ = s.cmd.Wait(); close(exited) }()
	if err := s.waitReady(ctx, o.StartTimeout); err != nil {
		s.kill()
		return err
	}
	return nil
}

// waitReady polls the service until any HTTP answer arrives, the process
// exits, ctx ends or timeout passes.
func (s *Server) waitReady(ctx context.Context, timeout time.Duration) error {
	client := &http.Client{Timeout: time.Second}
	deadline := time.Now().Add(timeout)
	for time.Now().Before(deadline) {
		select {
		case <-s.exited:
			out, _ := os.ReadFile(s.logFile)
			return fmt.Errorf("azuritetest: azurite-blob exited at start: %s", bytes.TrimSpace(out))
		case <-ctx.Done():
			return fmt.Errorf("azuritetest: waiting for azurite-blob: %w", ctx.Err())
		default:
		}
		if resp, err := client.Get(s.ServiceURL + "?comp=list"); err == nil {
			_ = resp.Body.Close()
			return nil
		}
		time.Sleep(50 * time.Millisecond)
	}
	return fmt.Errorf("azuritetest: azurite-blob on port %d did not answer within %v", s.Port, timeout)
}

// Close stops the server (SIGTERM, then SIGKILL after 10 s), waits for the
// process to exit and removes a temporary data folder. It is safe to call
// more than once. On Linux the server also gets SIGTERM if the process
// that launched it dies first (its data folder then stays in the temp dir).
func (s *Server) Close() error {
	s.closeOnce.Do(func() {
		if s.cmd != nil && s.cmd.Process != nil {
			_ = s.cmd.Process.Signal(syscall.SIGTERM)
			select {
			case <-s.exited:
			case <-time.After(10 * time.Second):
				s.kill()
			}
		}
		if s.ownDir {
			s.closeErr = os.RemoveAll(s.Location)
		}
	})
	if s.closeErr != nil {
		return fmt.Errorf("azuritetest: close: %w", s.closeErr)
	}
	return nil
}

// kill ends the process and waits for it.
func (s *Server) kill() {
	_ = s.cmd.Process.Kill()
	<-s.exited
}

// Exited reports whether the server process has ended.
func (s *Server) Exited() bool {
	select {
	case <-s.exited:
		return true
	default:
		return false
	}
}

// PID is the server's process id.
func (s *Server) PID() int { return s.cmd.Process.Pid }

// freePort asks the kernel for a free TCP port on 127.0.0.1.
func freePort() (int, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer ln.Close()
	addr, ok := ln.Addr().(*net.TCPAddr)
	if !ok {
		return 0, errors.New("not a TCP address")
	}
	return addr.Port, nil
}
