package runconfig

import (
	"fmt"
	"log/slog"
)

// The Docker defaults of the Python SDK 1.0.x.
const (
	// DefaultCPUImage is the base image of Docker runs.
	DefaultCPUImage = "mcr.microsoft.com/azureml/base:0.2.4"
	// DefaultGPUImage is the base image of Docker runs on GPUs.
	DefaultGPUImage = "mcr.microsoft.com/azureml/base-gpu:0.2.4"
	// DefaultShmSize is the shared memory size of the container.
	DefaultShmSize = "1g"
)

// DockerSection runs the script inside a container.
type DockerSection struct {
	// Enabled runs the script in a container (enabled); default false.
	Enabled bool
	// BaseImage is the image (baseImage); default [DefaultCPUImage].
	BaseImage string
	// SharedVolumes mounts the run folder as a shared volume
	// (sharedVolumes); default true.
	SharedVolumes bool
	// GPUSupport runs with the NVIDIA runtime (gpuSupport).
	GPUSupport bool
	// ShmSize is the shared memory size, a number and a unit b, k, m or g
	// (shmSize); default "1g".
	ShmSize string
	// Arguments are extra arguments of docker run (arguments).
	Arguments []string
	// BaseImageRegistry is the registry holding BaseImage
	// (baseImageRegistry).
	BaseImageRegistry ContainerRegistry
}

// ContainerRegistry is a private registry holding a base image.
type ContainerRegistry struct {
	// Address is the DNS name or IP address of the registry (address).
	Address string
	// Username is the registry user (username).
	Username string
	// Password is the registry password (password). It is a [Secret]: it
	// never appears in errors or formatted output, and it is never written
	// by Marshal or Save (the key is written as null), so supply it at run
	// time, e.g. from an environment variable.
	Password Secret
}

func defaultDocker() DockerSection {
	return DockerSection{
		BaseImage:     DefaultCPUImage,
		SharedVolumes: true,
		ShmSize:       DefaultShmSize,
		Arguments:     []string{},
	}
}

// Secret holds a sensitive string. Printing it with any fmt verb, logging
// it with log/slog or marshalling it to JSON shows "REDACTED" (or nothing
// when it is empty); only [Secret.Reveal] returns the value.
type Secret struct {
	value string
}

// NewSecret wraps value.
func NewSecret(value string) Secret { return Secret{value: value} }

// Reveal returns the secret value. Call it only where the value is sent to
// the service that needs it.
func (s Secret) Reveal() string { return s.value }

// IsZero reports whether the secret is empty.
func (s Secret) IsZero() bool { return s.value == "" }

func (s Secret) redacted() string {
	if s.value == "" {
		return ""
	}
	return "REDACTED"
}

// String returns "REDACTED", or "" for an empty secret.
func (s Secret) String() string { return s.redacted() }

// GoString returns "REDACTED", or "" for an empty secret, for %#v.
func (s Secret) GoString() string { return s.redacted() }

// Format prints "REDACTED" whatever the verb.
func (s Secret) Format(f fmt.State, _ rune) { _, _ = f.Write([]byte(s.redacted())) }

// LogValue makes log/slog print "REDACTED".
func (s Secret) LogValue() slog.Value { return slog.StringValue(s.redacted()) }

// MarshalJSON writes "REDACTED" (or "" for an empty secret).
func (s Secret) MarshalJSON() ([]byte, error) { return []byte(`"` + s.redacted() + `"`), nil }
