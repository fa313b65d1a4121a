package compute

// fromRegistration returns the target a registration describes: a
// *RemoteVM or *HDInsight for an SSH host recorded by an attach, else a
// *Registered that knows only the name and kind.
func fromRegistration(reg registration) Target {
	if h, ok := hostFromProperties(reg.Properties); ok {
		switch reg.Kind {
		case KindVirtualMachine:
			return newRemoteVM(reg.Name, h)
		case KindHDInsight:
			return newHDInsight(reg.Name, h)
		}
	}
	return &Registered{name: reg.Name, kind: reg.Kind, props: reg.Properties}
}
