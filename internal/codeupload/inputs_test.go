package codeupload_test

import (
	"bytes"
	"fmt"
	"log/slog"
	"net"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/azureml-go/azureml/internal/codeupload"
	"github.com/azureml-go/azureml/snapshot"
)

func sprintf(format string, a ...any) string { return fmt.Sprintf(format, a...) }

// tamper changes the signature of a SAS URL; it returns the new URL and
// its sig value as it appears in the URL (percent-encoded).
func tamper(t *testing.T, sasURL string) (string, string) {
	t.Helper()
	u, err := url.Parse(sasURL)
	require.NoError(t, err)
	q := u.Query()
	sig := q.Get("sig")
	q.Set("sig", "AAAA"+sig[4:])
	u.RawQuery = q.Encode()
	return u.String(), url.QueryEscape(q.Get("sig"))
}

// querySig is the decoded sig of a URL.
func querySig(t *testing.T, raw string) string {
	t.Helper()
	u, err := url.Parse(raw)
	require.NoError(t, err)
	return u.Query().Get("sig")
}

// replacePort points the URL at a port nobody listens on.
func replacePort(t *testing.T, sasURL string) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	addr := ln.Addr().String()
	require.NoError(t, ln.Close())
	u, err := url.Parse(sasURL)
	require.NoError(t, err)
	u.Host = addr
	return u.String()
}

func TestBadInputIsRejectedBeforeAnyRequest(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{"a.txt": "a", "sub/b.txt": "b"})
	require.NoError(t, os.Symlink("sub", filepath.Join(dir, "dirlink")))
	m := take(t, dir)
	files := &snapshot.Manifest{Entries: []snapshot.Entry{m.Entries[0]}}
	good := codeupload.SASURL("http://127.0.0.1:1/devstoreaccount1/c?sv=2021&sig=c2VjcmV0c2lnbmF0dXJl")
	tests := []struct {
		name  string
		m     *snapshot.Manifest
		dst   codeupload.Destination
		opts  *codeupload.Options
		field string
	}{
		{"nil manifest", nil, codeupload.Destination{Container: good}, nil, "manifest"},
		{"empty manifest", &snapshot.Manifest{}, codeupload.Destination{Container: good}, nil, "manifest"},
		{"no sas", files, codeupload.Destination{Container: "http://127.0.0.1:1/devstoreaccount1/c"}, nil, "Destination.Container"},
		{"not a url", files, codeupload.Destination{Container: "c?sig=c2VjcmV0c2lnbmF0dXJl"}, nil, "Destination.Container"},
		{"no container", files, codeupload.Destination{Container: "http://h/?sig=c2VjcmV0c2lnbmF0dXJl"}, nil, "Destination.Container"},
		{"leading slash", files, codeupload.Destination{Container: good, Prefix: "/src"}, nil, "Destination.Prefix"},
		{"dot dot", files, codeupload.Destination{Container: good, Prefix: "a/../b"}, nil, "Destination.Prefix"},
		{"negative concurrency", files, codeupload.Destination{Container: good}, &codeupload.Options{Concurrency: -1}, "Options.Concurrency"},
		{"previous without manifest", files, codeupload.Destination{Container: good},
			&codeupload.Options{Previous: &codeupload.Previous{Destination: codeupload.Destination{Container: good}}}, "Options.Previous.Manifest"},
		{"previous without sas", files, codeupload.Destination{Container: good},
			&codeupload.Options{Previous: &codeupload.Previous{Manifest: files, Destination: codeupload.Destination{Container: "http://h/c"}}}, "Options.Previous.Destination.Container"},
		{"symlink to a folder", m, codeupload.Destination{Container: good}, nil, "manifest symlink dirlink"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := newCounter()
			opts := tc.opts
			if opts == nil {
				opts = &codeupload.Options{}
			}
			opts.Client = clientOpts(c)
			_, err := codeupload.Upload(t.Context(), tc.m, dir, tc.dst, opts)
			var ve *codeupload.ValidationError
			require.ErrorAs(t, err, &ve)
			require.Equal(t, tc.field, ve.Field)
			require.True(t, strings.HasPrefix(err.Error(), "codeupload: "+tc.field), err.Error())
			require.NotContains(t, err.Error(), "c2VjcmV0c2lnbmF0dXJl")
			require.Zero(t, c.requests.Load())
		})
	}
}

func TestSymlinksUploadTheFileTheyPointTo(t *testing.T) {
	srv := azurite(t)
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{"data/real.txt": "real content"})
	require.NoError(t, os.Symlink("data/real.txt", filepath.Join(dir, "link.txt")))
	require.NoError(t, os.Symlink("link.txt", filepath.Join(dir, "link2.txt")))
	m := take(t, dir)
	dst := codeupload.Destination{Container: codeupload.SASURL(srv.NewContainer(t))}
	res, err := codeupload.Upload(t.Context(), m, dir, dst, nil)
	require.NoError(t, err)
	require.Equal(t, 3, res.Sent)
	for _, p := range []string{"data/real.txt", "link.txt", "link2.txt"} {
		body, _ := download(t, dst, p)
		require.Equal(t, "real content", body, p)
	}
}

func TestBrokenCopySourceFallsBackToSendingAndLogsNoSAS(t *testing.T) {
	srv := azurite(t)
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{"a.txt": "aaaa", "b.txt": "bbbb"})
	m := take(t, dir)
	first := codeupload.Destination{Container: codeupload.SASURL(srv.NewContainer(t)), Prefix: "p"}
	_, err := codeupload.Upload(t.Context(), m, dir, first, nil)
	require.NoError(t, err)
	// Azurite ignores the source's SAS on a same-account copy (Azure does
	// not), so the broken source here is a prefix that holds nothing.
	bad := string(first.Container)

	var logs bytes.Buffer
	logger := slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	second := codeupload.Destination{Container: codeupload.SASURL(srv.NewContainer(t)), Prefix: "p"}
	res, err := codeupload.Upload(t.Context(), m, dir, second, &codeupload.Options{Logger: logger,
		Previous: &codeupload.Previous{Destination: codeupload.Destination{Container: codeupload.SASURL(bad), Prefix: "gone"}, Manifest: m}})
	require.NoError(t, err)
	require.Equal(t, 2, res.Sent)
	require.Contains(t, logs.String(), "copy failed, sending")
	require.NotContains(t, logs.String(), querySig(t, bad))
	require.NotContains(t, logs.String(), querySig(t, string(second.Container)))
}

func TestSASURLPrintsRedacted(t *testing.T) {
	u := codeupload.SASURL("https://acct.blob.core.windows.net/c?sv=2021&sig=c2VjcmV0")
	for _, s := range []string{u.String(), fmt.Sprint(u), fmt.Sprintf("%+v %#v %s %q", u, u, u, u)} {
		require.NotContains(t, s, "c2VjcmV0")
		require.Contains(t, s, "https://acct.blob.core.windows.net/c?REDACTED")
	}
}
