// Package conda reads, edits and writes conda environment specifications:
// the Go form of the Azure ML Python SDK's CondaDependencies.
//
// A [Dependencies] holds the environment name, channels (in priority
// order), conda package specs (python included, as "python=X.Y.Z"), pip
// requirement entries, global pip options, environment variables and the
// prefix that `conda env export` writes. [Parse] and [Load] read the YAML
// that conda reads; [Dependencies.Marshal] and [Dependencies.Save] write it
// in the layout of `conda env export`:
//
//	name: train
//	channels:
//	  - conda-forge
//	dependencies:
//	  - python=3.11.4=hab00c5b_0_cpython
//	  - numpy>=1.24,<2
//	  - pip:
//	      - --extra-index-url https://pypi.example.com/simple
//	      - requests==2.31.0
//	variables:
//	  OMP_NUM_THREADS: "4"
//	prefix: /home/me/miniconda3/envs/train
//
// # Differences from the Python SDK
//
// [New] with nil options returns an empty environment: no python pin and
// no azureml-defaults (a Go program does not run the Azure ML Python
// runtime). [SDKDefaults] returns the SDK's default environment when it is
// wanted. Adding a package that is already present (same name, any
// version) replaces it in place, for conda and pip alike; the SDK appends
// the new pip entry at the end instead. Python may be removed. Comments are
// not preserved by Marshal (the SDK's ruamel round trip keeps them).
//
// Pip entries starting with "-r", "-c" or "-e" (and their long forms) are
// requirement entries, listed by [Dependencies.PipPackages]; other lines
// starting with "-" are global pip options, listed by
// [Dependencies.PipOptions] and written first in the pip list.
//
// # Conda package specs
//
// A conda entry is a subset of conda's MatchSpec:
//
//	spec     = [channel "::"] name [constraint]
//	channel  = text without whitespace or "::", not starting with "-"
//	           ("conda-forge", "pytorch/label/nightly", a URL)
//	name     = (letter | digit | "_") {letter | digit | "_" | "-" | "."}
//	constraint = "=" version "=" build             (conda env export)
//	           | [spaces] expr [spaces build]
//	expr     = clause {("," | "|") clause}       (spaces around operators, "," and "|" are ignored)
//	clause   = [op] version
//	op       = "==" | "!=" | ">=" | "<=" | "~=" | ">" | "<" | "="
//	version  = [digits "!"] segment {"." segment}, segments of letters,
//	           digits, "_", "+" and "*" (so "1.2.*" and "1.2*"); no "-"
//	build    = letters, digits, ".", "_", "+", "*"
//
// Accepted: "numpy", "numpy=1.24", "numpy=1.24.2=py311h8e6699e_0",
// "numpy==1.26.4", "python>=3.8", "pandas >=1.5,<3", "pytorch 2.1.* *cpu*",
// "conda-forge::scikit-learn=1.3". Rejected: "numpy==" (no version),
// "numpy>>1" (unknown operator), "numpy=1.0-1" ("-" in a version). The
// bracket form name[version=...] and parentheses are not supported.
//
// # Pip entries
//
// A pip entry is one of
//
//	requirement = name [extras] [specifiers] [";" marker]   (PEP 508)
//	direct      = name [extras] "@" url [";" marker]
//	url         = scheme "://" text | "file:" text | a path starting with ".", "/" or "~"
//	file ref    = ("-r" | "--requirement" | "-c" | "--constraint" | "-e" | "--editable") argument
//
// where name matches [A-Za-z0-9]([A-Za-z0-9._-]*[A-Za-z0-9])?, specifiers
// are comma-separated (optionally in parentheses) PEP 440 clauses with the
// operators ===, ~=, ==, !=, <=, >=, <, >, and versions follow PEP 440
// (epoch, release, pre, post, dev and local parts, in any of PEP 440's
// accepted spellings). A trailing ".*" is allowed with == and != only, a
// local version ("+cpu") with == and != only, and ~= needs two release
// numbers. "===" takes any text without spaces. Markers are kept as
// written but not checked. Per-requirement options (--hash=...,
// --config-settings) are not supported. The name of a URL entry, used to replace or
// remove it, comes from "#egg=NAME" or the wheel file name.
//
// Global pip options are the ones pip accepts in a requirements file:
// --index-url (-i), --extra-index-url, --find-links (-f), --trusted-host,
// --no-binary, --only-binary and --use-feature (with one argument, written
// "--flag value" or "--flag=value"), and --no-index, --pre,
// --prefer-binary and --require-hashes (without).
//
// No entry may contain a line break or another control character, since
// conda hands the pip list to pip as a requirements file, one entry a line.
//
// # Equality and hashing
//
// [Dependencies.Equal] compares values: same name, prefix, variables and
// the same entries in the same order. [Parse] of [Dependencies.Marshal]'s
// output is always Equal to the original.
//
// [Dependencies.Hash] identifies the environment that would be built, for
// caching: channel order counts (conda gives earlier channels priority),
// while the order of conda packages, pip packages and pip options does not
// (conda's solver and pip's resolver treat requirements as a set, and pip
// options are global). Specs are compared in a normalised form (lowercase
// names, PEP 503 pip names, no spaces inside constraints), and the name
// and prefix are left out. Different spellings of the same constraint
// (python=3.8.* and python 3.8.*) may hash differently; that costs a cache
// miss, never a wrong hit.
//
// A Dependencies is not safe for concurrent mutation.
package conda
