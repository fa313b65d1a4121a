// Package ignore implements git's ignore rules for snapshot source folders.
//
// The syntax and semantics are git's (gitignore(5)), checked against git
// itself with the shared ignore oracle:
//
//   - a line is a pattern, "#" starts a comment, a UTF-8 byte-order mark and a
//     CR before each LF are dropped, unescaped trailing spaces are trimmed;
//   - "!" negates, a trailing "/" matches directories only (never symlinks),
//     a pattern with no other "/" matches a basename at any depth, otherwise
//     it matches the path relative to the ignore file's folder;
//   - globs are git's wildmatch, byte-wise: "*", "?", "[a-z]", "[!x]",
//     "[[:alpha:]]", backslash escapes, and "**" when it stands between
//     slashes (git >= 2.52: "foo**/bar" does not match "foobar");
//   - within one file the last matching line wins; across files the deepest
//     folder's file that matches decides; an excluded folder is never read,
//     so nothing inside it can be re-included.
//
// In [ModeAML] a folder's .amlignore is read instead of its .gitignore; in
// [ModeGit] only .gitignore counts. Entries named .git are skipped at every
// level, symlinks are listed as files and never followed, an ignore file is
// read only when it is a regular file smaller than 100 MiB, and FIFOs,
// sockets and devices are skipped.
//
// [Walk] lists the files a snapshot keeps, [Explain] tells which file, line
// and pattern decided one path, and [ParseMatcher] compiles a single ignore
// file. Patterns are precompiled: a literal is compared directly, "*.ext" by
// suffix, everything else by a backtracking matcher that does not allocate.
package ignore
