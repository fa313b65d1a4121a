// Package compute holds compute targets: the Target interface, one type per
// kind of target, and what each kind can do.
package compute
