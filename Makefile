# The project's commands. `make test` is what CI runs (.ci/run).
SHELL := /bin/bash
GO    ?= go

.PHONY: test deps check unit example bench fuzz

## test: install what integration tests need, then run every test with -race;
## a missing tool fails instead of skipping.
test: deps check
	AZUREML_GO_INTEGRATION=require $(GO) test -race -count=1 ./...

## deps: install the tools integration tests use (apt, as root or via sudo).
deps:
	@./scripts/deps.sh

## check: go vet and gofmt must be clean.
check:
	$(GO) vet ./...
	@out=$$(gofmt -l .); if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi

## unit: the tests that run anywhere (integration tests skip when a tool is missing).
unit:
	$(GO) test ./...

## example: the README's first command (trains a small model on this machine).
example:
	$(GO) run ./examples/local

## bench: side-by-side benchmarks against git, sha256sum, rsync...
bench:
	./bench/run.sh

## fuzz: run each fuzz target for FUZZTIME (default 5m).
FUZZTIME ?= 5m
fuzz:
	$(GO) test ./conda -run='^$$' -fuzz=FuzzParse -fuzztime=$(FUZZTIME)
	$(GO) test ./runconfig -run='^$$' -fuzz=FuzzLoad -fuzztime=$(FUZZTIME)
