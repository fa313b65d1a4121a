package arm

import (
	"bytes"
	"encoding/json"
	"fmt"
	"log/slog"
	"testing"

	"github.com/stretchr/testify/require"
)

// testSecrets are the secret values the redaction tests plant; none may
// appear in printed or marshaled forms.
var testSecrets = []string{"p@ss-w0rd-xyz", "PRIVATE-KEY-abc123", "vm-pass-456", "dapi-token-789", "kube-config-000"}

func secretBearingValues() []any {
	return []any{
		Secret("p@ss-w0rd-xyz"),
		&UserAccountCredentials{AdminUserName: "azureuser", AdminUserPassword: "p@ss-w0rd-xyz"},
		UserAccountCredentials{AdminUserName: "azureuser", AdminUserPassword: "p@ss-w0rd-xyz"},
		VirtualMachineSSHCredentials{Username: "u", Password: "vm-pass-456", PrivateKeyData: "PRIVATE-KEY-abc123"},
		DatabricksProperties{DatabricksAccessToken: "dapi-token-789", WorkspaceURL: "https://adb"},
		ComputeSecrets{ComputeType: ComputeTypeAKS, UserKubeConfig: "kube-config-000", AdminKubeConfig: "kube-config-000"},
		&ComputeSecrets{ComputeType: ComputeTypeVirtualMachine, AdministratorAccount: &VirtualMachineSSHCredentials{Password: "vm-pass-456", PrivateKeyData: "PRIVATE-KEY-abc123"}},
		&ComputeResource{Properties: &Compute{ComputeType: ComputeTypeHDInsight, Properties: &HDInsightProperties{
			AdministratorAccount: &VirtualMachineSSHCredentials{Password: "vm-pass-456"}}}},
		AmlComputeProperties{UserAccountCredentials: &UserAccountCredentials{AdminUserName: "a", AdminUserPassword: "p@ss-w0rd-xyz"}},
		ComputeResource{Name: "c", Properties: &Compute{ComputeType: ComputeTypeVirtualMachine, Properties: &VirtualMachineProperties{
			AdministratorAccount: &VirtualMachineSSHCredentials{Username: "u", PrivateKeyData: "PRIVATE-KEY-abc123"}}}},
		Compute{ComputeType: ComputeTypeDatabricks, Properties: &DatabricksProperties{DatabricksAccessToken: "dapi-token-789"}},
	}
}

func TestSecretsRedactedWhenPrintedOrMarshaled(t *testing.T) {
	formats := []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%X", "%10v"}
	for i, v := range secretBearingValues() {
		t.Run(fmt.Sprintf("%d-%T", i, v), func(t *testing.T) {
			var out bytes.Buffer
			for _, f := range formats {
				fmt.Fprintf(&out, f+"\n", v)
			}
			fmt.Fprintln(&out, v)
			b, err := json.Marshal(v)
			require.NoError(t, err)
			out.Write(b)
			slog.New(slog.NewJSONHandler(&out, nil)).Info("m", "v", v)
			slog.New(slog.NewTextHandler(&out, nil)).Info("m", "v", v)
			for _, s := range testSecrets {
				require.NotContains(t, out.String(), s)
			}
		})
	}
}

func TestSecretForms(t *testing.T) {
	s := Secret("hunter2")
	require.Equal(t, "hunter2", s.Reveal())
	require.Equal(t, "REDACTED", s.String())
	require.Equal(t, `"REDACTED"`, fmt.Sprintf("%#v", s))
	require.Equal(t, `"REDACTED"`, fmt.Sprintf("%q", s))
	require.Equal(t, "", Secret("").String(), "an empty secret prints empty, so absence stays visible")
	b, err := json.Marshal(struct{ S Secret }{s})
	require.NoError(t, err)
	require.JSONEq(t, `{"S":"REDACTED"}`, string(b))
	var back struct{ S Secret }
	require.NoError(t, json.Unmarshal([]byte(`{"S":"from-wire"}`), &back))
	require.Equal(t, "from-wire", back.S.Reveal())
	require.Error(t, json.Unmarshal([]byte(`{"S":5}`), &back))
}

func TestWireJSONCarriesSecretsThatJSONRedacts(t *testing.T) {
	r := ComputeResource{Properties: &Compute{ComputeType: ComputeTypeVirtualMachine, Properties: &VirtualMachineProperties{
		AdministratorAccount: &VirtualMachineSSHCredentials{Username: "u", Password: "vm-pass-456", PrivateKeyData: "PRIVATE-KEY-abc123"}}}}
	wire, err := r.wireJSON()
	require.NoError(t, err)
	require.Contains(t, string(wire), "vm-pass-456")
	require.Contains(t, string(wire), "PRIVATE-KEY-abc123")
	logged, err := json.Marshal(r)
	require.NoError(t, err)
	require.NotContains(t, string(logged), "vm-pass-456")
	require.Contains(t, string(logged), `"password":"REDACTED"`)
}
