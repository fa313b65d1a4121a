package workspacetest

import (
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"
)

// FaultKind says what a [Fault] does to the requests it matches.
type FaultKind int

// The kinds of fault.
const (
	// FaultThrottle answers 429 TooManyRequests with a Retry-After.
	FaultThrottle FaultKind = iota + 1
	// FaultServerError answers 500 InternalServerError.
	FaultServerError
	// FaultDropConnection closes the connection without any response.
	FaultDropConnection
	// FaultFailCreate lets a compute create be accepted, then end Failed
	// with provisioningErrors.
	FaultFailCreate
)

// String names the kind.
func (k FaultKind) String() string {
	switch k {
	case FaultThrottle:
		return "throttle"
	case FaultServerError:
		return "server-error"
	case FaultDropConnection:
		return "drop-connection"
	case FaultFailCreate:
		return "fail-create"
	}
	return "FaultKind(" + strconv.Itoa(int(k)) + ")"
}

// Faults injects failures into a [Server]'s responses. Faults are checked
// in the order they were added, before authentication and routing, and
// each fires at most its count of times. It is safe for concurrent use.
type Faults struct {
	mu     sync.Mutex
	faults []*Fault
}

// Fault is one injected failure; its methods are safe for concurrent use.
type Fault struct {
	kind       FaultKind
	method     string // "" matches every method
	prefix     string // lower-cased path prefix, or the compute name for FaultFailCreate
	retryAfter time.Duration
	errs       []ErrorDetail

	mu        sync.Mutex
	remaining int
	fired     int
}

// Kind is what the fault does.
func (f *Fault) Kind() FaultKind { return f.kind }

// Fired is how many requests (or creates) the fault has failed so far.
func (f *Fault) Fired() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.fired
}

// Remaining is how many more times the fault will fire.
func (f *Fault) Remaining() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.remaining
}

// take consumes one firing if any is left.
func (f *Fault) take() bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.remaining <= 0 {
		return false
	}
	f.remaining--
	f.fired++
	return true
}

// Throttle makes the next n requests whose method is method ("" for any)
// and whose URL path starts with pathPrefix (compared case-insensitively,
// "" for any) get 429 TooManyRequests with Retry-After retryAfter (in
// whole seconds, rounded up).
func (fs *Faults) Throttle(method, pathPrefix string, n int, retryAfter time.Duration) *Fault {
	return fs.add(&Fault{kind: FaultThrottle, method: method, prefix: strings.ToLower(pathPrefix),
		remaining: n, retryAfter: retryAfter})
}

// ServerError makes the next n matching requests (as in [Faults.Throttle])
// get 500 InternalServerError.
func (fs *Faults) ServerError(method, pathPrefix string, n int) *Fault {
	return fs.add(&Fault{kind: FaultServerError, method: method, prefix: strings.ToLower(pathPrefix), remaining: n})
}

// DropConnection makes the next n matching requests (as in
// [Faults.Throttle]) end with the connection closed and no response.
func (fs *Faults) DropConnection(method, pathPrefix string, n int) *Fault {
	return fs.add(&Fault{kind: FaultDropConnection, method: method, prefix: strings.ToLower(pathPrefix), remaining: n})
}

// FailNextCreate makes the next create of the compute named computeName
// be accepted (201 and an operation) but end Failed: the operation status
// carries the first error and the compute's provisioningErrors all of
// them. With no errs, a QuotaExceeded error is used.
func (fs *Faults) FailNextCreate(computeName string, errs ...ErrorDetail) *Fault {
	if len(errs) == 0 {
		errs = []ErrorDetail{{Code: "QuotaExceeded",
			Message: "Operation results in exceeding quota limits of Total Regional Cores. Maximum allowed: 0, Current in use: 0, Additional requested: 4."}}
	}
	return fs.add(&Fault{kind: FaultFailCreate, prefix: strings.ToLower(computeName), remaining: 1,
		errs: append([]ErrorDetail(nil), errs...)})
}

// Fired is how many times all faults together have fired.
func (fs *Faults) Fired() int {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	n := 0
	for _, f := range fs.faults {
		n += f.Fired()
	}
	return n
}

// Clear removes every fault that has not fired its count yet.
func (fs *Faults) Clear() {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	fs.faults = nil
}

func (fs *Faults) add(f *Fault) *Fault {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	fs.faults = append(fs.faults, f)
	return f
}

// forRequest consumes and returns the first request fault matching r, or nil.
func (fs *Faults) forRequest(r *http.Request) *Fault {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	path := strings.ToLower(r.URL.Path)
	for _, f := range fs.faults {
		if f.kind == FaultFailCreate || (f.method != "" && !strings.EqualFold(f.method, r.Method)) ||
			!strings.HasPrefix(path, f.prefix) {
			continue
		}
		if f.take() {
			return f
		}
	}
	return nil
}

// failCreate consumes a FailNextCreate fault for the compute, returning its errors.
func (fs *Faults) failCreate(computeName string) []ErrorDetail {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	for _, f := range fs.faults {
		if f.kind == FaultFailCreate && f.prefix == strings.ToLower(computeName) && f.take() {
			return f.errs
		}
	}
	return nil
}

// inject applies f to the response.
func inject(w http.ResponseWriter, f *Fault) {
	switch f.kind {
	case FaultThrottle:
		w.Header().Set("Retry-After", strconv.Itoa(ceilSeconds(f.retryAfter)))
		writeError(w, http.StatusTooManyRequests, "TooManyRequests",
			"The request is being throttled as the limit has been reached for operation type.", "")
	case FaultServerError:
		writeError(w, http.StatusInternalServerError, "InternalServerError",
			"Encountered an internal server error (injected fault).", "")
	case FaultDropConnection:
		conn, _, err := http.NewResponseController(w).Hijack()
		if err != nil {
			panic(http.ErrAbortHandler) // HTTP/2: abort the stream instead
		}
		_ = conn.Close()
	}
}

// ceilSeconds rounds d up to whole seconds.
func ceilSeconds(d time.Duration) int {
	return int((d + time.Second - 1) / time.Second)
}
