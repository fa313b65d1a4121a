package main

// rootCommand builds the command tree. Each call builds a new tree, with
// new flag variables.
func rootCommand() *command {
	return &command{
		name:    "amlgo",
		summary: "train models on compute targets: workspaces, compute targets, runs, run configurations, conda files and snapshots",
		example: "amlgo run submit-script train.py -e demo -t local -- --epochs 5",
		subs: []*command{
			workspaceCommand(),
			computeCommand(),
			runCommand(),
			experimentCommand(),
			runconfigCommand(),
			condaCommand(),
			snapshotCommand(),
			completionCommand(),
		},
	}
}

// workspaceCommand is "amlgo workspace".
func workspaceCommand() *command {
	return &command{
		name:    "workspace",
		summary: "show the workspace and write its config.json",
		example: "amlgo workspace show",
		subs:    []*command{workspaceShowCommand(), workspaceWriteConfigCommand()},
	}
}

// computeCommand is "amlgo computetarget".
func computeCommand() *command {
	return &command{
		name:    "computetarget",
		summary: "create, attach, list, show, update, detach and delete compute targets",
		example: "amlgo computetarget list",
		subs: []*command{
			computeCreateCommand(),
			computeAttachCommand(),
			computeListCommand(),
			computeShowCommand(),
			computeDetachCommand(),
			computeUpdateCommand(),
			computeDeleteCommand(),
			computeListNodesCommand(),
			computeListVMSizesCommand(),
		},
	}
}

// runCommand is "amlgo run".
func runCommand() *command {
	return &command{
		name:    "run",
		summary: "submit runs and follow, list, cancel and inspect them",
		example: "amlgo run submit-script train.py -e demo",
		subs: []*command{
			runSubmitCommand(),
			runListCommand(),
			runShowCommand(),
			runLogsCommand(),
			runWaitCommand(),
			runCancelCommand(),
			runDownloadCommand(),
		},
	}
}
