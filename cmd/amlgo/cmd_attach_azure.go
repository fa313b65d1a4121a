package main

import (
	"context"
	"os"

	"github.com/azureml-go/azureml/compute"
	"github.com/azureml-go/azureml/workspace"
)

// azureSSHNote is the help paragraph on attaching to an Azure workspace.
const azureSSHNote = "In an Azure workspace the service attaches it: give --resource-id or --address, and\n" +
	"--password-env or --private-key-file, whose content goes into the request body only\n" +
	"(--known-hosts and --accept-unknown-host do not apply: this machine does not connect)."

// attachAzure attaches the SSH target of s to the Azure workspace ws:
// a VirtualMachine, or an HDInsight cluster when hdi is set.
func (s *sshFlags) attachAzure(ctx context.Context, a *app, ws *workspace.Workspace, path string, hdi bool) error {
	switch {
	case s.agent:
		return &usageError{cmd: path, msg: "--use-agent: an Azure workspace needs the key itself (--private-key-file) or --password-env"}
	case s.passphraseEnv != "":
		return &usageError{cmd: path, msg: "--passphrase-env: an Azure workspace needs an unencrypted private key"}
	}
	cfg := compute.VirtualMachineAttachConfig{ResourceID: s.resourceID, Address: s.address, SSHPort: s.port, Username: s.username}
	if s.passwordEnv != "" {
		if cfg.Password = a.getenv(s.passwordEnv); cfg.Password == "" {
			return &usageError{cmd: path, msg: "--password-env " + s.passwordEnv + ": the variable is empty or not set"}
		}
	}
	if s.keyFile != "" {
		b, err := os.ReadFile(s.keyFile)
		if err != nil {
			return err
		}
		cfg.PrivateKey = string(b)
	}
	var c compute.AzureAttachConfig = &cfg
	if hdi {
		c = (*compute.HDInsightClusterAttachConfig)(&cfg)
	}
	return attachToAzure(ctx, a, ws, s.name, c)
}

// attachToAzure starts an attach to an Azure workspace, waits for it with
// progress and prints the target.
func attachToAzure(ctx context.Context, a *app, ws *workspace.Workspace, name string, cfg compute.AzureAttachConfig) error {
	op, err := compute.Attach(ctx, ws, name, cfg)
	if err != nil {
		return azureOnly(ws, err)
	}
	t, err := waitAzure(ctx, a, "attaching "+name, name, op)
	if err != nil {
		return err
	}
	v := viewOfTarget(t)
	return a.print(v, v.table)
}

func attachDatabricksCommand() *command {
	var name, resourceID, url, tokenEnv string
	const path = "amlgo computetarget attach databricks"
	return &command{
		name:    "databricks",
		summary: "attach an Azure Databricks workspace to the Azure workspace (for pipeline steps)",
		long:    "The access token is read from the variable --access-token-env names and goes into the request body only.",
		example: "amlgo computetarget attach databricks --name dbx --access-token-env DATABRICKS_TOKEN " +
			"--resource-id /subscriptions/S/resourceGroups/R/providers/Microsoft.Databricks/workspaces/W",
		data: true,
		setup: func(f *flags) {
			f.str(&name, "name", "n", "NAME", "", "compute target name in the workspace (required)")
			f.str(&resourceID, "resource-id", "", "ID", "", "ARM id of the Databricks workspace (required)")
			f.str(&url, "workspace-url", "", "URL", "", "the Databricks workspace's URL, https://adb-....azuredatabricks.net")
			f.str(&tokenEnv, "access-token-env", "", "VAR", "", "environment variable holding a Databricks personal access token (required)")
		},
		run: func(ctx context.Context, a *app, _ []string) error {
			cfg := &compute.DatabricksAttachConfig{ResourceID: resourceID, WorkspaceURL: url}
			if tokenEnv != "" {
				if cfg.AccessToken = a.getenv(tokenEnv); cfg.AccessToken == "" {
					return &usageError{cmd: path, msg: "--access-token-env " + tokenEnv + ": the variable is empty or not set"}
				}
			}
			ws, err := a.workspace(ctx)
			if err != nil {
				return err
			}
			return attachToAzure(ctx, a, ws, name, cfg)
		},
	}
}

// accountFlags name an Azure account: a resource id, or a resource group
// and an account name.
type accountFlags struct{ name, group, account, resourceID string }

func (s *accountFlags) declare(f *flags, what string) {
	f.str(&s.name, "name", "n", "NAME", "", "compute target name in the workspace (required)")
	f.str(&s.group, "resource-group", "g", "GROUP", "", "resource group of the "+what+" account (with --account-name)")
	f.str(&s.account, "account-name", "", "NAME", "", what+" account name")
	f.str(&s.resourceID, "resource-id", "", "ID", "", "ARM id of the "+what+" account (instead of the two above)")
}

func attachDataLakeCommand() *command {
	var s accountFlags
	return &command{
		name:    "datalake",
		summary: "attach an Azure Data Lake Analytics account to the Azure workspace (for pipeline steps)",
		example: "amlgo computetarget attach datalake --name adla --resource-group analytics --account-name myadla",
		data:    true,
		setup:   func(f *flags) { s.declare(f, "Data Lake Analytics") },
		run: func(ctx context.Context, a *app, _ []string) error {
			ws, err := a.workspace(ctx)
			if err != nil {
				return err
			}
			return attachToAzure(ctx, a, ws, s.name, &compute.DataLakeAnalyticsAttachConfig{
				ResourceGroup: s.group, AccountName: s.account, ResourceID: s.resourceID})
		},
	}
}

func attachBatchCommand() *command {
	var s accountFlags
	return &command{
		name:    "batch",
		summary: "record an Azure Batch account as a target of a local workspace (for pipeline steps)",
		long: "The Azure Resource Manager API has no Batch compute type: in an Azure workspace this\n" +
			"fails with exit code 7 and sends nothing.",
		example: "amlgo computetarget attach batch --name batch --resource-group pipelines --account-name mybatch",
		data:    true,
		setup:   func(f *flags) { s.declare(f, "Batch") },
		run: func(ctx context.Context, a *app, _ []string) error {
			ws, err := a.workspace(ctx)
			if err != nil {
				return err
			}
			t, err := compute.AttachBatch(ctx, ws, s.name, &compute.BatchAttachConfig{
				ResourceGroup: s.group, AccountName: s.account, ResourceID: s.resourceID})
			if err != nil {
				return err
			}
			v := viewOfTarget(t)
			return a.print(v, v.table)
		},
	}
}
