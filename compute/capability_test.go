package compute_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/azureml-go/azureml/compute"
)

// fakeTarget is a Target of a given kind.
type fakeTarget struct{ kind compute.Kind }

func (f fakeTarget) Name() string       { return "t-" + string(f.kind) }
func (f fakeTarget) Kind() compute.Kind { return f.kind }

func TestCapabilitiesTable(t *testing.T) {
	Y, N, P := compute.SupportYes, compute.SupportNo, compute.SupportPossible
	// Columns: GPU, AutoML, hyperparameter tuning, pipelines.
	tests := []struct {
		kind compute.Kind
		want [4]compute.Support
	}{
		{compute.KindLocal, [4]compute.Support{P, Y, N, N}},
		{compute.KindAmlCompute, [4]compute.Support{Y, Y, Y, Y}},
		{compute.KindVirtualMachine, [4]compute.Support{Y, Y, Y, Y}},
		{compute.KindDatabricks, [4]compute.Support{N, Y, N, Y}},
		{compute.KindDataLakeAnalytics, [4]compute.Support{N, N, N, Y}},
		{compute.KindHDInsight, [4]compute.Support{N, N, N, Y}},
		{compute.KindBatch, [4]compute.Support{N, N, N, Y}},
		{compute.Kind("Kubernetes"), [4]compute.Support{N, N, N, N}},
	}
	for _, tt := range tests {
		t.Run(string(tt.kind), func(t *testing.T) {
			got := compute.Capabilities(tt.kind)
			require.Len(t, got, 4)
			for i, c := range compute.CapabilityValues() {
				require.Equal(t, tt.want[i], got[c], "%s", c)
			}
		})
	}
}

func TestRequire(t *testing.T) {
	tests := []struct {
		kind compute.Kind
		cap  compute.Capability
		ok   bool
	}{
		{compute.KindLocal, compute.CapabilityGPU, true}, // "possible"
		{compute.KindLocal, compute.CapabilityAutoML, true},
		{compute.KindLocal, compute.CapabilityHyperparameterTuning, false},
		{compute.KindLocal, compute.CapabilityPipelines, false},
		{compute.KindBatch, compute.CapabilityAutoML, false},
		{compute.KindAmlCompute, compute.CapabilityHyperparameterTuning, true},
	}
	for _, tt := range tests {
		t.Run(string(tt.kind)+"/"+string(tt.cap), func(t *testing.T) {
			err := compute.Require(fakeTarget{tt.kind}, tt.cap)
			if tt.ok {
				require.NoError(t, err)
				return
			}
			var ce *compute.CapabilityError
			require.ErrorAs(t, err, &ce)
			require.Equal(t, tt.kind, ce.Kind)
			require.Equal(t, tt.cap, ce.Capability)
			require.Equal(t, compute.SupportNo, ce.Support)
			require.Contains(t, err.Error(), "compute: target \"t-"+string(tt.kind)+"\"")
		})
	}
	require.ErrorContains(t, compute.Require(nil, compute.CapabilityGPU), "compute: no target")
}

func TestEnumValues(t *testing.T) {
	require.Len(t, compute.KindValues(), 7)
	require.Len(t, compute.SupportValues(), 3)
	states := compute.JobStateValues()
	require.Len(t, states, 8)
	var terminal []compute.JobState
	for _, s := range states {
		if s.Terminal() {
			terminal = append(terminal, s)
		}
	}
	require.Equal(t, []compute.JobState{compute.JobCompleted, compute.JobFailed, compute.JobCanceled}, terminal)
}

func TestValidateName(t *testing.T) {
	tests := []struct {
		name     string
		reserved bool
		ok       bool
	}{
		{"cpu-cluster", false, true},
		{"abc", false, true},
		{"gpu-24-characters-longxx", false, true}, // 24
		{"cluster-a1", false, true},
		{"cluster-", false, true}, // the service pattern allows a trailing hyphen without digits
		{"ab", false, false},
		{"abcdefghijklmnopqrstuvwxy", false, false}, // 25
		{"1cluster", false, false},
		{"cpu-1", false, false},
		{"cpu-cluster-42", false, false},
		{"cpu_cluster", false, false},
		{"cpu cluster", false, false},
		{"local", true, false},
		{"AmlCompute", true, false},
		{"containerinstance", true, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := compute.ValidateName(tt.name)
			if tt.ok {
				require.NoError(t, err)
				return
			}
			var ne *compute.NameError
			require.ErrorAs(t, err, &ne)
			require.Equal(t, tt.name, ne.Name)
			require.Equal(t, tt.reserved, ne.Rule != "" && ne.Rule[:8] == "it is a ")
			require.Contains(t, err.Error(), `compute: name "`+tt.name+`" is invalid`)
		})
	}
}
