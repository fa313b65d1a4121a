package workspace_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/azureml-go/azureml/workspace"
)

func TestValidateName(t *testing.T) {
	tests := []struct {
		name string
		ok   bool
	}{
		{"abc", true},
		{"my-ws_01", true},
		{"0ws", true},
		{strings.Repeat("a", 33), true},
		{"ab", false},
		{strings.Repeat("a", 34), false},
		{"-ws", false},
		{"_ws", false},
		{"my ws", false},
		{"my.ws", false},
		{"wsé1", false},
		{"", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := workspace.ValidateName(tt.name)
			if tt.ok {
				require.NoError(t, err)
				return
			}
			var ve *workspace.ValidationError
			require.ErrorAs(t, err, &ve)
			require.Equal(t, "workspace_name", ve.Field)
			require.Equal(t, tt.name, ve.Value)
			require.Equal(t, `workspace: workspace_name "`+tt.name+`": Workspace name must be between 3 and 33 characters long. `+
				`Its first character has to be alphanumeric, and the rest may contain hyphens and underscores. No whitespace is allowed.`, err.Error())
		})
	}
}

func TestKindValues(t *testing.T) {
	require.Equal(t, []workspace.Kind{workspace.KindLocal, workspace.KindAzure}, workspace.KindValues())
}
