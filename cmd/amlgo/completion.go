package main

import (
	"context"
	"fmt"
	"strings"
)

// completeCommand is the hidden command the completion scripts call:
// "amlgo __complete WORD..." prints the candidates for the last word, one
// a line.
const completeCommand = "__complete"

// The completion scripts ask amlgo itself for candidates, so they never go
// stale as commands and flags change.
const (
	bashCompletion = `# bash completion for amlgo; load with: source <(amlgo completion bash)
_amlgo() {
    local IFS=$'\n'
    COMPREPLY=($(compgen -W "$(amlgo __complete "${COMP_WORDS[@]:1:COMP_CWORD}")" -- "${COMP_WORDS[COMP_CWORD]}"))
}
complete -o default -F _amlgo amlgo
`
	zshCompletion = `#compdef amlgo
# zsh completion for amlgo; load with: source <(amlgo completion zsh)
_amlgo() {
    local -a candidates
    candidates=("${(@f)$(amlgo __complete "${(@)words[2,CURRENT]}")}")
    compadd -a candidates
}
compdef _amlgo amlgo
`
	fishCompletion = `# fish completion for amlgo; load with: amlgo completion fish | source
complete -c amlgo -f -a '(amlgo __complete (commandline -opc)[2..-1] (commandline -ct))'
`
)

func completionCommand() *command {
	return &command{
		name:    "completion",
		summary: "print the shell completion script for bash, zsh or fish",
		long: "bash: source <(amlgo completion bash)   (or save it in /etc/bash_completion.d/amlgo)\n" +
			"zsh:  source <(amlgo completion zsh)    (or save it as _amlgo in a folder of $fpath)\n" +
			"fish: amlgo completion fish > ~/.config/fish/completions/amlgo.fish",
		args:    "bash|zsh|fish",
		minArgs: 1, maxArgs: 1,
		example: "amlgo completion bash > /etc/bash_completion.d/amlgo",
		run: func(_ context.Context, a *app, args []string) error {
			scripts := map[string]string{"bash": bashCompletion, "zsh": zshCompletion, "fish": fishCompletion}
			s, ok := scripts[args[0]]
			if !ok {
				return &usageError{cmd: "amlgo completion", msg: fmt.Sprintf("unknown shell %q: want bash, zsh or fish", args[0])}
			}
			_, err := fmt.Fprint(a.stdout, s)
			return err
		},
	}
}

// complete prints the candidates for the last of words (the words typed
// after "amlgo", the last one possibly empty).
func (a *app) complete(root *command, words []string) {
	if len(words) == 0 {
		words = []string{""}
	}
	last := words[len(words)-1]
	c, path, rest := resolve(root, words[:len(words)-1])
	var cands []string
	prev := ""
	if n := len(words); n >= 2 {
		prev = words[n-2]
	}
	switch {
	case c.subs != nil && len(rest) == 0:
		cands = subNames(c)
	case c.subs != nil:
		return
	case prev == "-o" || prev == "--output":
		cands = []string{formatTable, formatJSON, formatYAML}
	case c.name == "completion" && path == "amlgo completion":
		cands = []string{"bash", "zsh", "fish"}
	case strings.HasPrefix(last, "-"):
		cands = a.flagsOf(c, path).names()
	}
	for _, s := range cands {
		if strings.HasPrefix(s, last) {
			fmt.Fprintln(a.stdout, s)
		}
	}
}
