package testenv

import (
	"testing"
)

func TestLookPathFindsGo(t *testing.T) {
	if got := LookPath(t, "go"); got == "" {
		t.Fatal("LookPath(go) returned an empty path")
	}
}

func TestRequiredReadsEnv(t *testing.T) {
	t.Setenv(EnvVar, "require")
	if !Required() {
		t.Fatal("Required() = false with require set")
	}
	t.Setenv(EnvVar, "")
	if Required() {
		t.Fatal("Required() = true with nothing set")
	}
}

func TestSharedToolFindsOracle(t *testing.T) {
	p := SharedTool(t, "ignore-oracle/oracle")
	if p == "" {
		t.Fatal("empty path")
	}
}
