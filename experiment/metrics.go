package experiment

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"time"
)

// MetricValue is one reported value of a named metric.
type MetricValue struct {
	Value float64
	// Step is the line's "step"; when the line has none, it is the value's
	// position (0-based) among the values of the same name.
	Step int64
	// Time is the line's "time" (unix seconds), or zero when absent.
	Time time.Time
}

// MetricsFileError reports a line of a metrics file that is not a metric.
// Values read from the other lines are still returned beside it.
type MetricsFileError struct {
	Line   int
	Text   string
	Reason string
}

// Error implements error.
func (e *MetricsFileError) Error() string {
	return fmt.Sprintf("experiment: metrics file line %d %q: %s", e.Line, e.Text, e.Reason)
}

// metricLine is one line of the metrics file.
type metricLine struct {
	Name  *string          `json:"name"`
	Value *json.RawMessage `json:"value"`
	Step  *int64           `json:"step"`
	Time  *float64         `json:"time"`
}

// ParseMetrics reads a metrics file (JSON lines, see the package doc) and
// returns its values by name, in file order. An incomplete last line (no
// newline yet: the script is still writing it) is ignored; blank lines are
// skipped. A bad line yields a *MetricsFileError for the first such line,
// returned with the values of every good line.
func ParseMetrics(r io.Reader) (map[string][]MetricValue, error) {
	out := map[string][]MetricValue{}
	var first error
	br := bufio.NewReader(r)
	for n := 1; ; n++ {
		line, err := br.ReadBytes('\n')
		if err == io.EOF {
			return out, first // an unterminated last line is still being written
		}
		if err != nil {
			return out, fmt.Errorf("experiment: reading metrics: %w", err)
		}
		line = bytes.TrimSpace(line)
		if len(line) == 0 {
			continue
		}
		if perr := addMetric(out, line); perr != nil && first == nil {
			perr.Line = n
			first = perr
		}
	}
}

// addMetric parses one non-blank line and appends its value to out.
func addMetric(out map[string][]MetricValue, line []byte) *MetricsFileError {
	bad := func(reason string) *MetricsFileError {
		text := string(line)
		if len(text) > 80 {
			text = text[:80] + "..."
		}
		return &MetricsFileError{Text: text, Reason: reason}
	}
	var m metricLine
	if err := json.Unmarshal(line, &m); err != nil {
		return bad("not a JSON object: " + err.Error())
	}
	if m.Name == nil || *m.Name == "" {
		return bad(`"name" must be a non-empty string`)
	}
	var v float64
	if m.Value == nil || json.Unmarshal(*m.Value, &v) != nil {
		return bad(`"value" must be a number`)
	}
	mv := MetricValue{Value: v, Step: int64(len(out[*m.Name]))}
	if m.Step != nil {
		mv.Step = *m.Step
	}
	if m.Time != nil {
		sec, frac := math.Modf(*m.Time)
		mv.Time = time.Unix(int64(sec), int64(frac*1e9)).UTC()
	}
	out[*m.Name] = append(out[*m.Name], mv)
	return nil
}
