package experiment_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/azureml-go/azureml/experiment"
)

func TestParseMetrics(t *testing.T) {
	in := `{"name":"loss","value":0.5}
{"name":"loss","value":0.25}

{"name":"accuracy","value":0.97,"step":3,"time":1700000000.5}
{"name":"loss","value":0.1,"step":10}
{"name":"partial","val`
	got, err := experiment.ParseMetrics(strings.NewReader(in))
	require.NoError(t, err)
	require.Equal(t, map[string][]experiment.MetricValue{
		"loss": {{Value: 0.5, Step: 0}, {Value: 0.25, Step: 1}, {Value: 0.1, Step: 10}},
		"accuracy": {{Value: 0.97, Step: 3,
			Time: time.Unix(1700000000, 500000000).UTC()}},
	}, got)
}

func TestParseMetricsBadLines(t *testing.T) {
	cases := []struct {
		name, line, reason string
	}{
		{"not json", "accuracy=0.9", "not a JSON object"},
		{"no name", `{"value":1}`, `"name" must be`},
		{"empty name", `{"name":"","value":1}`, `"name" must be`},
		{"string value", `{"name":"a","value":"high"}`, `"value" must be a number`},
		{"no value", `{"name":"a"}`, `"value" must be a number`},
		{"fractional step", `{"name":"a","value":1,"step":1.5}`, "not a JSON object"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			in := `{"name":"ok","value":1}` + "\n" + c.line + "\n" + `{"name":"ok","value":2}` + "\n"
			got, err := experiment.ParseMetrics(strings.NewReader(in))
			var mfe *experiment.MetricsFileError
			require.True(t, errors.As(err, &mfe), "error %v", err)
			require.Equal(t, 2, mfe.Line)
			require.Contains(t, mfe.Reason, c.reason)
			require.Contains(t, err.Error(), "line 2")
			require.Len(t, got["ok"], 2, "good lines are kept")
		})
	}
}
