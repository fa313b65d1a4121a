# azureml-go run-folder supervisor (written by runfolder.Prepare; do not edit).
#
# Usage: sh supervisor.sh RUN_DIR SHELL TIMEOUT GRACE [START_TIME [RESET]]
#   RUN_DIR     absolute path of the run folder
#   SHELL       POSIX shell that runs this script (unused: command.sh is
#               sourced by this shell; kept so that launchers need not change)
#   TIMEOUT     seconds before the script is stopped (0: never)
#   GRACE       seconds between SIGTERM and SIGKILL when the timeout fires
#   START_TIME  the launch time (UTC, RFC 3339) when the launcher's clock is
#               this host's; empty: the supervisor reads the clock itself
#   RESET       "reset" or "noreset": whether env(1) supports
#               --default-signal, as the launcher already probed; empty:
#               the supervisor probes
#
# Started detached (in a new session, stdin /dev/null, stdout and stderr
# appended to the driver log). File descriptor 3, when open, is a readiness
# pipe: the supervisor closes it (and keeps it from the script) once it has
# recorded its first status, so a launcher waiting for end-of-file needs no
# polling. It runs command.sh in a new session, so in its own
# process group, waits for it, and records the outcome in status.json
# (written to a temporary file, then renamed). SIGTERM means "cancel": the
# script's process group gets SIGTERM, then SIGKILL after the grace period
# written in the cancel marker. SIGUSR1 comes from its own timeout watchdog.
# Portable sh only (dash, bash, busybox ash); no python.

dir=$1
timeout=${3:-0}
grace=${4:-10}
status_file=$dir/status.json
child=
reason=
killer=
watchdog=
end_time=
start_time=$5
reset=$6
frac=.%N

# now: sets $t to the UTC time; nanoseconds where date(1) has %N (checked
# on first use, so no separate probe runs). It sets a variable rather than
# printing, so a call costs one process, not two.
now() {
	t=$(date -u "+%Y-%m-%dT%H:%M:%S${frac}Z")
	case $t in
	*[!0-9TZ:.-]* | *.Z)
		frac=
		t=$(date -u "+%Y-%m-%dT%H:%M:%SZ")
		;;
	esac
}
[ -n "$start_time" ] || {
	now
	start_time=$t
}

# say_at TIME MESSAGE...: a timestamped log line; say reads the clock.
say_at() {
	t=$1
	shift
	printf '[%s] runfolder: %s\n' "$t" "$*"
}
say() {
	now
	say_at "$t" "$@"
}

# status_line STATE EXIT_STATUS REASON ERROR prints status.json's content.
status_line() {
	printf '{"version":1,"state":"%s","supervisor_pid":%s,"pgid":%s,"start_time":"%s","end_time":"%s","exit_status":%s,"reason":"%s","error":"%s"}\n' \
		"$1" "$$" "${child:-0}" "$start_time" "$end_time" "${2:-null}" "$3" "$4"
}

# write_status STATE EXIT_STATUS REASON ERROR replaces status.json
# atomically (a temporary file, then mv).
write_status() {
	status_line "$@" >"$status_file.tmp.$$" && mv -f "$status_file.tmp.$$" "$status_file"
}

# first_status STATE EXIT_STATUS REASON ERROR creates status.json, which
# does not exist yet, with one write: a reader sees it empty (as if
# absent) or whole, and the start of every run saves the process that mv
# would cost (about 2 ms).
first_status() {
	status_line "$@" >"$status_file"
}

# fail_start ERROR: the script could not be started.
fail_start() {
	now
	end_time=$t
	say_at "$end_time" "cannot start the script: $1; run Failed"
	write_status Failed null start_failed "$1"
	exit 1
}

# group_alive: is any process of the script's group alive? kill -0 also
# counts zombies, which an init that does not reap (containers) keeps
# forever, so a positive answer is checked against /proc when it exists.
group_alive() {
	kill -0 -"$child" 2>/dev/null || return 1
	[ -r /proc/self/stat ] || return 0
	for f in /proc/[0-9]*/stat; do
		{ read -r line <"$f"; } 2>/dev/null || continue
		rest=${line##*) }
		st=${rest%% *}
		rest=${rest#* }
		rest=${rest#* }
		[ "$st" != Z ] && [ "${rest%% *}" = "$child" ] && return 0
	done
	return 1
}

# after SECONDS COMMAND...: run COMMAND after a delay, in the background;
# SIGTERM to the returned pid ($!) cancels it, sleep included.
after() {
	delay=$1
	shift
	(
		trap 'kill "$sp" 2>/dev/null; exit 0' TERM
		sleep "$delay" &
		sp=$!
		wait "$sp" && "$@"
	) 3>&- &
}

kill_group() {
	say "grace period over: SIGKILL to process group $child"
	kill -KILL -"$child" 2>/dev/null
}

# stop_child REASON: SIGTERM to the script's group, SIGKILL after grace.
stop_child() {
	[ -n "$reason" ] || reason=$1
	[ -n "$child" ] && [ -z "$killer" ] || return 0
	say "stopping the script ($1): SIGTERM to process group $child"
	kill -TERM -"$child" 2>/dev/null
	after "$grace" kill_group
	killer=$!
}

on_cancel() {
	[ -e "$dir/cancel" ] || : >"$dir/cancel"
	g=$(cat "$dir/cancel" 2>/dev/null)
	case $g in
	'' | *[!0-9.]* | *.*.*) ;;
	*) grace=$g ;;
	esac
	stop_child canceled
}

trap on_cancel TERM
trap 'stop_child timeout' USR1

# sweep: after the script's leader exits, stop what it left in its group.
sweep() {
	group_alive || return 0
	say "stopping processes left in process group $child: SIGTERM"
	kill -TERM -"$child" 2>/dev/null
	n=0
	while group_alive; do
		n=$((n + 1))
		if [ "$n" -gt 50 ]; then
			kill_group
			return 0
		fi
		sleep 0.1 2>/dev/null || sleep 1
	done
}

finish() {
	rc=$1
	trap '' TERM USR1
	[ -z "$watchdog" ] || kill "$watchdog" 2>/dev/null
	# The end is when the script's leader exited: read the clock before a
	# sweep (which may take seconds), else later, beside tail (below).
	end_time=
	if group_alive; then
		now
		end_time=$t
		sweep
	fi
	[ -z "$killer" ] || kill "$killer" 2>/dev/null
	if [ "$reason" = canceled ]; then
		state=Canceled
	elif [ "$reason" = timeout ]; then
		state=Failed
	elif [ "$rc" -eq 0 ]; then
		state=Completed
	else
		state=Failed
		reason=exit
	fi
	# The log's last byte (does the last line need a newline first?) and
	# the clock are read side by side: tail feeds the group, which runs
	# date meanwhile. read fails at end of file without a newline; with a
	# byte read, that byte was not a newline.
	tail -c 1 "$dir/azureml-logs/70_driver_log.txt" 2>/dev/null | {
		if [ -z "$end_time" ]; then
			now
			end_time=$t
		fi
		IFS= read -r last || [ -z "$last" ] || echo
		say_at "$end_time" "script ended with exit status $rc; run $state"
		write_status "$state" "$rc" "$reason" ""
	}
	exit 0
}

cd "$dir/wd" 2>/dev/null || fail_start "cannot enter the working directory wd"
command -v setsid >/dev/null 2>&1 || fail_start "setsid not found on PATH"
case $reset in
reset) ;;
noreset) reset= ;;
*) if env --default-signal=HUP,INT,QUIT true 2>/dev/null; then reset=reset; else reset=; fi ;;
esac
[ -z "$reset" ] || reset="env --default-signal=HUP,INT,QUIT"
if [ -e "$dir/cancel" ] || [ -n "$reason" ]; then
	now
	end_time=$t
	say_at "$end_time" "canceled before the script started; run Canceled"
	write_status Canceled null canceled ""
	exit 0
fi

say_at "$start_time" "supervisor $$ starting the script"
# A subshell (a fork, no new shell to start) sources command.sh, whose
# exports apply to it alone and whose last line execs "$@" (setsid, then
# env --default-signal when supported) before the program. The subshell
# is not a process group leader (no job control), so setsid execs in place
# and $! is the script's pid, its process group id and its session id; the
# traps set above are reset to the defaults in the subshell.
# The script's stderr is the log (fd 8); the shell's own stderr goes to
# /dev/null while it waits, because bash reports a killed job ("Killed").
# The script gets neither fd 8 nor the readiness pipe (fd 3).
exec 8>&2 2>/dev/null
# shellcheck disable=SC2086 # $reset is empty or several words on purpose
(
	set -- setsid $reset
	. "$dir/command.sh"
) 2>&8 8>&- 3>&- &
child=$!
first_status Running null "" ""
exec 3>&-
[ ! -e "$dir/cancel" ] || on_cancel
case $timeout in
'' | *[!0.]*)
	after "$timeout" kill -USR1 $$
	watchdog=$!
	;;
esac
while :; do
	wait "$child" 2>/dev/null
	rc=$?
	kill -0 "$child" 2>/dev/null || break
done
# A wait cut short by a trapped signal (TERM, USR1) returns 128+signal; if
# the script ended during the trap, ask once more for its real status.
if [ "$rc" -gt 128 ]; then
	wait "$child" 2>/dev/null
	r=$?
	[ "$r" -eq 127 ] || rc=$r
fi
exec 2>&8 8>&-
finish "$rc"
