// Package runfolder runs a training script detached from its client and
// records its life in a folder, so that the run survives the client and
// any later process can re-attach: read its status, stream its log from
// any offset, cancel it, read its result.
//
// The same protocol serves the local disk and a remote host: everything
// goes through two small interfaces, [FS] (file access; [LocalFS] here, an
// SFTP client for a remote host) and [Shell] (one POSIX shell command
// line; [LocalShell] here, an SSH session for a remote host). The host
// needs a POSIX sh and setsid(1); it does not need python.
//
// # Layout
//
//	<run>/spec.json                       what to run (argv, env, timeout, grace), written by Prepare
//	<run>/command.sh                      the same as a shell script: exports, then exec of argv
//	                                      (sourced by the supervisor; `sh command.sh` runs it alone)
//	<run>/supervisor.sh                   the supervisor (embedded in this package)
//	<run>/wd/                             the script's working directory: the caller copies the
//	                                      snapshot here; outputs/ and logs/ are created empty
//	<run>/azureml-logs/70_driver_log.txt  the script's stdout and stderr, merged in order, with
//	                                      "[time] runfolder: ..." lines from the supervisor
//	<run>/status.json                     written by the supervisor: state, supervisor pid, the
//	                                      script's process group, UTC start and end times, exit
//	                                      status, reason, error; created with one write (Running),
//	                                      then replaced atomically (temporary file, then rename)
//	<run>/cancel                          the cancel request marker; holds the grace in seconds
//
// # Lifecycle
//
// [Prepare] writes the folder; the caller fills wd/; [Start] launches the
// supervisor with `setsid nohup sh supervisor.sh ... </dev/null >>LOG
// 2>&1 &` and returns once it has recorded Running. With a [LocalShell]
// (on Unix) Start execs the supervisor itself in a new session, without
// the shell, setsid and nohup in between, and hands it a pipe that it
// closes once its first status is recorded, so Start does not poll. The
// env(1) probe below can be cached across starts with a [HostProbe].
//
// The supervisor runs command.sh in a new session (so the script and all
// its children form one process group that can be signalled without
// touching the supervisor), with HUP, INT and QUIT reset to their defaults
// when the host's env(1) supports --default-signal, and waits for it. It
// sources command.sh in a forked subshell that execs setsid, env and the
// program in turn, rather than starting a shell for it: the chain from
// launch to the script is the supervisor's shell, setsid, env and the
// program, one process start fewer per run. When the
// script's leader exits, processes it left in its group get SIGTERM (and
// SIGKILL after five seconds), then the final status is written:
// Completed (exit 0), Failed (non-zero exit, a signal, or the timeout),
// or Canceled. The last log line is always written before the final
// status, which is what lets [Follow] drain the log exactly. On the local
// disk under Linux, [Follow] and [Wait] wake on inotify events rather than
// on a timer, so they see new output and the end at once.
//
// # Durability
//
// Every file the package writes is replaced atomically (a temporary file,
// then a rename), so a reader never sees a mix and a writer killed at any
// point (SIGKILL included) leaves the old or the new content. The one
// exception is the supervisor's first status.json (Running), which does
// not exist before: it is created with a single write of a few hundred
// bytes, which a reader sees empty or whole, and an empty status.json
// reads as not started. Nothing is
// fsynced: that would guard only against a power loss or kernel crash,
// which also ends the run's processes, and costs milliseconds per file.
//
// A supervisor killed outright leaves status.json at Running with a pid
// that no longer runs it; [ReadStatus], [Wait] and [Follow] report such a
// run Failed with [ReasonSupervisorDied].
//
// # Known limits
//
// Only the shell's exit status is known, so a status from 129 to 192 is
// reported as death by signal (status-128). A process that leaves the
// script's process group (setsid, double fork into a new group) is not
// stopped by cancel, timeout or the end-of-run sweep. Times have
// nanosecond precision where date(1) supports %N, seconds elsewhere.
package runfolder
