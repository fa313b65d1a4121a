// Package sshx is the SSH and SFTP plumbing of the remote-VM target: it
// dials a host with verified host keys and key, agent or password
// authentication, runs POSIX shell command lines ([Client.Run], which
// implements runfolder.Shell), gives file access over SFTP ([Client.FS],
// which implements runfolder.FS) and re-dials after a dropped connection
// ([Reconnecting]).
//
// # Host keys
//
// Every host key is checked against a known_hosts file (default
// ~/.ssh/known_hosts). A key that differs from the recorded one is a
// [*HostKeyError] showing both fingerprints; a host that is not recorded is
// an [*UnknownHostError], unless [Config.AcceptUnknownHost] opts in to
// trust on first use, which appends the key to the file.
//
// # Secrets
//
// [Config] holds a password and a key passphrase. They are never part of
// an error, a log record or a formatted Config: String, GoString, Format
// and LogValue print "REDACTED" in their place.
package sshx
