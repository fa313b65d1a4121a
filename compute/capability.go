package compute

import "fmt"

// Capability is something a training run may ask of its compute target.
type Capability string

// The capabilities of the table in "Set up compute targets for model training".
const (
	CapabilityGPU                  Capability = "GPU"
	CapabilityAutoML               Capability = "AutoML"
	CapabilityHyperparameterTuning Capability = "HyperparameterTuning"
	CapabilityPipelines            Capability = "Pipelines"
)

// CapabilityValues returns every Capability, in the table's column order.
func CapabilityValues() []Capability {
	return []Capability{CapabilityGPU, CapabilityAutoML, CapabilityHyperparameterTuning, CapabilityPipelines}
}

// Support says whether a kind of target offers a capability.
type Support string

// The levels of support.
const (
	// SupportYes: the kind offers the capability.
	SupportYes Support = "Yes"
	// SupportNo: the kind never offers it.
	SupportNo Support = "No"
	// SupportPossible: it depends on the machine (a local GPU, for example).
	SupportPossible Support = "Possible"
)

// SupportValues returns every Support level.
func SupportValues() []Support {
	return []Support{SupportYes, SupportNo, SupportPossible}
}

// KindValues returns every Kind, local first.
func KindValues() []Kind {
	return []Kind{KindLocal, KindAmlCompute, KindVirtualMachine, KindHDInsight,
		KindBatch, KindDatabricks, KindDataLakeAnalytics}
}

// JobStateValues returns every JobState in the order a run goes through them.
func JobStateValues() []JobState {
	return []JobState{JobNotStarted, JobQueued, JobPreparing, JobRunning,
		JobFinalizing, JobCompleted, JobFailed, JobCanceled}
}

// Capabilities returns what a kind of target can do, one entry per
// capability (see [CapabilityValues]). An unknown kind supports nothing.
// The result is a new map the caller may keep or change.
func Capabilities(k Kind) map[Capability]Support {
	yes, no, maybe := SupportYes, SupportNo, SupportPossible
	row := func(gpu, automl, hyper, pipelines Support) map[Capability]Support {
		return map[Capability]Support{
			CapabilityGPU:                  gpu,
			CapabilityAutoML:               automl,
			CapabilityHyperparameterTuning: hyper,
			CapabilityPipelines:            pipelines,
		}
	}
	switch k {
	case KindLocal:
		return row(maybe, yes, no, no)
	case KindAmlCompute, KindVirtualMachine:
		return row(yes, yes, yes, yes)
	case KindDatabricks:
		return row(no, yes, no, yes)
	case KindDataLakeAnalytics, KindHDInsight, KindBatch:
		return row(no, no, no, yes)
	default:
		return row(no, no, no, no)
	}
}

// Require returns nil when t's kind supports c (Yes or Possible), and a
// *[CapabilityError] otherwise.
func Require(t Target, c Capability) error {
	if t == nil {
		return &CapabilityError{Capability: c, Support: SupportNo}
	}
	s, ok := Capabilities(t.Kind())[c]
	if !ok {
		s = SupportNo
	}
	if s == SupportNo {
		return &CapabilityError{Target: t.Name(), Kind: t.Kind(), Capability: c, Support: s}
	}
	return nil
}

// CapabilityError reports a capability that a compute target lacks.
type CapabilityError struct {
	Target     string
	Kind       Kind
	Capability Capability
	Support    Support
}

// Error implements error.
func (e *CapabilityError) Error() string {
	if e.Target == "" && e.Kind == "" {
		return fmt.Sprintf("compute: no target: cannot provide %s", e.Capability)
	}
	return fmt.Sprintf("compute: target %q (%s) does not support %s; targets that do: %v",
		e.Target, e.Kind, e.Capability, kindsSupporting(e.Capability))
}

// kindsSupporting lists the kinds that offer c.
func kindsSupporting(c Capability) []Kind {
	var out []Kind
	for _, k := range KindValues() {
		if Capabilities(k)[c] != SupportNo {
			out = append(out, k)
		}
	}
	return out
}
