// Package envcache builds the conda environments of system-managed runs,
// once per content hash, into a cache folder shared by every process of a
// workspace.
//
// # Layout
//
// A cache folder (the workspace's <LocalDir>/envs) contains:
//
//	<hash>                  a symbolic link to .builds/<hash>-<random>: the
//	                        published, complete environment
//	.builds/<hash>-<random> the environment's real prefix, where conda built it
//	.builds/<hash>-<random>.yml  the environment file given to conda
//
// An environment is built under a fresh name in .builds and published by
// renaming a symbolic link over <hash> only when conda succeeded and the
// prefix has bin/python. So a failed or interrupted build is never reused:
// without its link it is invisible, and the next build for the same hash
// removes it. The prefix itself never moves after conda wrote it, because a
// conda prefix is not relocatable (conda writes the absolute prefix into
// scripts and activation files).
//
// # Concurrency
//
// A build holds a named inter-process lock ("envs/<hash>", from the
// workspace store) from the check that the environment is missing until it
// is published, so two runs racing for the same environment build it once;
// the second waits and reuses it.
//
// # The conda command line
//
// The tool is conda, mamba or micromamba (the first on PATH, unless one is
// configured). Conda and mamba get
//
//	<tool> env create --prefix <prefix> --file <yml> --quiet
//
// and micromamba gets
//
//	micromamba create --yes --prefix <prefix> --file <yml>
package envcache
