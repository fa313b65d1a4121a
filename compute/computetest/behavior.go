package computetest

import (
	"maps"
	"slices"
	"time"

	"github.com/azureml-go/azureml/compute"
)

// Behavior scripts what a [Target] does with every job it is given. Build
// one with [Succeeds], [Fails], [FailsToStart] or [States], then refine it
// with the With methods, which return a changed copy.
//
// A job advances one step each time Status is called (and as Follow
// waits): step i reports States[i] (the last state repeats), and reveals
// one more log line. The job reaches a final state only once every log line
// is out, so a Follow to the end always sees the whole log.
type Behavior struct {
	startErr error
	states   []compute.JobState
	logs     []string
	outputs  map[string]string
	message  string
	exitCode *int
	step     time.Duration
}

// Succeeds scripts a job that goes Preparing, Running, Completed (exit
// code 0), writing logLines to its driver log.
func Succeeds(logLines ...string) *Behavior {
	return &Behavior{
		states:   []compute.JobState{compute.JobPreparing, compute.JobRunning, compute.JobCompleted},
		logs:     slices.Clone(logLines),
		exitCode: intPtr(0),
	}
}

// Fails scripts a job that starts, runs and ends Failed (exit code 1), with
// err's message as the status error, writing logLines to its driver log.
func Fails(err error, logLines ...string) *Behavior {
	return &Behavior{
		states:   []compute.JobState{compute.JobPreparing, compute.JobRunning, compute.JobFailed},
		logs:     slices.Clone(logLines),
		message:  err.Error(),
		exitCode: intPtr(1),
	}
}

// FailsToStart scripts a target whose Start returns err: nothing runs, and
// the job is unknown to Status and Follow ([Target.Submitted] still lists
// the attempt).
func FailsToStart(err error) *Behavior {
	return &Behavior{startErr: err}
}

// States scripts a job that goes through states, in order. A final Failed
// or Canceled state gets the status error "scripted failure" (change it
// with [Behavior.WithError]); a final Completed gets exit code 0, Failed 1.
func States(states ...compute.JobState) *Behavior {
	b := &Behavior{states: slices.Clone(states), message: "scripted failure"}
	if n := len(states); n > 0 {
		switch states[n-1] {
		case compute.JobCompleted:
			b.exitCode, b.message = intPtr(0), ""
		case compute.JobFailed:
			b.exitCode = intPtr(1)
		}
	}
	return b
}

// WithLogs returns a copy of b that writes lines to the driver log,
// replacing any lines b had.
func (b *Behavior) WithLogs(lines ...string) *Behavior {
	c := b.clone()
	c.logs = slices.Clone(lines)
	return c
}

// WithOutput returns a copy of b whose CollectOutputs writes content to
// path, a slash-separated path relative to the job's RunDir (for example
// "outputs/model.pkl").
func (b *Behavior) WithOutput(path, content string) *Behavior {
	c := b.clone()
	if c.outputs == nil {
		c.outputs = map[string]string{}
	}
	c.outputs[path] = content
	return c
}

// WithError returns a copy of b whose failed or canceled end carries
// message as the status error.
func (b *Behavior) WithError(message string) *Behavior {
	c := b.clone()
	c.message = message
	return c
}

// WithStepDelay returns a copy of b whose Follow waits d between steps, as
// a real job takes time (the default is no wait).
func (b *Behavior) WithStepDelay(d time.Duration) *Behavior {
	c := b.clone()
	c.step = d
	return c
}

func (b *Behavior) clone() *Behavior {
	c := *b
	c.states = slices.Clone(b.states)
	c.logs = slices.Clone(b.logs)
	c.outputs = maps.Clone(b.outputs)
	return &c
}

func intPtr(i int) *int { return &i }
