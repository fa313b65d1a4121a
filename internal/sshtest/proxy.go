package sshtest

import (
	"errors"
	"io"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"

	"golang.org/x/crypto/ssh/knownhosts"

	"github.com/azureml-go/azureml/internal/sshx"
)

// Proxy is a TCP proxy on 127.0.0.1 in front of a [Server]. It counts the
// bytes it carries and can drop every live connection at once, as a
// network failure would.
type Proxy struct {
	// Addr is "127.0.0.1:PORT"; Port is the port alone.
	Addr string
	Port int
	// KnownHosts is a known_hosts file holding the server's host key
	// under the proxy's address.
	KnownHosts string

	srv     *Server
	ln      net.Listener
	mu      sync.Mutex
	conns   map[net.Conn]struct{}
	wg      sync.WaitGroup
	up, dn  atomic.Int64
	accepts atomic.Int64
}

// Proxy starts a proxy to s for the rest of the test.
func (s *Server) Proxy(t testing.TB) *Proxy {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("sshtest: proxy: %v", err)
	}
	p := &Proxy{srv: s, ln: ln, conns: map[net.Conn]struct{}{}}
	p.Port = ln.Addr().(*net.TCPAddr).Port
	p.Addr = net.JoinHostPort("127.0.0.1", strconv.Itoa(p.Port))
	p.KnownHosts = filepath.Join(s.dir, "known_hosts_proxy_"+strconv.Itoa(p.Port))
	line := knownhosts.Line([]string{knownhosts.Normalize(p.Addr)}, s.HostKey) + "\n"
	if err := os.WriteFile(p.KnownHosts, []byte(line), 0o600); err != nil {
		t.Fatalf("sshtest: %v", err)
	}
	p.wg.Add(1)
	go p.accept()
	t.Cleanup(p.Close)
	return p
}

// Config returns a client configuration that reaches the server through
// the proxy, with key login.
func (p *Proxy) Config() sshx.Config {
	c := p.srv.Config()
	c.Port, c.KnownHostsFile = p.Port, p.KnownHosts
	return c
}

// BytesUp and BytesDown are the bytes carried so far from clients to the
// server and back.
func (p *Proxy) BytesUp() int64   { return p.up.Load() }
func (p *Proxy) BytesDown() int64 { return p.dn.Load() }

// Accepted is the number of connections accepted so far.
func (p *Proxy) Accepted() int64 { return p.accepts.Load() }

// Drop closes every live connection (both sides); new ones are accepted.
func (p *Proxy) Drop() {
	p.mu.Lock()
	defer p.mu.Unlock()
	for c := range p.conns {
		_ = c.Close()
		delete(p.conns, c)
	}
}

// Close stops accepting and drops every connection.
func (p *Proxy) Close() {
	_ = p.ln.Close()
	p.Drop()
	p.wg.Wait()
}

func (p *Proxy) accept() {
	defer p.wg.Done()
	for {
		c, err := p.ln.Accept()
		if err != nil {
			return
		}
		p.accepts.Add(1)
		s, err := net.Dial("tcp", p.srv.Addr)
		if err != nil {
			_ = c.Close()
			continue
		}
		p.mu.Lock()
		p.conns[c], p.conns[s] = struct{}{}, struct{}{}
		p.mu.Unlock()
		p.wg.Add(2)
		go p.pipe(s, c, &p.up)
		go p.pipe(c, s, &p.dn)
	}
}

// pipe copies src to dst, counting, and closes both when either ends.
func (p *Proxy) pipe(dst, src net.Conn, n *atomic.Int64) {
	defer p.wg.Done()
	buf := make([]byte, 64<<10)
	for {
		k, err := src.Read(buf)
		if k > 0 {
			n.Add(int64(k))
			if _, werr := dst.Write(buf[:k]); werr != nil {
				err = werr
			}
		}
		if err != nil {
			if !errors.Is(err, io.EOF) {
				_ = src.Close()
			}
			_ = dst.Close()
			_ = src.Close()
			p.mu.Lock()
			delete(p.conns, dst)
			delete(p.conns, src)
			p.mu.Unlock()
			return
		}
	}
}
