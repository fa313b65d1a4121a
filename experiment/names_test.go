package experiment_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/azureml-go/azureml/experiment"
)

func TestValidateName(t *testing.T) {
	cases := []struct {
		name string
		ok   bool
	}{
		{"train", true},
		{"a", true},
		{"9lives", true},
		{"my-exp_2", true},
		{strings.Repeat("a", 255), true},
		{strings.Repeat("a", 256), false},
		{"", false},
		{"-lead", false},
		{"_lead", false},
		{"has space", false},
		{"dot.ted", false},
		{"slash/y", false},
		{"é", false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := experiment.ValidateName(c.name)
			if c.ok {
				require.NoError(t, err)
				return
			}
			var ve *experiment.ValidationError
			require.True(t, errors.As(err, &ve))
			require.Equal(t, "experiment name", ve.Field)
			require.Equal(t, c.name, ve.Value)
			require.Contains(t, err.Error(), "must be 1 to 255 characters")
		})
	}
}

func TestParseRunID(t *testing.T) {
	exp, at, err := experiment.ParseRunID("train_yolo_full_1559718832_e006a7ea")
	require.NoError(t, err)
	require.Equal(t, "train_yolo_full", exp)
	require.Equal(t, time.Unix(1559718832, 0).UTC(), at)

	for _, bad := range []string{"", "x", "train_1559718832", "train_1559718832_e006a7e",
		"train_1559718832_zzzzzzzz", "train_abc_e006a7ea", "_1559718832_e006a7ea", "1559718832_e006a7ea"} {
		_, _, err := experiment.ParseRunID(bad)
		var ve *experiment.ValidationError
		require.True(t, errors.As(err, &ve), "id %q", bad)
		require.Equal(t, "run id", ve.Field)
	}
}

func TestStatusTerminal(t *testing.T) {
	var final []experiment.Status
	for _, s := range experiment.StatusValues() {
		if s.Terminal() {
			final = append(final, s)
		}
	}
	require.Equal(t, []experiment.Status{experiment.StatusCompleted, experiment.StatusFailed, experiment.StatusCanceled}, final)
}
